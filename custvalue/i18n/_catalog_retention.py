"""Retention economics and win-back (custvalue.retention): errors, the claims' sentences,
the reasons a customer left."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors: the frames ----------------------------------------------------------------
    "retention.bad_date": (
        "{name} must be a date (e.g. 2024-12-31); got {got}. Give a date or a datetime.",
        "{name} 须为日期（如 2024-12-31），实际为 {got}。请填写日期或日期时间。",
    ),
    "retention.not_dates": (
        "{frame}: column {column} holds {dtype}, not dates. Convert it to dates "
        "(YYYY-MM-DD) or datetimes first.",
        "{frame}：列 {column} 的类型为 {dtype}，不是日期。请先转换为日期（YYYY-MM-DD）或日期时间。",
    ),
    "retention.not_whole_numbers": (
        "{frame}: column {column} holds {dtype}, not whole numbers of cents. Give amounts "
        "as integer cents (¥12.34 is 1234; a refund is negative).",
        "{frame}：列 {column} 的类型为 {dtype}，不是以分为单位的整数。金额请以整数“分”填写"
        "（¥12.34 即 1234；退款为负数）。",
    ),
    "retention.not_numbers": (
        "{frame}: column {column} holds {dtype}, not numbers. Give numbers (or leave the "
        "value empty when unknown).",
        "{frame}：列 {column} 的类型为 {dtype}，不是数值。请填写数值（未知时留空）。",
    ),
    "retention.null_values": (
        "{frame}: column {column} is empty in {count} rows (first: row {row}). Fill it in "
        "or drop those rows.",
        "{frame}：列 {column} 有 {count} 行为空（第一处：第 {row} 行）。请补全或删除这些行。",
    ),
    "retention.out_of_range": (
        "{frame}: column {column} is out of range in {count} rows (first: customer "
        "{first}, {value}); allowed: {rule}. Correct those values.",
        "{frame}：列 {column} 有 {count} 行超出范围（第一处：客户 {first}，值为 {value}）；"
        "允许范围：{rule}。请更正这些值。",
    ),
    "retention.no_orders": (
        "No order (amount above 0) on or before {as_of}: there is no cohort to follow. "
        "Check the orders and the as_of date.",
        "截至 {as_of} 没有任何订单（金额大于 0），无法形成客户队列。请检查订单数据和截止日期（as_of）。",
    ),
    "retention.no_complete_period": (
        "Every order up to {as_of} falls in {partial}, a period that is not over yet at "
        "that date, so it is left out. Give an as_of on the period's last day, choose a "
        "shorter period (quarter, month) or use a longer history.",
        "截至 {as_of} 的订单全部落在 {partial}，该期间在此日期尚未结束，因而不计入。请将截止日期"
        "设为期间最后一天、改用更短的期间（季度、月），或提供更长的历史数据。",
    ),
    "retention.not_cohorts": (
        "sbg_retention needs the result of observed_retention; got {got}. Call "
        "observed_retention(orders) first and pass its result.",
        "sbg_retention 需要 observed_retention 的结果，实际为 {got}。请先调用 "
        "observed_retention(orders)，再传入其结果。",
    ),
    "retention.too_few_periods": (
        "No cohort is observed one full period after its acquisition (last complete "
        "period: {last_complete}), so nothing tells how customers stay. Use a longer "
        "history or a shorter period.",
        "没有任何队列在获客之后被观察满一个完整期间（最后完整期间：{last_complete}），无从得知客户"
        "留存情况。请提供更长的历史数据或改用更短的期间。",
    ),
    # -- errors: the simulator -------------------------------------------------------------
    "retention.bad_length": (
        "{name} has {count} values; a value by tenure needs 1 to {maximum} (the last one "
        "is repeated for every later year). Give a single number or a shorter list.",
        "{name} 有 {count} 个值；按客龄给出的值须为 1 至 {maximum} 个（最后一个值沿用到以后各年）。"
        "请给一个数值或更短的列表。",
    ),
    "retention.overflow": (
        "The projection's money reaches {value} cents, more than can be counted: the "
        "customers grow too fast for too long (e.g. a high referral rate with little "
        "churn). Shorten the horizon or lower the referral rate.",
        "预测的金额达到 {value} 分，超出可计算的范围：客户数增长过快、持续过久（例如推荐率高而流失"
        "少）。请缩短预测年数或降低推荐率。",
    ),
    "retention.not_assumptions": (
        "The simulator needs an Assumptions object; got {got}. Build one with "
        "Assumptions(starting_customers=…, retention=…, revenue_cents=…, margin_rate=…).",
        "模拟需要一个 Assumptions 对象，实际为 {got}。请用 Assumptions(starting_customers=…, "
        "retention=…, revenue_cents=…, margin_rate=…) 创建。",
    ),
    "retention.unknown_assumption": (
        "{name} is not an assumption that can be changed; use one of: {allowed}.",
        "{name} 不是可修改的假设项；可用的有：{allowed}。",
    ),
    # -- errors: win-back ------------------------------------------------------------------
    "retention.empty_rule": (
        "The lapse rule has neither a days test nor a P(alive) test, so nobody would "
        "count as lost. Give days (e.g. 365), p_alive_below (e.g. 0.3) or both.",
        "流失规则既无天数条件也无存活概率条件，任何客户都不会被判为流失。请设置 days（如 365）、"
        "p_alive_below（如 0.3）或两者。",
    ),
    "retention.not_a_rule": (
        "rule must be a LapseRule; got {got}. Build one with LapseRule(days=365, "
        "p_alive_below=0.3) or leave rule out for that default.",
        "rule 须为 LapseRule，实际为 {got}。请用 LapseRule(days=365, p_alive_below=0.3) 创建，"
        "或不填以使用该默认规则。",
    ),
    "retention.after_as_of": (
        "{count} customers have a last order after {as_of} (first: {first}): the list "
        "cannot say how long they have been away. Give a later as_of or correct "
        "last_order.",
        "有 {count} 位客户的最近订单晚于 {as_of}（第一位：{first}），无法计算其已离开多久。请设置"
        "更晚的截止日期或更正 last_order。",
    ),
    "retention.backtest_needs_days": (
        "The back-test on past orders needs a days test (P(alive) at past dates is not "
        "known), and the rule has none. Give backtest_days (e.g. 365) or a rule with days.",
        "基于历史订单的回测需要天数条件（过去各时点的存活概率未知），而当前规则没有。请设置 "
        "backtest_days（如 365），或使用含 days 的规则。",
    ),
    # -- the claims ------------------------------------------------------------------------
    "retention.claim_inside": (
        "On your numbers, {points} points less churn raise profit over {years} years by "
        "{profit_uplift} % (NPV: {npv_uplift} %): inside the claimed {low}–{high} %.",
        "按您的数据，流失率降低 {points} 个百分点，{years} 年内利润增加 {profit_uplift}%"
        "（净现值：{npv_uplift}%），落在所称的 {low}–{high}% 区间之内。",
    ),
    "retention.claim_below": (
        "On your numbers, {points} points less churn raise profit over {years} years by "
        "{profit_uplift} % (NPV: {npv_uplift} %): below the claimed {low}–{high} %.",
        "按您的数据，流失率降低 {points} 个百分点，{years} 年内利润增加 {profit_uplift}%"
        "（净现值：{npv_uplift}%），低于所称的 {low}–{high}%。",
    ),
    "retention.claim_above": (
        "On your numbers, {points} points less churn raise profit over {years} years by "
        "{profit_uplift} % (NPV: {npv_uplift} %): above the claimed {low}–{high} %.",
        "按您的数据，流失率降低 {points} 个百分点，{years} 年内利润增加 {profit_uplift}%"
        "（净现值：{npv_uplift}%），高于所称的 {low}–{high}%。",
    ),
    "retention.claim_undefined": (
        "On your numbers the base makes no profit over {years} years, so an uplift in % "
        "means nothing and cannot be set against the claimed {low}–{high} %; compare the "
        "profit in cents instead.",
        "按您的数据，基准方案在 {years} 年内没有利润，百分比增幅没有意义，无法与所称的 "
        "{low}–{high}% 比较；请直接比较利润金额。",
    ),
    "retention.ratio_inside": (
        "Winning a new customer costs {ratio} times keeping one: inside the claimed "
        "{low}–{high} ×.",
        "获得一位新客户的成本是保留一位老客户的 {ratio} 倍，落在所称的 {low}–{high} 倍之内。",
    ),
    "retention.ratio_below": (
        "Winning a new customer costs {ratio} times keeping one: below the claimed {low}–{high} ×.",
        "获得一位新客户的成本是保留一位老客户的 {ratio} 倍，低于所称的 {low}–{high} 倍。",
    ),
    "retention.ratio_above": (
        "Winning a new customer costs {ratio} times keeping one: above the claimed {low}–{high} ×.",
        "获得一位新客户的成本是保留一位老客户的 {ratio} 倍，高于所称的 {low}–{high} 倍。",
    ),
    "retention.ratio_undefined": (
        "Keeping a customer costs nothing on your numbers, so the ratio to the "
        "acquisition cost is not defined (the claim is {low}–{high} ×).",
        "按您的数据，保留老客户不花费任何成本，因此无法计算与获客成本的倍数（所称为 {low}–{high} 倍）。",
    ),
    # -- the reasons a customer left -------------------------------------------------------
    "retention.reason_complaints": ("Complaints", "有投诉"),
    "retention.reason_low_satisfaction": ("Low satisfaction", "满意度低"),
    "retention.reason_unknown": ("Unknown", "原因不明"),
}
