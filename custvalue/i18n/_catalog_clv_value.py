"""Texts of the potential value (CLV in profit terms), the holdout metrics and the
value-added services of ``custvalue value``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "clv.opt_margin": (
        "Profit share of spend (0.3 = 30 %): CLV = margin × expected spend. Default: from "
        "the orders' cost of goods when they carry one, else 1 (revenue terms).",
        "消费中利润所占比例（0.3 表示 30%）：CLV = 利润率 × 预期消费。默认：订单带有成本时按成本计算，"
        "否则为 1（按收入计）。",
    ),
    "clv.reason_margin": (
        "must be a share of spend between 0 (excluded) and 1, e.g. 0.3 for 30 %",
        "须为 0（不含）到 1 之间的比例，例如 30% 写作 0.3",
    ),
    "clv.reason_horizon": (
        "must be a positive number of time units, at most 10,000 (e.g. 52 weeks)",
        "须为不超过 10,000 的正的时间单位数（例如 52 周）",
    ),
    "clv.reason_discount": (
        "must be an annual rate from 0 up to 10 (0.1 = 10 % a year)",
        "须为 0 到 10 之间的年折现率（0.1 表示每年 10%）",
    ),
    "clv.reason_intervals": (
        "must be a whole number of bootstrap draws from 0 to 10,000",
        "须为 0 到 10,000 之间的自助抽样次数",
    ),
    "clv.hint_example": ("For example: {example}.", "例如：{example}。"),
    "clv.reason_date": ("must be a date written YYYY-MM-DD", "须为 YYYY-MM-DD 格式的日期"),
    "clv.reason_number": ("must be a number", "须为数字"),
    "clv.reason_after": (
        "must come after the end of the calibration period",
        "须晚于校准期结束日",
    ),
    "clv.bad_margin": (
        "margin {value} is not a share of spend: give a number between 0 (excluded) and 1, "
        "e.g. 0.3 for 30 %.",
        "利润率 {value} 不是有效比例：请给出 0（不含）到 1 之间的数，例如 30% 写作 0.3。",
    ),
    "clv.margin_given": ("margin {margin}", "利润率 {margin}"),
    "clv.margin_cogs": ("margin {margin} from cost of goods", "利润率 {margin}（按商品成本计算）"),
    "clv.margin_none": ("revenue terms (no margin)", "按收入计（未扣成本）"),
    "clv.margin_hint": (
        "CLV is in revenue terms: the orders carry no cost of goods. Give the profit share "
        "with --margin (e.g. --margin 0.3) for the potential value in profit terms.",
        "CLV 按收入计算：订单没有商品成本。用 --margin 给出利润率（例如 --margin 0.3），"
        "即可得到按利润计的潜在价值。",
    ),
    "clv.score_caption": (
        "{models}, {margin}, discounted at {discount} a year. Ages in {unit} since the "
        "first purchase; expected spend is per purchase.",
        "{models}，{margin}，按年折现率 {discount} 折现。客户年龄以{unit}计、自首次购买起算；"
        "预期单次消费为每次购买的金额。",
    ),
    "clv.validate_title": (
        "Holdout check of {model}: calibrated to {calibration_end}, holdout to {observation_end}",
        "{model} 保留期检验：校准期截至 {calibration_end}，保留期截至 {observation_end}",
    ),
    "clv.validate_caption": (
        "Repeat purchases (purchase days) per customer in the holdout; errors are "
        "predicted − actual.",
        "保留期内每位客户的重复购买次数（按购买日计）；误差 = 预测 − 实际。",
    ),
    "metric.holdout_customers": ("Customers", "客户数"),
    "metric.actual_total": ("Actual repeat purchases (total)", "实际重复购买次数（合计）"),
    "metric.predicted_total": ("Predicted repeat purchases (total)", "预测重复购买次数（合计）"),
    "metric.total_error_pct": ("Error of the total", "合计误差"),
    "metric.mae": ("Mean absolute error per customer", "每位客户的平均绝对误差"),
    "metric.rmse": ("Root mean squared error per customer", "每位客户的均方根误差"),
    "metric.correlation": ("Correlation, predicted and actual", "预测与实际的相关系数"),
    "value.nothing_yet": (
        "There are no customers or orders in the database yet. Import them with "
        "`custvalue import customers FILE` and `custvalue import orders FILE`, or load the "
        "demo company with `custvalue demo`.",
        "数据库中还没有客户或订单。请用 `custvalue import customers 文件` 和 "
        "`custvalue import orders 文件` 导入，或用 `custvalue demo` 载入演示公司。",
    ),
    "value.customer_nothing_yet": (
        "customer {id} is not in the database: it has no customers or orders yet. Import "
        "them with `custvalue import customers FILE` and `custvalue import orders FILE`, or "
        "load the demo company with `custvalue demo`.",
        "数据库中没有客户 {id}：数据库中还没有客户或订单。请用 `custvalue import customers 文件` 和 "
        "`custvalue import orders 文件` 导入，或用 `custvalue demo` 载入演示公司。",
    ),
    "value.reason_no_scores": (
        "no CLV scores are saved yet to sort by",
        "尚未保存可用于排序的 CLV 评分",
    ),
    "value.potential_caption": (
        "Potential value ({models}, {horizon} {unit}, {margin}; scores of run {run_id}, "
        "calibrated to {calibration_end}). Total value = realized + potential + referral net.",
        "潜在价值（{models}，{horizon} {unit}，{margin}；第 {run_id} 次运行的评分，"
        "校准期截至 {calibration_end}）。价值合计 = 既成价值 + 潜在价值 + 推荐净收入。",
    ),
    "value.potential_missing": (
        "Potential and total value appear once a CLV model has scored the customers: "
        "run `custvalue clv score` (e.g. `custvalue clv score --margin 0.3`).",
        "为客户做过 CLV 评分后才显示潜在价值与价值合计：请运行 `custvalue clv score`"
        "（例如 `custvalue clv score --margin 0.3`）。",
    ),
    "value.services_caption": (
        "Value added = orders of added services (category or product: {names}).",
        "增值价值 = 增值服务订单（类别或产品为：{names}）。",
    ),
    "value.opt_service_category": (
        "A category (or product) of added services whose orders count as value added "
        "(增值价值); repeat for several; *X matches every name ending in X. Default: *服务, "
        "售后, 咨询, *service, consulting and others (docs/ledger.md).",
        "计入增值价值的增值服务类别（或产品）；可重复指定；*X 匹配所有以 X 结尾的名称。"
        "默认：*服务、售后、咨询、*service、consulting 等（见 docs/ledger.md）。",
    ),
    "value.bad_service_categories": (
        "service categories must be a list of non-empty names, e.g. ['售后服务', '咨询'] "
        "(got {got}).",
        "增值服务类别须为非空名称的列表，例如 ['售后服务', '咨询']（实际为 {got}）。",
    ),
    "col.potential_value": ("Potential value", "潜在价值"),
    "col.overall_value": ("Total value", "价值合计"),
    "col.service": ("Services", "增值服务"),
}
