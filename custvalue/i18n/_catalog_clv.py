"""Messages of the predictive CLV models (``custvalue clv``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "clv.bad_unit": (
        "time unit '{value}' is not supported; use one of {choices}.",
        "不支持时间单位“{value}”；请使用 {choices} 之一。",
    ),
    "clv.bad_observation_end": (
        "the observation end {observation_end} is before the calibration end "
        "{calibration_end}; give a later date or leave it out.",
        "观察期结束日 {observation_end} 早于校准期结束日 {calibration_end}；请给出更晚的日期或省略。",
    ),
    "clv.not_finite": (
        "row {index}: frequency, recency and T must be numbers (found x={x}, t_x={t_x}, "
        "T={T}; {count} row(s) affected).",
        "第 {index} 行：frequency、recency 和 T 必须是数值（x={x}，t_x={t_x}，T={T}；共 {count} 行）。",
    ),
    "clv.bad_frequency": (
        "row {index}: frequency must be a whole number ≥ 0 (found {x}; {count} row(s) "
        "affected). It counts repeat purchase periods.",
        "第 {index} 行：frequency 必须是 ≥ 0 的整数（实际为 {x}；共 {count} 行）。它表示重复购买的期数。",
    ),
    "clv.bad_recency": (
        "row {index}: recency must be between 0 and T (found t_x={t_x}, T={T}; {count} "
        "row(s) affected). Check that both use the same time unit.",
        "第 {index} 行：recency 必须在 0 与 T 之间（t_x={t_x}，T={T}；共 {count} 行）。"
        "请确认两者使用相同的时间单位。",
    ),
    "clv.bad_T": (
        "row {index}: T must be > 0 (found {T}; {count} row(s) affected): the customer's "
        "first purchase must be before the calibration end.",
        "第 {index} 行：T 必须大于 0（实际为 {T}；共 {count} 行）：客户首购须早于校准期结束日。",
    ),
    "clv.recency_without_repeat": (
        "row {index}: recency is {t_x} but frequency is 0; with no repeat purchase recency "
        "must be 0 ({count} row(s) affected).",
        "第 {index} 行：frequency 为 0 但 recency 为 {t_x}；没有重复购买时 recency 必须为 0"
        "（共 {count} 行）。",
    ),
    "clv.empty_summary": (
        "no customers to fit: the summary is empty (check the calibration end date).",
        "没有可拟合的客户：汇总为空（请检查校准期结束日）。",
    ),
    "clv.too_few_repeaters": (
        "the spend model needs at least 3 customers with repeat purchases and positive "
        "spend (found {count}).",
        "消费金额模型至少需要 3 位有重复购买且金额为正的客户（实际 {count} 位）。",
    ),
    "clv.bad_penalizer": (
        "penalizer must be a finite number ≥ 0 (found {value}).",
        "penalizer 必须是 ≥ 0 的有限数值（实际为 {value}）。",
    ),
    "clv.no_convergence": (
        "the {model} model did not converge ({detail}; last values {params}). Try a small "
        "penalizer (e.g. 0.001), check the time unit (weeks are usual), or remove customers "
        "with implausible histories.",
        "{model} 模型未收敛（{detail}；最后的参数 {params}）。可尝试较小的 penalizer（如 0.001），"
        "检查时间单位（通常用周），或剔除历史记录异常的客户。",
    ),
    "clv.gg_infinite_mean": (
        "the fitted spend model has q = {q} ≤ 1, so its mean spend is infinite; fit with a "
        "penalizer or check for extreme amounts.",
        "拟合得到的消费模型 q = {q} ≤ 1，平均消费为无穷大；请使用 penalizer 拟合或检查极端金额。",
    ),
    "model.not_fitted": (
        "the {model} model is not fitted yet; call fit() first.",
        "{model} 模型尚未拟合；请先调用 fit()。",
    ),
    "clv.bad_cohort": (
        "cohort {cohort}: counts must start with the cohort size (> 0) and never increase, "
        "as whole numbers (found {counts}).",
        "第 {cohort} 个队列：人数须以队列规模（> 0）开头且不增加，并为整数（实际为 {counts}）。",
    ),
    "clv.bad_discount": (
        "discount rate {value} per period is out of range; use e.g. 0.1 for 10 % per year "
        "or 0.0019 for 10 % a year in weeks.",
        "每期折现率 {value} 超出范围；例如年率 10% 用 0.1，按周计算时约为 0.0019。",
    ),
    "clv.bad_model": (
        "unknown model '{value}'; use one of {choices}.",
        "未知模型“{value}”；请使用 {choices} 之一。",
    ),
    "clv.no_orders": (
        "there are no orders in the database yet. Import them with "
        "`custvalue import orders FILE`, or load the demo company with `custvalue demo`.",
        "数据库中还没有订单。请用 `custvalue import orders 文件` 导入，或用 `custvalue demo` 载入演示公司。",
    ),
    "clv.degenerate": (
        "the {model} model runs off to the edge of its parameter space ({params}): the data "
        "cannot identify it (for example almost no repeat purchases, or every customer with "
        "the same history). Fit with a small penalizer (e.g. 0.01), use more history, or "
        "check the calibration end and time unit.",
        "{model} 模型的参数趋于边界（{params}）：数据无法识别该模型（例如几乎没有重复购买，或所有客户的历史都相同）。"
        "请使用较小的 penalizer（如 0.01）拟合、使用更长的历史，或检查校准期结束日和时间单位。",
    ),
    "clv.bad_bgbb_row": (
        "row {index}: x={x}, t_x={t_x}, n={n} is not a possible history ({count} row(s)): "
        "whole numbers with 0 ≤ x ≤ t_x ≤ n, n ≥ 1, and t_x = 0 exactly when x = 0.",
        "第 {index} 行：x={x}、t_x={t_x}、n={n} 不是可能的历史（共 {count} 行）："
        "须为整数且 0 ≤ x ≤ t_x ≤ n、n ≥ 1，并且仅当 x = 0 时 t_x = 0。",
    ),
}
