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
    "clv.bad_monetary": (
        "row {index}: monetary_value must be a finite amount ≥ 0 (found {value}; {count} "
        "row(s) affected). It is the mean spend of the customer's repeat purchases (0, or "
        "missing, when there is none).",
        "第 {index} 行：monetary_value 必须是 ≥ 0 的有限金额（实际为 {value}；共 {count} 行）。"
        "它是客户重复购买的平均消费（没有重复购买时为 0 或留空）。",
    ),
    "clv.mismatched_lengths": (
        "the values given have different lengths ({lengths}); give one value per customer "
        "in each (or a single value for all).",
        "给出的数值长度不一致（{lengths}）；请为每位客户各给一个值（或对所有客户给一个值）。",
    ),
    "clv.too_many_steps": (
        "a horizon of {horizon} in steps of {step} makes {steps} steps; at most {limit} are "
        "allowed. Use a larger step (e.g. step={suggested}) or a shorter horizon.",
        "预测期 {horizon}、步长 {step} 共 {steps} 步；最多允许 {limit} 步。"
        "请使用更大的步长（如 step={suggested}）或更短的预测期。",
    ),
    "clv.no_cohorts": (
        "no cohort to fit: give the counts of at least one cohort, e.g. [1000, 631, 468] "
        "(the cohort size, then the customers still active after each period).",
        "没有可拟合的队列：请至少给出一个队列的人数，例如 [1000, 631, 468]"
        "（队列规模，然后是每期结束后仍活跃的客户数）。",
    ),
    "clv.sbg_one_period": (
        "every cohort is observed for one period only: the counts give the share lost in the "
        "first period but not how retention changes with tenure, which every projection "
        "needs. Give at least one cohort observed for two periods or more, or fit with a "
        "small penalizer (e.g. 0.01) to choose among the estimates that fit equally well.",
        "每个队列都只观察了一期：人数只说明第一期流失的比例，无法说明留存率如何随在网时长变化，"
        "而任何预测都需要这一点。请至少给出一个观察了两期或以上的队列，或使用较小的 penalizer"
        "（如 0.01）拟合，在同样吻合的估计中选出一个。",
    ),
    "clv.bad_weight": (
        "row {index}: the weight must be a finite number ≥ 0 (found {value}; {count} row(s) "
        "affected). It counts the customers with that history.",
        "第 {index} 行：权重必须是 ≥ 0 的有限数值（实际为 {value}；共 {count} 行）。它表示具有该历史的客户数。",
    ),
    "clv.too_many_periods": (
        "row {index}: n={n} opportunities; the BG/BB model takes at most {limit}. Count "
        "opportunities in coarser periods (weeks instead of days, months instead of weeks).",
        "第 {index} 行：n={n} 次机会；BG/BB 模型最多支持 {limit} 次。"
        "请按更粗的周期计算机会（用周代替日，用月代替周）。",
    ),
    "clv.not_a_model": (
        "{name} must be a fitted {expected} model (got {got}).",
        "{name} 必须是已拟合的 {expected} 模型（实际为 {got}）。",
    ),
    "clv.not_a_date": (
        "{name} must be a date, e.g. date(2024, 6, 30) (got {got!r}).",
        "{name} 必须是日期，例如 date(2024, 6, 30)（实际为 {got!r}）。",
    ),
    "clv.cannot_compute": (
        "the model cannot compute this prediction in floating point (row {index} gives "
        "{value}): the values are too extreme. Check the time unit and the horizon.",
        "模型无法以浮点数计算该预测（第 {index} 行得到 {value}）：数值过于极端。请检查时间单位和预测期。",
    ),
    "clv.beyond_range": (
        "the {model} model's estimates ({params}) are beyond floating point: the amounts or "
        "times are too large (near 10³⁰⁸). Express them in a larger unit.",
        "{model} 模型的估计值（{params}）超出了浮点数范围：金额或时间过大（接近 10³⁰⁸）。请改用更大的单位。",
    ),
}
