"""The member card (贵宾卡): stored value, points, the movement ledger and member tiers."""

MESSAGES: dict[str, tuple[str, str]] = {
    # arguments of the operations and of the policy
    "card.bad_amount": (
        "{name} must be a whole number of cents with {name} {rule}; got {got}. Give money in cents (分) as an integer, e.g. 60000 for 600 元.",
        "{name} 须为整数金额（单位：分），且 {name} {rule}；实际为 {got}。请以分为单位填写整数，例如 600 元填 60000。",
    ),
    "card.bad_rate": (
        "{name} must be a number with {rule}; got {got}. Write it as a decimal, e.g. 0.05 for 5 %.",
        "{name} 须为满足 {rule} 的数值；实际为 {got}。请填写小数，例如 5% 填 0.05。",
    ),
    "card.bad_time": (
        "{name} must be a date and time (datetime), all naive or all with the same kind of time zone; got {got}.",
        "{name} 须为日期时间（datetime），且全部不带时区或全部带时区；实际为 {got}。",
    ),
    "card.bad_period": (
        "The statement period {start} – {end} is not valid: give two dates with start on or before end.",
        "对账期间 {start} – {end} 无效：请给出两个日期，且开始日期不晚于结束日期。",
    ),
    "card.earn_above_value": (
        "Points would be worth more than the money paid: earn rate {rate} × multiplier {multiplier} × point value {value} cents = {product} > 1. Lower the earn rate, the tier multiplier or the point value.",
        "积分价值将超过实付金额：积分比例 {rate} × 等级倍数 {multiplier} × 每分积分价值 {value} 分 = {product}，大于 1。请降低积分比例、等级倍数或积分价值。",
    ),
    "card.unknown_setting": (
        "Unknown setting {name}; the allowed ones are: {allowed}.",
        "未知设置项 {name}；可用的设置项为：{allowed}。",
    ),
    "card.no_card": (
        "This card state has no card id: replay the card's movements with card_id=… before posting an operation.",
        "该卡状态没有卡号：请先用 card_id=… 回放该卡的流水，再记账。",
    ),
    "card.exceeds_bill": (
        "The stored value and points given ({covered} cents) exceed the bill of {amount} cents; pay at most the bill from the card.",
        "使用的储值与积分抵扣合计 {covered} 分，超过账单金额 {amount} 分；卡上支付不得超过账单金额。",
    ),
    "card.points_short": (
        "{need} points are needed but only {balance} points are usable on {on}; use fewer points or pay the rest another way.",
        "需要 {need} 积分，但 {on} 可用积分仅 {balance}；请减少抵扣积分，或以其他方式支付差额。",
    ),
    "card.missing_ref": (
        "Movement {movement_id} ({kind}) has no reference: give the bill's order or folio number as ref, so a refund can find it.",
        "流水 {movement_id}（{kind}）缺少单据号：请在 ref 中填写账单的订单号或账单号，以便日后退款时查找。",
    ),
    # the ledger
    "card.insufficient_stored": (
        "Movement {movement_id} takes {need} cents of stored value but the card holds {balance} cents. Reload the card and compute the movement again, or pay the rest another way.",
        "流水 {movement_id} 需扣储值 {need} 分，但卡内余额仅 {balance} 分。请重新读取该卡后再计算，或以其他方式支付差额。",
    ),
    "card.insufficient_points": (
        "Movement {movement_id} takes {need} points from lot {lot}, which holds {balance}: the points are no longer there (computed from an outdated balance?). Reload the card and compute the movement again.",
        "流水 {movement_id} 需从积分批次 {lot} 扣 {need} 积分，但该批次仅剩 {balance}：积分已不在（可能依据过时的余额计算）。请重新读取该卡后再计算。",
    ),
    "card.unknown_spend": (
        "There is no spend with reference {ref} on this card; check the bill number.",
        "该卡没有单据号为 {ref} 的消费；请核对账单号。",
    ),
    "card.already_refunded": (
        "The spend {ref} has already been refunded; a bill can be refunded once only.",
        "消费 {ref} 已退款；一笔账单只能退款一次。",
    ),
    "card.duplicate_ref": (
        "A {kind} with reference {ref} is already on this card; the same document cannot be posted twice.",
        "该卡已有单据号为 {ref} 的{kind}流水；同一单据不能重复记账。",
    ),
    "card.out_of_order": (
        "Movement {movement_id} at {at} comes after movement {previous_id} at {previous_at}: ids must increase and times never go back. Load the movements in order; a movement computed from an outdated state must be computed again.",
        "流水 {movement_id}（{at}）排在流水 {previous_id}（{previous_at}）之后：流水号须递增，时间不得倒退。请按顺序读取流水；依据过时状态计算的流水须重新计算。",
    ),
    "card.other_card": (
        "Movement {movement_id} belongs to card {got}, not to card {card_id}; load one card's movements at a time.",
        "流水 {movement_id} 属于卡 {got}，而非卡 {card_id}；请每次只读取一张卡的流水。",
    ),
    "card.bad_kind": (
        "Movement {movement_id} has kind {got}; the kinds are: {allowed}.",
        "流水 {movement_id} 的类型为 {got}；可用类型为：{allowed}。",
    ),
    "card.bad_field": (
        "Movement {movement_id} ({kind}): {field} is {got}, but a {kind} movement needs {field} {rule}.",
        "流水 {movement_id}（{kind}）：{field} 为 {got}，而 {kind} 流水要求 {field} {rule}。",
    ),
    "card.unknown_lot": (
        "Movement {movement_id} names points lot {lot}, which is not on this card; a lot is the id of the movement that credited the points.",
        "流水 {movement_id} 指向的积分批次 {lot} 不在该卡上；积分批次号是入账该批积分的流水号。",
    ),
    "card.lot_expired": (
        "Movement {movement_id} redeems points of lot {lot}, which expired on {expires_on}; expired points cannot pay a bill.",
        "流水 {movement_id} 使用了积分批次 {lot} 的积分，该批次已于 {expires_on} 到期；过期积分不能抵扣账单。",
    ),
    "card.not_expired": (
        "Movement {movement_id} expires lot {lot}, whose points are valid until {expires_on} (empty: they never expire); expire a lot only on or after its date.",
        "流水 {movement_id} 将积分批次 {lot} 作过期处理，但该批次有效期至 {expires_on}（为空表示永不过期）；只能在到期日当天或之后作过期处理。",
    ),
    "card.refund_mismatch": (
        "Movement {movement_id} (refund of {ref}): {field} is {got}, but it must be {rule} for this bill. A refund gives back exactly what the bill took and earned.",
        "流水 {movement_id}（退款 {ref}）：{field} 为 {got}，而该账单要求 {rule}。退款只能冲回该账单所扣及所赠的金额与积分。",
    ),
    "card.opening_late": (
        "Movement {movement_id} is an opening balance after other movements; opening balances come first.",
        "流水 {movement_id} 为期初余额，却排在其他流水之后；期初余额须排在最前。",
    ),
    "card.no_reason": (
        "Adjustment {movement_id} has no reason; a manual correction must say why (kept in note for the audit).",
        "调整流水 {movement_id} 未填写原因；人工调整须说明原因（记入备注以备审计）。",
    ),
    # member tiers
    "card.tiers_empty": (
        "No member tiers are given; give at least one tier, with threshold 0.",
        "未设置会员等级；请至少设置一个门槛为 0 的等级。",
    ),
    "card.tier_duplicate": (
        "The tier name {tier!r} is empty or given twice; give each tier its own name.",
        "等级名称 {tier!r} 为空或重复；每个等级须有唯一名称。",
    ),
    "card.tier_thresholds": (
        "The tier thresholds ({tiers}) must start at 0 and increase strictly; fix the thresholds.",
        "等级门槛（{tiers}）须从 0 开始并严格递增；请修改门槛。",
    ),
    "card.tier_not_mapping": (
        "The settings of tier {tier} must be a table of fields (threshold, discount …); got {got}.",
        "等级 {tier} 的设置须为字段表（threshold、discount 等）；实际为 {got}。",
    ),
    "card.tier_no_threshold": (
        "Tier {tier} has no threshold; give the growth value from which it applies.",
        "等级 {tier} 缺少门槛；请填写该等级起始的成长值。",
    ),
    "card.unknown_tier": (
        "Unknown tier {tier}; the tiers are: {allowed}.",
        "未知等级 {tier}；可用等级为：{allowed}。",
    ),
}
