"""The member card over the store and ``custvalue card …``: commands, results, refusals."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the commands
    "cards.open_help": (
        "Open a member card for a ledger customer (--customer) or a named holder (--holder); the number is the next VIP number unless --card gives one.",
        "为账本中的客户（--customer）或指定持卡人（--holder）开卡；未用 --card 指定卡号时自动取下一个 VIP 编号。",
    ),
    "cards.recharge_help": (
        "Put money onto a card (amount in 元, e.g. 1000 or 1000.50). Recharging earns no points: points are earned when the money is spent.",
        "为卡充值（金额单位：元，如 1000 或 1000.50）。充值不得积分：消费时才按实付金额积分。",
    ),
    "cards.spend_help": (
        "Record a bill paid with the card: from stored value (--stored, 元), with points (--points), the rest by other means; points are earned on the money paid at the member's tier.",
        "记录一笔用卡消费：储值支付（--stored，元）、积分抵扣（--points），其余以其他方式支付；按会员等级对实付金额积分。",
    ),
    "cards.refund_help": (
        "Refund a bill whole: its stored value comes back, redeemed points go back to their lots, the points it earned are clawed back.",
        "整单退款：退回该账单使用的储值，抵扣的积分退回原批次，追回该账单所得积分。",
    ),
    "cards.expire_help": (
        "Remove the points whose lots have expired (the unused remainder only), on one card or on every open card.",
        "清除已到期积分批次的剩余积分（只清除未使用部分），可针对单张卡或全部有效卡。",
    ),
    "cards.adjust_help": (
        "A manual correction of stored value (--stored, 元, may be negative) or points (--points, may be negative), kept with its --reason in the audit log.",
        "手工调整储值（--stored，元，可为负）或积分（--points，可为负），连同 --reason 一并记入审计日志。",
    ),
    "cards.show_help": (
        "One card: balances replayed from its ledger, usable points, tier and growth, open points lots and the latest movements.",
        "查看单张卡：由流水推算的余额、可用积分、会员等级与成长值、未用完的积分批次和最近的流水。",
    ),
    "cards.statement_help": (
        "A card's statement for a period: balances before, each movement with the balances after it, balances after, totals per kind and per venue.",
        "某卡某期间的对账单：期初余额、每笔流水及其后余额、期末余额，以及按类型和按消费场所的合计。",
    ),
    "cards.list_help": (
        "Cards with their balances replayed from the ledger, and the stored value and points outstanding in all.",
        "列出各卡由流水推算的余额，并给出全部未用储值与积分合计。",
    ),
    "cards.import_help": (
        "Import an existing member list (card, customer or holder, opened, stored balance in 元, points, points expiry); every bad row is named by line, column and value.",
        "导入现有会员名单（卡号、客户编号或持卡人、开卡日期、储值余额（元）、积分、积分到期日）；每一行错误都会注明行号、列名和取值。",
    ),
    "cards.policy_help": (
        "Show the points policy and the member tiers in force; change them with --set NAME=VALUE (earn_rate, point_value_cents, expiry_days, rounding, earn_on_points, cents_per_growth, registration_bonus, yearly_review) and --tiers FILE.",
        "查看当前积分规则与会员等级；用 --set 名称=值（earn_rate、point_value_cents、expiry_days、rounding、earn_on_points、cents_per_growth、registration_bonus、yearly_review）和 --tiers 文件修改。",
    ),
    # arguments and options
    "cards.arg_card": ("The card number, e.g. VIP000001.", "卡号，例如 VIP000001。"),
    "cards.arg_card_or_all": (
        "The card number; without it, every open card.",
        "卡号；不填则处理全部有效卡。",
    ),
    "cards.arg_amount": (
        "The amount in 元, e.g. 1000 or 1000.50.",
        "金额（元），例如 1000 或 1000.50。",
    ),
    "cards.arg_bill": (
        "The bill's amount in 元 (the whole bill, however it is paid).",
        "账单金额（元，整张账单金额，不论如何支付）。",
    ),
    "cards.arg_refund_bill": (
        "The bill number (--ref) of the spend to refund.",
        "要退款的消费的账单号（即消费时的 --ref）。",
    ),
    "cards.arg_file": ("The member list (CSV or Excel).", "会员名单文件（CSV 或 Excel）。"),
    "cards.opt_card_id": (
        "The card number to give (default: the next VIP number).",
        "指定卡号（默认：下一个 VIP 编号）。",
    ),
    "cards.opt_customer": (
        "The ledger customer the card belongs to.",
        "持卡客户在账本中的客户编号。",
    ),
    "cards.opt_holder": (
        "The holder's name (required without --customer; default: the customer's name).",
        "持卡人姓名（未给 --customer 时必填；默认取客户名称）。",
    ),
    "cards.opt_open_stored": (
        "Stored value carried over from an older system, in 元.",
        "从旧系统结转的储值余额（元）。",
    ),
    "cards.opt_open_points": (
        "Points carried over from an older system.",
        "从旧系统结转的积分。",
    ),
    "cards.opt_points_expire": (
        "The day the carried-over points expire (YYYY-MM-DD; default: never).",
        "结转积分的到期日（YYYY-MM-DD；默认永不过期）。",
    ),
    "cards.opt_at": (
        "When it happened (YYYY-MM-DD HH:MM, local time; default: now).",
        "发生时间（YYYY-MM-DD HH:MM，本地时间；默认：现在）。",
    ),
    "cards.opt_venue": (
        "Where: rooms 客房, restaurant 餐厅, spa 水疗, bar 酒吧, banquet 宴会, shop 商店, fitness 健身, or any name.",
        "消费场所：rooms 客房、restaurant 餐厅、spa 水疗、bar 酒吧、banquet 宴会、shop 商店、fitness 健身，也可填写其他名称。",
    ),
    "cards.opt_payment_ref": (
        "The payment's reference (unique on the card when given).",
        "付款单号（填写时在该卡上不得重复）。",
    ),
    "cards.opt_bill_ref": (
        "The bill's order or folio number (unique on the card; a refund names it).",
        "账单的订单号或账单号（在该卡上唯一；退款时凭此查找）。",
    ),
    "cards.opt_from_stored": (
        "The part of the bill paid from stored value, in 元.",
        "账单中用储值支付的部分（元）。",
    ),
    "cards.opt_points_used": (
        "Points redeemed on the bill (the lots expiring first are used first).",
        "本单抵扣的积分（先用最早到期的批次）。",
    ),
    "cards.opt_today": (
        "Expire the lots due on or before this day (YYYY-MM-DD; default: today).",
        "清除到期日不晚于该日的积分批次（YYYY-MM-DD；默认今天）。",
    ),
    "cards.opt_reason": (
        "Why the correction is made (kept with it).",
        "调整原因（随调整一并记录）。",
    ),
    "cards.opt_adjust_stored": (
        "Stored value to add (or, negative, remove), in 元.",
        "增加（负数为扣减）的储值（元）。",
    ),
    "cards.opt_adjust_points": (
        "Points to add (or, negative, remove).",
        "增加（负数为扣减）的积分。",
    ),
    "cards.opt_expires": (
        "The day points added expire (YYYY-MM-DD; default: the policy's days from now).",
        "新增积分的到期日（YYYY-MM-DD；默认按积分规则的有效天数计算）。",
    ),
    "cards.opt_adjust_ref": ("A reference document, if any.", "相关单据号（如有）。"),
    "cards.opt_as_of": (
        "The day to show the card as of (YYYY-MM-DD; default: today).",
        "查看截至哪一天（YYYY-MM-DD；默认今天）。",
    ),
    "cards.opt_last": ("How many of the latest movements to show.", "显示最近多少笔流水。"),
    "cards.opt_from": (
        "First day (YYYY-MM-DD; default: the day the card was opened).",
        "起始日（YYYY-MM-DD；默认开卡日）。",
    ),
    "cards.opt_to": ("Last day (YYYY-MM-DD; default: today).", "截止日（YYYY-MM-DD；默认今天）。"),
    "cards.opt_customer_filter": ("Only the cards of this customer.", "只列该客户的卡。"),
    "cards.opt_holder_filter": (
        "Only holders whose name contains this.",
        "只列姓名包含该文字的持卡人。",
    ),
    "cards.opt_open_only": ("Only cards not closed.", "只列未注销的卡。"),
    "cards.opt_limit": ("How many cards to show.", "最多显示多少张卡。"),
    "cards.opt_set": (
        "A setting to change, NAME=VALUE (repeatable), e.g. earn_rate=0.05, expiry_days=never.",
        "要修改的设置，名称=值（可重复），例如 earn_rate=0.05、expiry_days=never。",
    ),
    "cards.opt_tiers_file": (
        "A TOML or JSON file of tiers replacing them all, one table per tier with its threshold, discount, earn_multiplier and name (e.g. silver: threshold 500, discount 0.02, earn_multiplier 1.1, name 银卡).",
        "替换全部会员等级的 TOML 或 JSON 文件，每个等级一张表，含 threshold、discount、earn_multiplier 与 name（例如 silver：threshold 500、discount 0.02、earn_multiplier 1.1、name 银卡）。",
    ),
    "cards.reason_yuan": (
        "an amount in 元 above 0 with at most two decimals",
        "大于 0 的金额（元），最多两位小数",
    ),
    "cards.reason_signed_yuan": (
        "an amount in 元 other than 0, with at most two decimals (negative to remove)",
        "不为 0 的金额（元），最多两位小数（负数表示扣减）",
    ),
    "cards.hint_yuan": (
        "Write it in 元, e.g. 600 or 600.50.",
        "请以元为单位填写，例如 600 或 600.50。",
    ),
    "cards.hint_signed_yuan": (
        "Write it in 元, e.g. 50 to add or -50.00 to remove.",
        "请以元为单位填写，例如 50 表示增加，-50.00 表示扣减。",
    ),
    "cards.hint_time": (
        "Write it as YYYY-MM-DD HH:MM, e.g. 2024-12-04 17:30.",
        "请写成 YYYY-MM-DD HH:MM，例如 2024-12-04 17:30。",
    ),
    "cards.hint_points": ("Write a whole number, e.g. 3000.", "请填写整数，例如 3000。"),
    "cards.hint_set": (
        "Write it as NAME=VALUE, e.g. --set earn_rate=0.05.",
        "请写成 名称=值，例如 --set earn_rate=0.05。",
    ),
    "cards.reason_points": ("a whole number of points, 0 or more", "不小于 0 的整数积分"),
    "cards.reason_time": ("a date and time, YYYY-MM-DD HH:MM", "日期时间，格式 YYYY-MM-DD HH:MM"),
    "cards.reason_set": ("a setting as NAME=VALUE", "名称=值 形式的设置"),
    # what the commands print
    "cards.opened": (
        "Card {card} opened for {who}; tier {tier}.",
        "已为 {who} 开卡 {card}；会员等级 {tier}。",
    ),
    "cards.balances": (
        "Stored value {stored_before} → {stored} 元; points {points_before} → {points}.",
        "储值 {stored_before} → {stored} 元；积分 {points_before} → {points}。",
    ),
    "cards.tier_changed": ("Tier: {before} → {after}.", "会员等级：{before} → {after}。"),
    "cards.recharged": ("{amount} 元 recharged onto card {card}.", "卡 {card} 充值 {amount} 元。"),
    "cards.spent": (
        "Bill {ref} at {venue} on card {card}: {amount} 元 — {stored} 元 from stored value, {points} points ({points_value} 元), {outside} 元 paid by other means; {earned} points earned.",
        "卡 {card} 在{venue}消费，账单 {ref}：{amount} 元——储值支付 {stored} 元，抵扣积分 {points}（{points_value} 元），其他方式支付 {outside} 元；获得积分 {earned}。",
    ),
    "cards.refunded": (
        "Bill {ref} ({venue}) on card {card} refunded: {stored} 元 back to stored value, {given} points given back, {clawed} points clawed back, {charged} 元 charged to stored value for points already used; {outside} 元 to return by other means ({withheld} 元 withheld).",
        "卡 {card} 的账单 {ref}（{venue}）已退款：退回储值 {stored} 元，退回抵扣积分 {given}，追回所得积分 {clawed}，已用积分折价从储值扣回 {charged} 元；以其他方式退还 {outside} 元（扣留 {withheld} 元）。",
    ),
    "cards.expired": (
        "{points} points expired on {cards} card(s) of {checked} checked (lots due on or before {today}).",
        "共检查 {checked} 张卡，其中 {cards} 张卡有 {points} 积分过期（到期日不晚于 {today} 的批次）。",
    ),
    "cards.adjusted": (
        "Card {card} adjusted: stored value {stored} 元, points {points} — {reason}.",
        "卡 {card} 已调整：储值 {stored} 元，积分 {points}——{reason}。",
    ),
    "cards.head": (
        "Card {card} · {who} · opened {opened} · as of {as_of}",
        "卡号 {card} · {who} · 开卡 {opened} · 截至 {as_of}",
    ),
    "cards.head_closed": (
        "Closed on {closed}: it takes no more movements.",
        "已于 {closed} 注销：不再接受新流水。",
    ),
    "cards.head_balances": (
        "Stored value {stored} 元 · points {points} (usable {usable}, worth {worth} 元)",
        "储值 {stored} 元 · 积分 {points}（可用 {usable}，可抵 {worth} 元）",
    ),
    "cards.head_tier": (
        "Tier {tier}: member price {discount} % off, points × {multiplier}; growth {growth}",
        "会员等级 {tier}：会员价优惠 {discount}%，积分 × {multiplier}；成长值 {growth}",
    ),
    "cards.head_next": ("{needed} more growth to {tier}.", "再获 {needed} 成长值升至{tier}。"),
    "cards.no_movements": ("No movements.", "没有流水。"),
    "cards.title_lots": ("Points lots with points left", "尚有余额的积分批次"),
    "cards.title_movements": (
        "Latest movements ({shown} of {total})",
        "最近流水（{total} 笔中的 {shown} 笔）",
    ),
    "cards.statement_head": (
        "Statement of card {card}, {start} – {end}. Opening: stored value {stored} 元, points {points}.",
        "卡 {card} 对账单，{start} – {end}。期初：储值 {stored} 元，积分 {points}。",
    ),
    "cards.statement_close": (
        "Closing: stored value {stored} 元, points {points}.",
        "期末：储值 {stored} 元，积分 {points}。",
    ),
    "cards.title_statement": ("Movements", "流水"),
    "cards.title_by_kind": ("Totals by kind", "按类型合计"),
    "cards.title_by_venue": ("Totals by venue", "按消费场所合计"),
    "cards.title_expired": ("Points expired per card", "各卡过期积分"),
    "cards.title_list": ("Member cards, as of {as_of}", "贵宾卡（截至 {as_of}）"),
    "cards.list_note": (
        "{shown} of {total} card(s). Outstanding on them all: stored value {stored} 元, points {points}.",
        "共 {total} 张卡，显示 {shown} 张。全部卡合计未用：储值 {stored} 元，积分 {points}。",
    ),
    "cards.none_match": ("No card matches.", "没有符合条件的卡。"),
    "cards.imported": (
        "{file}: {imported} card(s) imported, {duplicates} repeated row(s) counted once, {rejected} row(s) refused.",
        "{file}：导入 {imported} 张卡，重复行 {duplicates} 行只计一次，拒收 {rejected} 行。",
    ),
    "cards.policy_saved": ("Saved. In force now:", "已保存。当前生效："),
    "cards.policy_line": (
        "Points: {rate} % of the money paid, 1 point = {value} 分, lots expire after {expiry}, rounding {rounding}, part paid with points earns: {on_points} ({source}).",
        "积分：实付金额的 {rate}%，1 积分 = {value} 分，批次有效期 {expiry}，取整方式 {rounding}，积分抵扣部分是否积分：{on_points}（{source}）。",
    ),
    "cards.tier_policy_line": (
        "Growth: 1 per {cents} 元 paid, registration bonus {bonus}, yearly review: {review} ({source}).",
        "成长值：每实付 {cents} 元计 1，注册奖励 {bonus}，年度保级审核：{review}（{source}）。",
    ),
    "cards.policy_days": ("{days} days", "{days} 天"),
    "cards.never": ("never", "永不过期"),
    "cards.yes": ("yes", "是"),
    "cards.no": ("no", "否"),
    "cards.rounding_floor": ("down", "向下取整"),
    "cards.rounding_half_up": ("half up", "四舍五入"),
    "cards.source_default": ("default", "默认"),
    "cards.source_settings": ("settings", "已设置"),
    "cards.title_tiers": ("Member tiers", "会员等级"),
    # movement kinds and venues
    "cards.kind_opening": ("Carried over", "开卡结转"),
    "cards.kind_recharge": ("Recharge", "充值"),
    "cards.kind_spend": ("Spend", "消费"),
    "cards.kind_redeem": ("Points redeemed", "积分抵扣"),
    "cards.kind_earn": ("Points earned", "获得积分"),
    "cards.kind_expire": ("Points expired", "积分过期"),
    "cards.kind_refund": ("Refund", "退款"),
    "cards.kind_adjust": ("Adjustment", "调整"),
    "cards.kind_refund_points_back": ("Refund: points back", "退款：退回积分"),
    "cards.kind_refund_clawback": ("Refund: points clawed back", "退款：追回积分"),
    "cards.kind_refund_charge": ("Refund: used points charged", "退款：已用积分扣款"),
    "cards.note_carried_over": ("carried over from the old system", "由旧系统结转"),
    "cards.note_charge": (
        "{points} points already used × {value} 分",
        "已使用积分 {points} × {value} 分",
    ),
    "cards.venue_rooms": ("Rooms", "客房"),
    "cards.venue_restaurant": ("Restaurant", "餐厅"),
    "cards.venue_spa": ("Spa", "水疗"),
    "cards.venue_bar": ("Bar", "酒吧"),
    "cards.venue_banquet": ("Banquet", "宴会"),
    "cards.venue_shop": ("Shop", "商店"),
    "cards.venue_fitness": ("Fitness", "健身"),
    # column headers
    "col.card_no": ("Card", "卡号"),
    "col.card_holder": ("Holder", "持卡人"),
    "col.card_opened": ("Opened", "开卡日期"),
    "col.card_stored": ("Stored 元", "储值（元）"),
    "col.card_points": ("Points", "积分"),
    "col.card_usable": ("Usable", "可用"),
    "col.card_tier": ("Tier", "会员等级"),
    "col.card_last": ("Last movement", "最近流水"),
    "col.card_seq": ("No.", "流水号"),
    "col.card_when": ("When", "时间"),
    "col.card_kind": ("Movement", "流水类型"),
    "col.card_venue": ("Venue", "场所"),
    "col.card_stored_change": ("Stored ± 元", "储值变动（元）"),
    "col.card_points_change": ("Points ±", "积分变动"),
    "col.card_ref": ("Reference", "单据号"),
    "col.card_note": ("Note", "说明"),
    "col.card_stored_after": ("Stored after 元", "储值余额（元）"),
    "col.card_points_after": ("Points after", "积分余额"),
    "col.card_lot": ("Lot", "批次"),
    "col.card_lot_points": ("Credited", "入账积分"),
    "col.card_remaining": ("Left", "剩余"),
    "col.card_expires": ("Expires", "到期日"),
    "col.card_expired": ("Expired", "过期积分"),
    "col.card_movements": ("Movements", "笔数"),
    "col.card_paid": ("Money paid 元", "实付金额（元）"),
    "col.card_threshold": ("From growth", "成长值门槛"),
    "col.card_discount": ("Member price off", "会员价优惠"),
    "col.card_multiplier": ("Points ×", "积分倍数"),
    "col.card_keep": ("Keep with", "保级成长值"),
    # the member list
    "cards.kind": ("member list", "会员名单"),
    "cards.import_needs_holder": (
        "The row names neither a customer nor a holder: give the ledger customer id or the holder's name.",
        "该行既无客户编号也无持卡人：请填写账本中的客户编号或持卡人姓名。",
    ),
    "cards.import_not_whole": (
        "Points must be a whole number; got {value}.",
        "积分须为整数；实际为 {value}。",
    ),
    "cards.import_card_exists": (
        "Card {value} is already stored (or appears earlier in this file): a card is imported once, so nothing is counted twice.",
        "卡 {value} 已在库中（或在本文件前面已出现）：同一张卡只导入一次，以免重复计算。",
    ),
    "cards.import_unknown_customer": (
        "Customer {value} is not in the ledger: import the customers first, or give the holder's name instead.",
        "客户 {value} 不在账本中：请先导入客户，或改填持卡人姓名。",
    ),
    "cards.import_opened_future": (
        "The card is opened in the future ({value}, now {now}): its movements could not come before that.",
        "开卡时间在未来（{value}，现在 {now}）：之后的流水无法早于该时间。",
    ),
    # refusals
    "cards.needs_text": (
        "{option} is needed and may not be empty.",
        "{option} 为必填项，不能为空。",
    ),
    "cards.too_long": (
        "{option} holds {got} characters; at most {limit} are allowed.",
        "{option} 有 {got} 个字符；最多允许 {limit} 个。",
    ),
    "cards.bad_number": (
        "{option} must be a whole number of at least {minimum}; got {got}.",
        "{option} 须为不小于 {minimum} 的整数；实际为 {got}。",
    ),
    "cards.bad_setting": (
        "The setting {name} must be {rule}; got {got}.",
        "设置项 {name} 须为{rule}；实际为 {got}。",
    ),
    "cards.policy_breaks_ledger": (
        "The new policy is refused: the ledger of card {card} would no longer be valid under it ({detail}). History cannot be rewritten; keep the point value at least as high as it was.",
        "新规则未被采用：在新规则下卡 {card} 的流水将不再有效（{detail}）。历史流水不能改写；积分价值不得低于原值。",
    ),
    "cards.unknown_card": (
        "There is no card {card}; `custvalue card list` shows the cards.",
        "没有卡号为 {card} 的卡；可用 `custvalue card list` 查看全部卡。",
    ),
    "cards.busy": (
        "Card {card} was changed by another operation at the same moment; nothing was written. Try again: it will be computed from the new balances.",
        "卡 {card} 同时被另一操作修改；本次未写入任何内容。请重试：将按最新余额重新计算。",
    ),
    "cards.future_time": (
        "{at} is in the future (now {now}): a movement is recorded when it happens, otherwise every later one would have to wait for it.",
        "{at} 晚于现在（{now}）：流水须在发生时记录，否则之后的流水都无法早于它。",
    ),
    "cards.before_last": (
        "{at} is before the last movement of card {card} ({last}): the ledger never goes back. Give a later time, or record a correction now.",
        "{at} 早于卡 {card} 的最后一笔流水（{last}）：流水时间不能倒退。请给出更晚的时间，或现在记录一笔调整。",
    ),
    "cards.before_opened": (
        "{at} is before card {card} was opened ({opened}); give a later time, or open the card with --at that day.",
        "{at} 早于卡 {card} 的开卡时间（{opened}）；请给出更晚的时间，或开卡时用 --at 指定当天。",
    ),
    "cards.closed": (
        "Card {card} was closed on {closed} and takes no more movements.",
        "卡 {card} 已于 {closed} 注销，不再接受新流水。",
    ),
    "cards.unknown_customer": (
        "Customer {customer} is not in the ledger; open the card with --holder NAME, or import the customer first.",
        "客户 {customer} 不在账本中；请用 --holder 姓名 开卡，或先导入该客户。",
    ),
    "cards.needs_holder": (
        "A card belongs to someone: give --customer (a ledger customer id) or --holder (a name).",
        "卡须有归属：请给出 --customer（账本中的客户编号）或 --holder（持卡人姓名）。",
    ),
    "cards.bad_card_id": (
        "The card number {card} is not usable: at most 40 characters, without spaces.",
        "卡号 {card} 不可用：最多 40 个字符，且不含空格。",
    ),
    "cards.card_exists": (
        "Card {card} already exists; give another number, or leave --card out for the next VIP number.",
        "卡号 {card} 已存在；请换一个卡号，或不填 --card 自动取下一个 VIP 编号。",
    ),
    "cards.exceeds_bill": (
        "Stored value and points given ({covered} 元) exceed the bill of {amount} 元; pay at most the bill from the card.",
        "储值与积分抵扣合计 {covered} 元，超过账单金额 {amount} 元；卡上支付不得超过账单金额。",
    ),
    "cards.stored_short": (
        "Card {card} holds {balance} 元 of stored value; {need} 元 cannot be taken from it. Pay the rest another way, or recharge first.",
        "卡 {card} 储值余额仅 {balance} 元，无法扣除 {need} 元。请以其他方式支付差额，或先充值。",
    ),
    "cards.adjust_nothing": (
        "Nothing to adjust: give stored value or points other than 0.",
        "没有可调整的内容：请给出不为 0 的储值或积分。",
    ),
    "cards.tiers_file": (
        "The tiers file {file} cannot be read: {detail}.",
        "无法读取会员等级文件 {file}：{detail}。",
    ),
}
