"""The referral programme, excellent customers and the doubling plan (custvalue.referral)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "referral.missing_value": (
        "{frame}: column '{column}' is empty in row {row}; every row needs a value there. "
        "Fill it in or remove the row.",
        "{frame}：第 {row} 行的“{column}”列为空；每一行都必须填写该列。请补上或删除该行。",
    ),
    "referral.not_a_time": (
        "{frame}: column '{column}' holds {dtype}, not dates or times; give dates "
        "(2026-03-01) or date-times (2026-03-01 09:30).",
        "{frame}：“{column}”列的类型是 {dtype}，不是日期或时间；请给出日期（2026-03-01）"
        "或日期时间（2026-03-01 09:30）。",
    ),
    "referral.not_cents": (
        "{frame}: column '{column}' holds {dtype}; money is given as whole cents "
        "(12800 for 128.00), not as decimals or text.",
        "{frame}：“{column}”列的类型是 {dtype}；金额须以整数“分”给出（128.00 元写作 "
        "12800），不能是小数或文本。",
    ),
    "referral.unknown_refund": (
        "orders: refund {order_id} refunds order {refund_of}, which is not an order in "
        "the table (or is itself a refund). Give the id of the original order.",
        "订单：退款 {order_id} 指向的订单 {refund_of} 不在表中（或本身就是退款）。"
        "请填写原订单的编号。",
    ),
    "referral.unknown_criterion": (
        "excellent-customer criteria: '{key}' is not a criterion; use one of: {allowed}.",
        "优秀客户标准：“{key}”不是可用的标准；请使用以下之一：{allowed}。",
    ),
    "referral.no_criteria": (
        "excellent-customer criteria: none given ({got}); give at least one, e.g. "
        "min_orders_per_year = 4.",
        "优秀客户标准：未给出任何标准（{got}）；请至少给出一条，例如 min_orders_per_year = 4。",
    ),
    "referral.criterion_not_list": (
        "excellent-customer criteria: '{key}' = {value} is not a list of names; give "
        'one or more, e.g. {key} = ["manufacturing", "retail"].',
        "优秀客户标准：“{key}” = {value} 不是名称列表；请给出一个或多个名称，例如 "
        '{key} = ["制造业", "零售"]。',
    ),
    "referral.bad_start": (
        "doubling plan: the start {got} is not a date; give one such as 2026-01-01.",
        "客户倍增计划：起始日期 {got} 不是日期；请给出如 2026-01-01 的日期。",
    ),
    "referral.empty_base": (
        "doubling plan: no customer was acquired before the start {start}, so there is "
        "no base to multiply. Choose a later start or import the earlier customers.",
        "客户倍增计划：起始日期 {start} 之前没有获得任何客户，没有可倍增的基数。"
        "请选择更晚的起始日期，或导入更早的客户。",
    ),
    "referral.referral_cycle": (
        "customers: the referrals go round in a loop ({chain}); customer {customer_id} "
        "cannot be referred, directly or not, by themselves. Correct referred_by.",
        "客户：推荐关系形成了循环（{chain}）；客户 {customer_id} 不能直接或间接地由自己推荐。"
        "请更正 referred_by 列。",
    ),
    # refusal reasons (data facts in the claims frame)
    "referral.reason_self_referral": ("referred themselves", "自己推荐自己"),
    "referral.reason_duplicate": (
        "the same referrer claimed again",
        "同一推荐人重复登记",
    ),
    "referral.reason_already_credited": (
        "another referrer was bound first",
        "已有其他推荐人先行绑定",
    ),
    "referral.reason_ordered_before_binding": (
        "had ordered before being bound: not a new customer",
        "绑定前已下过单，不属于新客户",
    ),
    # reward states
    "referral.state_awaiting_order": ("awaiting a first valid order", "等待首笔有效订单"),
    "referral.state_pending": ("pending (refund window open)", "冻结中（退款期内）"),
    "referral.state_earned": ("earned", "已发放"),
    "referral.state_clawed_back": ("clawed back (order refunded)", "已追回（订单退款）"),
    "referral.state_capped": ("over the monthly cap", "超出每月上限"),
}
