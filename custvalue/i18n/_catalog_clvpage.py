"""The workbench's predictive CLV pages."""

MESSAGES: dict[str, tuple[str, str]] = {
    "clvpage.title": ("Predictive CLV", "预测 CLV"),
    "clvpage.intro": (
        "How many purchases each customer will make, whether they are still active, and "
        "what they will be worth: fitted on the orders, checked on a holdout period.",
        "预测每位客户未来的购买次数、是否仍然活跃以及未来价值：基于订单拟合，并用保留期数据检验。",
    ),
    "clvpage.no_run": (
        "No CLV has been scored yet: score it below (or with custvalue clv score).",
        "尚未计算 CLV：请在下方评分（或运行 custvalue clv score）。",
    ),
    "clvpage.fact_run": ("Scored run", "评分运行"),
    "clvpage.fact_model": ("Model", "模型"),
    "clvpage.fact_calibration": ("Orders up to", "使用订单截至"),
    "clvpage.fact_horizon": ("Horizon", "预测期"),
    "clvpage.fact_discount": ("Annual discount rate", "年折现率"),
    "clvpage.fact_margin": ("Margin", "利润率"),
    "clvpage.fact_scored": ("Customers scored", "已评分客户"),
    "clvpage.margin_option": ("given", "手工指定"),
    "clvpage.margin_cogs": ("from the orders' costs", "按订单成本计算"),
    "clvpage.margin_none": ("revenue terms", "按收入计"),
    "clvpage.model_bgnbd": ("BG/NBD", "BG/NBD"),
    "clvpage.model_mbgnbd": ("MBG/NBD", "MBG/NBD"),
    "clvpage.model_pareto": ("Pareto/NBD", "Pareto/NBD"),
    "clvpage.model_gg": ("Gamma-Gamma spend", "Gamma-Gamma 消费模型"),
    "clvpage.purchase_model": ("purchases", "购买"),
    "clvpage.spend_model": ("spend", "消费"),
    "clvpage.params_table": ("Fitted parameters", "拟合参数"),
    "clvpage.col_model": ("Model", "模型"),
    "clvpage.col_parameter": ("Parameter", "参数"),
    "clvpage.col_value": ("Value", "取值"),
    "clvpage.top_table": ("The {n} customers of highest CLV", "CLV 最高的 {n} 位客户"),
    "clvpage.top_none": (
        "The snapshot holds no CLV yet: it is refreshed after each scoring run.",
        "快照中还没有 CLV：每次评分后会自动刷新。",
    ),
    "clvpage.all_by_clv": ("Every customer by CLV", "按 CLV 查看全部客户"),
    "clvpage.score_title": ("Score every customer", "为全部客户评分"),
    "clvpage.score_intro": (
        "Fits the model and the Gamma-Gamma spend model on the orders, and computes each "
        "customer's P(alive), expected purchases and CLV over the horizon, discounted. "
        "Runs as a job; the customer pages follow when it ends.",
        "在订单上拟合购买模型和 Gamma-Gamma 消费模型，计算每位客户的存活概率、预期购买次数和预测期内折现后的 CLV。"
        "作为后台任务运行；结束后客户页面随之更新。",
    ),
    "clvpage.field_unit": ("Time unit", "时间单位"),
    "clvpage.field_horizon": ("Horizon (units)", "预测期（单位数）"),
    "clvpage.field_discount": ("Annual discount (0.1 = 10 %)", "年折现率（0.1 = 10%）"),
    "clvpage.field_margin": ("Margin (0–1)", "利润率（0–1）"),
    "clvpage.margin_hint": ("from costs", "按成本"),
    "clvpage.field_calibration": ("Use orders up to", "使用订单截至"),
    "clvpage.field_observation": ("Holdout ends", "保留期截至"),
    "clvpage.score_button": ("Score", "开始评分"),
    "clvpage.validate_title": ("Validate on a holdout", "保留期验证"),
    "clvpage.validate_intro": (
        "Fits on the orders up to a date and compares what the model predicts with what "
        "customers bought after it: tracking, purchases by frequency, the matrices.",
        "用某日之前的订单拟合，再把模型预测与该日之后客户的实际购买比较：跟踪图、按频次的购买、矩阵图。",
    ),
    "clvpage.validate_button": ("Validate", "开始验证"),
    "clvpage.validations": ("Validations", "验证记录"),
    "clvpage.validation_link": (
        "Validation {id}: {model}, calibration to {end}",
        "验证 {id}：{model}，校准期至 {end}",
    ),
    "clvpage.validation_title": ("CLV validation {id}", "CLV 验证 {id}"),
    "clvpage.validation_intro": (
        "{model} fitted on the orders up to {cal}, judged on the purchases up to {obs}, in {unit}.",
        "{model} 用截至 {cal} 的订单拟合，以截至 {obs} 的购买检验，时间单位：{unit}。",
    ),
    "clvpage.no_validation": (
        "Job {job_id} is not a finished CLV validation.",
        "任务 {job_id} 不是已完成的 CLV 验证。",
    ),
    "clvpage.by_frequency_table": (
        "Holdout purchases by calibration frequency",
        "按校准期频次的保留期购买",
    ),
    "clvpage.metric_customers": ("Customers", "客户数"),
    "clvpage.metric_actual_total": ("Holdout purchases, actual", "保留期实际购买"),
    "clvpage.metric_predicted_total": ("Holdout purchases, predicted", "保留期预测购买"),
    "clvpage.metric_total_error_pct": ("Error of the total", "总量误差"),
    "clvpage.metric_mae": ("Mean absolute error", "平均绝对误差"),
    "clvpage.metric_rmse": ("Root mean square error", "均方根误差"),
    "clvpage.metric_correlation": ("Correlation per customer", "逐客户相关系数"),
    "jobspage.see_validation": ("See the validation", "查看验证结果"),
    "jobspage.see_clv": ("See predictive CLV", "查看预测 CLV"),
    "jobspage.done_clv_score": (
        "Every customer is scored; the figures are being refreshed.",
        "全部客户已评分；数据正在刷新。",
    ),
    "jobspage.done_clv_validate": ("The validation is done.", "验证已完成。"),
    "col.scored": ("Customers scored", "已评分客户"),
    "col.run_id": ("Run", "运行编号"),
    "col.horizon": ("Horizon", "预测期"),
    "col.holdout_customers": ("Customers in the holdout", "保留期客户数"),
}
