"""Texts of ``custvalue clv``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.clv_help": (
        "Predictive CLV: fit purchase and spend models, score customers, validate on a holdout.",
        "预测性客户终身价值：拟合购买与消费模型、为客户打分、用保留期验证。",
    ),
    "cli.clv_fit_help": (
        "Fit a purchase model (and Gamma-Gamma spend) on the stored orders.",
        "在已导入的订单上拟合购买模型（及 Gamma-Gamma 消费模型）。",
    ),
    "cli.clv_score_help": (
        "Fit, then write P(alive), expected purchases and CLV per customer to clv_scores.",
        "拟合后把每位客户的存活概率、预期购买次数和 CLV 写入 clv_scores。",
    ),
    "cli.clv_validate_help": (
        "Calibrate up to --calibration-end and compare predictions with the holdout.",
        "以 --calibration-end 之前的数据校准，并与保留期的实际购买比较。",
    ),
    "cli.opt_clv_model": (
        "Model: bgnbd, mbgnbd, pareto (purchases), gg (spend only) or sbg (cohort retention, "
        "fit only; --unit month is usual).",
        "模型：bgnbd、mbgnbd、pareto（购买）、gg（仅消费金额）或 sbg（队列留存，仅拟合；通常配合 --unit month）。",
    ),
    "cli.opt_unit": ("Time unit: day, week or month.", "时间单位：day、week 或 month。"),
    "cli.opt_calibration_end": (
        "Last day of the calibration period (YYYY-MM-DD; default: the last order date).",
        "校准期最后一天（YYYY-MM-DD；默认为最后一笔订单的日期）。",
    ),
    "cli.opt_observation_end": (
        "Last day of the holdout (YYYY-MM-DD; default: the last order date).",
        "保留期最后一天（YYYY-MM-DD；默认为最后一笔订单的日期）。",
    ),
    "cli.opt_penalizer": (
        "L2 penalty on the parameters (0 = plain maximum likelihood).",
        "参数的 L2 惩罚（0 表示普通最大似然）。",
    ),
    "cli.opt_horizon": (
        "Horizon in time units (e.g. 52 weeks).",
        "预测期（时间单位数，例如 52 周）。",
    ),
    "cli.opt_discount": (
        "Annual discount rate (0.1 = 10 % a year), converted to the time unit.",
        "年折现率（0.1 表示每年 10%），自动换算到时间单位。",
    ),
    "cli.opt_intervals": (
        "Bootstrap draws for 90 % CLV intervals (0 = none).",
        "CLV 90% 区间的自助抽样次数（0 表示不计算）。",
    ),
    "cli.clv_fit_title": (
        "{model} fit ({customers} customers, unit: {unit})",
        "{model} 拟合结果（{customers} 位客户，时间单位：{unit}）",
    ),
    "cli.clv_ll": ("Log-likelihood: {ll:,.2f}", "对数似然：{ll:,.2f}"),
    "cli.clv_score_title": (
        "Top customers by CLV over {horizon} {unit} (run {run_id}, finite horizon)",
        "按 CLV 排名的客户（{horizon} {unit}，运行编号 {run_id}，有限预测期）",
    ),
    "cli.clv_saved": (
        "Saved run {run_id}: {customers} customers in clv_scores.",
        "已保存运行 {run_id}：clv_scores 中 {customers} 位客户。",
    ),
    "cli.clv_validate_title": ("Holdout check", "保留期检验"),
    "cli.clv_by_frequency_title": (
        "Mean holdout purchases by calibration frequency",
        "按校准期购买频次分组的保留期平均购买次数",
    ),
    "col.parameter": ("Parameter", "参数"),
    "col.estimate": ("Estimate", "估计值"),
    "col.std_error": ("Std. error", "标准误"),
    "col.lower_95": ("95 % low", "95% 下限"),
    "col.upper_95": ("95 % high", "95% 上限"),
    "col.p_alive": ("P(alive)", "存活概率"),
    "col.expected_purchases": ("Expected purchases", "预期购买次数"),
    "col.expected_spend": ("Expected spend", "预期单次消费"),
    "col.clv": ("CLV", "客户终身价值"),
    "col.clv_lower": ("CLV 5 %", "CLV 5% 分位"),
    "col.clv_upper": ("CLV 95 %", "CLV 95% 分位"),
    "col.predicted": ("Predicted", "预测"),
    "col.actual": ("Actual", "实际"),
    "col.actual_mean": ("Actual (mean)", "实际（均值）"),
    "col.predicted_mean": ("Predicted (mean)", "预测（均值）"),
    "col.period": ("Period", "期"),
    "col.actual_cumulative": ("Actual (cum.)", "实际（累计）"),
    "col.predicted_cumulative": ("Predicted (cum.)", "预测（累计）"),
    "col.calibration": ("Calibration", "校准期"),
    "col.recency": ("Age at last purchase", "末次购买时的客户年龄"),
    "col.T": ("Age (T)", "客户年龄（T）"),
    "col.monetary_value": ("Mean repeat spend", "平均重复消费"),
    "cli.opt_clv_chart": (
        "Also write the validation charts (tracking, by frequency, P(alive) and "
        "frequency/recency matrices) to this HTML file (works offline).",
        "同时把验证图（跟踪图、按频次对比、存活概率与频次/最近购买矩阵）写入该 HTML 文件（离线可用）。",
    ),
    "cli.clv_chart_written": ("Charts written to {path}", "图表已写入 {path}"),
    "cli.unit_day": ("days", "天"),
    "cli.unit_week": ("weeks", "周"),
    "cli.unit_month": ("months", "月"),
    "cli.sbg_projection_title": (
        "Retention of a cohort of 100 by {unit} period (sBG)",
        "100 位客户组成的队列按期（{unit}）的留存（sBG）",
    ),
    "col.survival": ("Still active", "仍活跃比例"),
    "col.retention_rate": ("Retention rate", "留存率"),
    "col.active": ("Active", "活跃人数"),
}
