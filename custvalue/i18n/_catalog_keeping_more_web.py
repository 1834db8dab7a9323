"""The keeping-customers pages of the workbench, continued (custvalue/web/keeping_more.py):
member cards, a card, win-back, the retention what-if, referrals, and the keeping card of
a customer's page. Movement kinds, venues, tiers, the win-back rule and odds, the
what-if's inputs and claims, and the referral words are reused from their own catalogs
(_catalog_card_app, _catalog_retention_app, _catalog_referral_app)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the tabs ---------------------------------------------------------------------
    "kmore.nav_cards": ("Member cards", "贵宾卡"),
    "kmore.nav_winback": ("Win-back", "客户再生"),
    "kmore.nav_simulate": ("Retention what-if", "留住老客户"),
    "kmore.nav_referrals": ("Referrals", "转介绍"),
    # --- parsing the forms ------------------------------------------------------------
    "kmore.reason_signed_points": (
        "a whole number of points other than 0 (negative to remove)",
        "不为 0 的整数积分（负数表示扣减）",
    ),
    "kmore.reason_number": ("a number", "数值"),
    "kmore.reason_whole": ("a whole number", "整数"),
    "kmore.hint_number": ("Write digits, e.g. 0.3 or 4.", "请填写数字，例如 0.3 或 4。"),
    "kmore.hint_whole": ("Write a whole number, e.g. 365.", "请填写整数，例如 365。"),
    "kmore.reason_scenario": (
        "changes as NAME=VALUE separated by commas; VALUE a number, or +x / -x to move the input",
        "以逗号分隔的 名称=数值；数值为数字，或以 +x / -x 在基准上增减",
    ),
    "kmore.hint_scenario": (
        "E.g. retention=+0.05 or retention=+0.05, margin=0.35.",
        "例如 retention=+0.05，或 retention=+0.05, margin=0.35。",
    ),
    "kmore.needs_holder": (
        "A card belongs to someone: give the ledger customer or the holder's name.",
        "卡须有归属：请填写账本中的客户编号或持卡人姓名。",
    ),
    "kmore.needs_amount": ("Give the amount in 元.", "请填写金额（元）。"),
    "kmore.needs_bill": (
        "Give the bill number: a refund finds the bill by it.",
        "请填写账单号：退款时凭此查找账单。",
    ),
    "kmore.needs_reason": (
        "Say why the correction is made: it is kept with it in the audit log.",
        "请说明调整原因：原因会随调整一并记入审计日志。",
    ),
    "kmore.needs_reward": (
        "Give the referrer's reward per new customer (points, or 元 when paid in cash).",
        "请填写每带来一位新客户给推荐人的奖励（积分；现金奖励时为元）。",
    ),
    "kmore.no_orders": (
        "No order (amount above 0) in the store yet: import the orders on the Imports page first.",
        "库中还没有任何订单（金额大于 0）：请先在“导入”页导入订单。",
    ),
    "kmore.no_retention": (
        "Your orders cover one complete year only (the last complete: {last_complete}), so "
        "nothing tells how many customers stay a year. Give the retention in the form, or "
        "wait for a second complete year.",
        "您的订单只覆盖一个完整年度（最后完整年度：{last_complete}），无从得知一年后有多少客户留下。"
        "请在表单中填写留存率，或等有了第二个完整年度再算。",
    ),
    "kmore.winback_empty_rule": (
        "Both tests are left out, so nobody would count as lapsed: keep at least one, e.g. "
        "365 days or P(alive) below 0.3.",
        "两项条件都留空了，任何客户都不会被判为流失：请至少保留一项，例如 365 天或存活概率低于 0.3。",
    ),
    "kmore.winback_needs_scores": (
        "The rule tests P(alive) only, but there are no CLV scores calibrated on or before "
        "{as_of} to test it on: score the customers on the CLV page first, or add a days test.",
        "当前规则只检验存活概率，但没有校准日期不晚于 {as_of} 的 CLV 评分：请先在 CLV 页评分，或加上天数条件。",
    ),
    "kmore.no_goal_start": (
        "No doubling goal is set yet: give the day the plan starts.",
        "尚未设置倍增目标：请填写计划起始日。",
    ),
    "kmore.no_snapshot": (
        "Realized value comes from the customer snapshot, and there is none yet: refresh it "
        "on the Overview page, or use net spend.",
        "既成价值取自客户快照，但目前还没有快照：请在“概览”页刷新，或改用净消费额。",
    ),
    "kmore.unknown_customer": (
        "There is no customer with id {customer} in the ledger: check the id, or import the "
        "customer first.",
        "客户台账中没有编号为 {customer} 的客户：请核对编号，或先导入该客户。",
    ),
    "kmore.card_exists": (
        "Card {card} already exists: give another number, or leave it empty for the next VIP "
        "number.",
        "卡号 {card} 已存在：请换一个卡号，或留空自动取下一个 VIP 编号。",
    ),
    "kmore.in_future": (
        "{value} is in the future (now {now}): a binding cannot be dated ahead; give a time "
        "up to now.",
        "{value} 晚于当前时间（{now}）：绑定不能记在未来；请给出不晚于现在的时间。",
    ),
    # --- member cards -----------------------------------------------------------------
    "kmore.cards_title": ("Member cards", "贵宾卡"),
    "kmore.cards_intro": (
        "Stored value and points of every card, replayed from its movement ledger (no "
        "balance is stored, so what is shown is what the movements say). Points are earned "
        "on the money paid and expire lot by lot; redemptions use the lots expiring first.",
        "每张卡的储值与积分都由其流水重新推算（不另存余额，显示的就是流水所记的结果）。积分按实付"
        "金额获得，按批次到期；抵扣时先用最早到期的批次。",
    ),
    "kmore.cards_list_title": ("The cards", "卡列表"),
    "kmore.cards_forms_title": ("Open cards", "开卡"),
    "kmore.cards_none": ("No card matches.", "没有符合条件的卡。"),
    "kmore.holder_hint": ("part of the name", "姓名的一部分"),
    "kmore.filter_open_cards": ("open cards only", "只看未注销的卡"),
    "kmore.open_title": ("Open a card", "开一张卡"),
    "kmore.open_intro": (
        "For a ledger customer or a named holder; the number is the next VIP number unless "
        "you give one. Balances from an older system become its opening movement.",
        "为账本中的客户或指定持卡人开卡；不填卡号则自动取下一个 VIP 编号。旧系统的余额记为开卡结转流水。",
    ),
    "kmore.field_customer": ("Customer (ledger id)", "客户编号（账本）"),
    "kmore.field_holder": ("Holder's name", "持卡人姓名"),
    "kmore.field_card_id": ("Card number (optional)", "卡号（可不填）"),
    "kmore.field_open_stored": ("Stored value carried over (元)", "结转储值（元）"),
    "kmore.field_open_points": ("Points carried over", "结转积分"),
    "kmore.field_points_expire": ("Carried-over points expire on", "结转积分到期日"),
    "kmore.open_button": ("Open the card", "开卡"),
    "kmore.import_title": ("Import a member list", "导入会员名单"),
    "kmore.import_intro": (
        "A CSV or Excel file with card, customer or holder, opened, stored balance (元), "
        "points and points expiry. Every refused row is reported by line, column and value.",
        "CSV 或 Excel 文件，列为卡号、客户编号或持卡人、开卡日期、储值余额（元）、积分、积分到期日。"
        "被拒收的每一行都会注明行号、列名和取值。",
    ),
    "kmore.field_file": ("File", "文件"),
    "kmore.field_sheet": ("Sheet (Excel, optional)", "工作表（Excel，可不填）"),
    "kmore.field_mapping": ("Column names (optional)", "列名对应（可不填）"),
    "kmore.mapping_hint": (
        "e.g. 会员号 = card_id, 余额 = stored",
        "例如 会员号 = card_id, 余额 = stored",
    ),
    "kmore.field_strict": (
        "Refuse the whole file if any row is bad",
        "任何一行有误即整份文件都不导入",
    ),
    "kmore.import_button": ("Import", "导入"),
    "kmore.import_report_title": ("Member list imported", "会员名单导入结果"),
    "kmore.import_seen_before": (
        "The same file was imported before (import {import_id}, {when}); the cards already "
        "stored were refused, not counted twice.",
        "同一文件之前已导入过（第 {import_id} 次导入，{when}）；已在库中的卡被拒收，不会重复计算。",
    ),
    "kmore.import_all_good": ("Every row was imported.", "所有行均已导入。"),
    "kmore.import_strict": (
        "{file}: {count} row(s) refused; you asked to refuse the whole file if any row is "
        "bad, so nothing was stored. Fix the rows below, or import without that box ticked "
        "to store the good rows.",
        "{file}：有 {count} 行被拒收；您选择了“任何一行有误即整份文件都不导入”，因此没有保存任何数据。"
        "请修正下列各行，或取消勾选后导入正确的行。",
    ),
    "kmore.rejected_title": ("Rows refused in {file}", "{file} 中被拒收的行"),
    "kmore.col_line": ("Line", "行号"),
    "kmore.col_column": ("Column", "列"),
    "kmore.col_value": ("Value", "取值"),
    "kmore.policy_title": ("Points policy and member tiers", "积分规则与会员等级"),
    # --- one card ---------------------------------------------------------------------
    "kmore.unknown_card": (
        "There is no card {card}; the member cards page lists them.",
        "没有卡号为 {card} 的卡；贵宾卡页列出了全部卡。",
    ),
    "kmore.card_title": ("Card {card}", "贵宾卡 {card}"),
    "kmore.back_to_cards": ("← all cards", "← 全部卡"),
    "kmore.opened_on": ("opened {opened} · as of {as_of}", "开卡 {opened} · 截至 {as_of}"),
    "kmore.card_opened": (
        "Card {card} opened. Recharge it or record a bill below.",
        "卡 {card} 已开通。可在下方充值或记录消费。",
    ),
    "kmore.kpi_stored": ("Stored value (元)", "储值余额（元）"),
    "kmore.kpi_points": ("Points", "积分"),
    "kmore.kpi_usable": ("Usable points today", "今日可用积分"),
    "kmore.kpi_worth": ("Usable points worth (元)", "可用积分可抵（元）"),
    "kmore.kpi_tier": ("Tier", "会员等级"),
    "kmore.kpi_growth": ("Growth value", "成长值"),
    "kmore.tier_line": (
        "{tier}: member price {discount} % off, points × {multiplier}.",
        "{tier}：会员价优惠 {discount}%，积分 × {multiplier}。",
    ),
    "kmore.top_tier": ("This is the highest tier.", "已是最高等级。"),
    "kmore.card_forms_title": ("At the counter", "前台操作"),
    "kmore.recharge_title": ("Recharge", "充值"),
    "kmore.field_amount": ("Amount (元)", "金额（元）"),
    "kmore.field_venue": ("Venue", "场所"),
    "kmore.field_payment_ref": ("Payment reference (optional)", "付款单号（可不填）"),
    "kmore.recharge_button": ("Recharge", "充值"),
    "kmore.spend_title": ("Record a bill", "记录消费"),
    "kmore.spend_intro": (
        "Usable now: {usable} points, worth {worth} 元. What the card does not pay is paid "
        "by other means; points are earned on the money paid.",
        "当前可用积分 {usable}，可抵 {worth} 元。卡上未支付的部分以其他方式支付；按实付金额积分。",
    ),
    "kmore.field_bill": ("Bill (元)", "账单金额（元）"),
    "kmore.field_from_stored": ("From stored value (元)", "储值支付（元）"),
    "kmore.field_points_used": ("Points to use", "抵扣积分"),
    "kmore.field_bill_ref": ("Bill number", "账单号"),
    "kmore.spend_button": ("Record the bill", "记录消费"),
    "kmore.spent": (
        "Bill {ref} on card {card}: {amount} 元 — {stored} 元 from stored value, {points} "
        "points ({points_value} 元), {outside} 元 paid by other means; {earned} points earned.",
        "卡 {card} 消费，账单 {ref}：{amount} 元——储值支付 {stored} 元，抵扣积分 {points}"
        "（{points_value} 元），其他方式支付 {outside} 元；获得积分 {earned}。",
    ),
    "kmore.spent_at": (
        "Bill {ref} at {venue} on card {card}: {amount} 元 — {stored} 元 from stored value, "
        "{points} points ({points_value} 元), {outside} 元 paid by other means; {earned} "
        "points earned.",
        "卡 {card} 在{venue}消费，账单 {ref}：{amount} 元——储值支付 {stored} 元，抵扣积分 {points}"
        "（{points_value} 元），其他方式支付 {outside} 元；获得积分 {earned}。",
    ),
    "kmore.refund_title": ("Refund a bill", "退款"),
    "kmore.refund_intro": (
        "The whole bill: its stored value back, its points given back to their lots, the "
        "points it earned clawed back.",
        "整单退款：退回储值，抵扣的积分退回原批次，追回该账单所得积分。",
    ),
    "kmore.field_refund_bill": ("Bill number", "账单号"),
    "kmore.refund_option": (
        "{ref} · {at} · {venue} · paid {paid} 元",
        "{ref} · {at} · {venue} · 实付 {paid} 元",
    ),
    "kmore.no_refundable": ("No bill to refund.", "没有可退款的账单。"),
    "kmore.refund_confirm": ("Refund this bill whole?", "确定整单退款吗？"),
    "kmore.refund_button": ("Refund", "退款"),
    "kmore.refunded": (
        "Bill {ref} on card {card} refunded: {stored} 元 back to stored value, {given} "
        "points given back, {clawed} points clawed back, {charged} 元 charged to stored value "
        "for points already used; {outside} 元 to return by other means ({withheld} 元 withheld).",
        "卡 {card} 的账单 {ref} 已退款：退回储值 {stored} 元，退回抵扣积分 {given}，追回所得积分 "
        "{clawed}，已用积分折价从储值扣回 {charged} 元；以其他方式退还 {outside} 元（扣留 {withheld} 元）。",
    ),
    "kmore.adjust_title": ("Correct the balances", "调整余额"),
    "kmore.adjust_intro": (
        "A manual correction, audited with its reason; negative amounts remove.",
        "手工调整，连同原因记入审计日志；负数表示扣减。",
    ),
    "kmore.field_adjust_stored": ("Stored value ± (元)", "储值增减（元）"),
    "kmore.field_adjust_points": ("Points ±", "积分增减"),
    "kmore.field_expires": ("Points added expire on", "新增积分到期日"),
    "kmore.field_reason": ("Reason", "原因"),
    "kmore.adjust_button": ("Record the correction", "记录调整"),
    "kmore.no_lots": ("No points lot has points left.", "没有尚有余额的积分批次。"),
    "kmore.movements_table": (
        "Movements, newest first ({shown} of {total})",
        "流水（最新在前，{total} 笔中的 {shown} 笔）",
    ),
    "kmore.note_referral_reward": ("referral reward", "推荐奖励"),
    "kmore.statement_title": ("Statement", "对账单"),
    "kmore.field_from": ("From", "起始日"),
    "kmore.field_to": ("To", "截止日"),
    "kmore.statement_button": ("Show", "查看"),
    "kmore.statement_table": ("Movements {span}", "流水（{span}）"),
    "kmore.statement_opening": (
        "Opening: stored value {stored} 元, points {points}.",
        "期初：储值 {stored} 元，积分 {points}。",
    ),
    "kmore.statement_empty": ("No movement in this period.", "本期间没有流水。"),
    "kmore.tier_history_title": ("Tier history", "会员等级变化"),
    "kmore.no_tier_history": ("No movement yet, so no tier yet.", "还没有流水，尚无会员等级。"),
    "kmore.col_tier_reason": ("Why", "原因"),
    "kmore.col_growth": ("Growth value", "成长值"),
    "kmore.tier_reason_joined": ("joined", "入会"),
    "kmore.tier_reason_upgrade": ("upgraded by a bill", "消费升级"),
    "kmore.tier_reason_refund": ("lowered by a refund", "退款降级"),
    "kmore.tier_reason_kept": ("kept at the yearly review", "年度保级成功"),
    "kmore.tier_reason_review": ("lowered at the yearly review", "年度保级未达标降级"),
    # --- win-back ---------------------------------------------------------------------
    "kmore.winback_title": ("Win-back", "客户再生"),
    "kmore.winback_intro": (
        "Customers who have lapsed, ranked by what they were worth times the odds of winning "
        "them back, with the reason they probably left.",
        "已流失的客户，按以往价值 × 挽回成功率排序，并给出可能的流失原因。",
    ),
    "kmore.field_days": ("Days without an order", "未下单天数超过"),
    "kmore.field_p_alive": ("P(alive) below", "存活概率低于"),
    "kmore.field_rule": ("Lapsed when", "判定方式"),
    "kmore.rule_any": ("either test is met", "满足任一条件"),
    "kmore.rule_all": ("both tests are met", "同时满足两项"),
    "kmore.field_odds": ("Odds when history cannot tell (0–1)", "历史不足时的挽回成功率（0–1）"),
    "kmore.odds_hint": ("e.g. 0.1", "例如 0.1"),
    "kmore.off_hint": ("empty: not used", "留空：不用此条件"),
    "kmore.field_value": ("Former value", "以往价值"),
    "kmore.value_realized": ("realized value", "既成价值"),
    "kmore.value_spend": ("net spend", "净消费额"),
    "kmore.field_as_of": ("As of (default: the latest order)", "截至（默认：最近一笔订单）"),
    "kmore.winback_button": ("Show the list", "生成名单"),
    "kmore.winback_form_note": (
        "Leave a test empty to leave it out. P(alive) comes from the latest CLV scores; "
        "without them the days test is used alone.",
        "留空即不用该条件。存活概率取自最近一次 CLV 评分；没有评分时只用天数条件。",
    ),
    "kmore.winback_no_scores": (
        "P(alive) is left out of the rule: there are no CLV scores yet (the {page} page "
        "scores the customers).",
        "规则中未使用存活概率：尚无 CLV 评分（可在“{page}”页生成）。",
    ),
    "kmore.winback_odds_default": (
        "Odds of winning back: {odds}, as you gave it; your history has {trials} lapsed "
        "cases, fewer than the {min} needed to learn from.",
        "挽回成功率：{odds}，即您给出的值；您的历史中只有 {trials} 例流失，少于据以估计所需的 {min} 例。",
    ),
    "kmore.winback_odds_unknown": (
        "Odds of winning back unknown: your history has {trials} lapsed cases, fewer than the "
        "{min} needed, and no odds were given, so the list is ranked by former value alone. "
        "Tip: give odds at twice your prospects' conversion rate.",
        "挽回成功率未知：您的历史中只有 {trials} 例流失，少于所需的 {min} 例，且未给出成功率，"
        "因此名单仅按以往价值排序。提示：可按新客户转化率的两倍填写。",
    ),
    "kmore.winback_expected": (
        "Expected value = former value × odds of winning back.",
        "预期价值 = 以往价值 × 挽回成功率。",
    ),
    "kmore.backtest_title": (
        "Your own history: customers more than {days} days without an order at a year-end, "
        "and how many ordered again within a year",
        "您自己的历史：各年末超过 {days} 天未下单的客户，以及一年内再次下单的人数",
    ),
    "kmore.backtest_note": (
        "A value band needs enough cases to give its own odds; otherwise the overall rate is used.",
        "某价值分档的例数足够时才用该档自己的成功率，否则用总体比率。",
    ),
    "kmore.band_all": ("all customers", "全部客户"),
    "kmore.col_trials": ("Cases", "例数"),
    "kmore.col_returned": ("Ordered again", "再次下单"),
    "kmore.col_return_rate": ("Return rate", "回头率"),
    # --- the what-if ------------------------------------------------------------------
    "kmore.simulate_title": ("Retention what-if", "留住老客户：假设分析"),
    "kmore.simulate_intro": (
        "The leaky bucket of your customers, year by year: who comes in (acquired, referred, "
        "won back), who leaks out, and what it earns. Every input is read from your ledger "
        "and says where it comes from; change any of them and compare scenarios.",
        "按年推算客户这只“漏水的桶”：流入（新获得、转介绍、挽回）、流出（流失）以及带来的利润。"
        "每个输入都取自您的台账并注明来源；可修改任一输入并对比不同方案。",
    ),
    "kmore.whatif_title": ("Inputs and scenarios", "输入与方案"),
    "kmore.whatif_intro": (
        "Empty fields keep the value from your data (shown in grey). Money in 元, rates "
        "between 0 and 1.",
        "留空的项沿用您数据中的值（灰色显示）。金额单位为元，比率在 0 到 1 之间。",
    ),
    "kmore.field_years": ("Years to project", "推算年数"),
    "kmore.now_from": ("now: {origin}", "当前：{origin}"),
    "kmore.inputs_hint": (
        "Customers at the start, retention, revenue and service cost take one number, or one "
        "per tenure year separated by commas (the 1st year first, the last kept).",
        "期初客户数、留存率、收入和服务成本可填一个数，或按客龄逐年填写并以逗号分隔（第 1 年在前，"
        "最后一个值沿用）。",
    ),
    "kmore.scenarios_title": ("Scenarios", "方案"),
    "kmore.scenarios_intro": (
        "Up to three, each NAME=VALUE separated by commas: a number sets the input, +x / -x "
        "moves it (every tenure year alike).",
        "最多三个方案，每个写成以逗号分隔的 名称=数值：数字表示设定该输入，+x / -x 表示在基准上增减"
        "（各客龄同样增减）。",
    ),
    "kmore.names_title": ("The names to use", "可用的名称"),
    "kmore.bucket_head": (
        "Projected from your orders {first}–{last} (as of {as_of}).",
        "依据您 {first}–{last} 年的订单推算（截至 {as_of}）。",
    ),
    "kmore.how_discount_rate_default": (
        "not in the ledger: 10 % a year, as the CLV scores use",
        "台账中没有此项：每年 10%，与 CLV 评分所用相同",
    ),
    "kmore.field_scenario_label": ("Scenario {number}: name", "方案 {number}：名称"),
    "kmore.field_scenario": ("Scenario {number}: changes", "方案 {number}：改动"),
    "kmore.scenario_label_hint": ("optional", "可不填"),
    "kmore.scenario_hint_1": ("retention=+0.05", "retention=+0.05"),
    "kmore.scenario_hint_2": (
        "win-back-rate=0.2, win-back-cost=300",
        "win-back-rate=0.2, win-back-cost=300",
    ),
    "kmore.scenario_hint_3": ("referral-rate=+0.05", "referral-rate=+0.05"),
    "kmore.simulate_button": ("Project", "推算"),
    "kmore.simulate_reset": ("back to your data", "恢复为您的数据"),
    "kmore.starting_total": ("{total} (by tenure below)", "{total}（按客龄见下表）"),
    "kmore.by_tenure": ("by tenure (see below)", "按客龄（见下表）"),
    "kmore.inputs_table": ("Inputs and where they come from", "输入及其来源"),
    "kmore.projection_title": ("Year by year", "逐年推算"),
    "kmore.chart_bucket": ("The leaky bucket", "漏水的桶"),
    "kmore.chart_year": ("Year of the projection", "推算年度"),
    "kmore.chart_customers": ("Customers", "客户数"),
    "kmore.year_n": ("Year {year}", "第 {year} 年"),
    "kmore.bucket_note": (
        "Bars above the axis: customers coming in at the year's end; below: those lost. "
        "The line: customers at the year's end.",
        "横轴上方的柱为年末流入的客户，下方为流失的客户；折线为年末客户数。",
    ),
    "kmore.claims_title": ("The two claims, on your numbers", "两个说法，用您的数据检验"),
    "kmore.scenarios_note": (
        "Profit change: the scenario's profit over the horizon against the baseline's.",
        "利润变化：方案在推算期内的利润相对基准的变化。",
    ),
    "kmore.warn_acquisition_cost": (
        "The acquisition cost is 0: your costs table holds no acquisition costs. The claim "
        "that a new customer costs 5–8 times keeping one needs it: give it in the form above.",
        "获客成本为 0：费用表中没有获客费用。检验“获得新客户的成本是保留老客户的 5–8 倍”需要此项："
        "请在上方表单中填写。",
    ),
    "kmore.warn_margin": (
        "The margin is the stated default of 30 %: no order carries its cost of goods. Give "
        "your own in the form above.",
        "毛利率取默认值 30%：没有订单带有商品成本。请在上方表单中填写您的实际毛利率。",
    ),
    # --- referrals --------------------------------------------------------------------
    "kmore.referrals_title": ("Referrals and the doubling plan", "转介绍与客户倍增计划"),
    "kmore.referrals_intro": (
        "Who referred whom (the first bound referrer wins), the rewards earned on the new "
        "customer's first valid order, the excellent customers to ask next, and how far "
        "referrals carry the plan to multiply the customer base.",
        "谁推荐了谁（以最先绑定的推荐人为准）、新客户首笔有效订单带来的奖励、下一步该请哪些优质客户推荐，"
        "以及转介绍让客户倍增计划走到了哪里。",
    ),
    "kmore.plan_title": ("The doubling plan", "客户倍增计划"),
    "kmore.no_goal": (
        "No doubling goal is set yet: give its start, factor and periods below.",
        "尚未设置倍增目标：请在下方填写起始日期、倍数和期数。",
    ),
    "kmore.chart_plan": ("Customers against the path", "客户数对照计划路径"),
    "kmore.chart_cumulative": ("Customers so far", "累计客户数"),
    "kmore.chart_path": (
        "The path to ×{factor} in {periods} periods",
        "{periods} 期达到 ×{factor} 的路径",
    ),
    "kmore.chart_period_end": ("End of the period", "期末"),
    "kmore.plan_chart_note": (
        "The path is geometric: base × k^(t/N) at the end of period t, so it reaches k at N.",
        "路径按几何增长：第 t 期期末为 基数 × k^(t/N)，第 N 期达到 k 倍。",
    ),
    "kmore.field_start": ("Plan starts", "计划起始日"),
    "kmore.field_factor": ("Multiply by", "倍数"),
    "kmore.field_periods": ("In periods", "期数"),
    "kmore.field_unit": ("Period", "每期长度"),
    "kmore.unit_month": ("month", "月"),
    "kmore.unit_quarter": ("quarter", "季度"),
    "kmore.unit_year": ("year", "年"),
    "kmore.goal_button": ("Save the goal", "保存目标"),
    "kmore.board_title": ("Leaderboard", "推荐排行榜"),
    "kmore.board_needs_rules": (
        "The leaderboard counts rewards, so it needs the reward rules: set them below.",
        "排行榜按奖励统计，需要先设置奖励规则：请在下方设置。",
    ),
    "kmore.rules_title": ("Reward rules", "奖励规则"),
    "kmore.rules_none": (
        "No reward rules yet, so nothing is credited: set them below.",
        "尚未设置奖励规则，因此不会计算任何奖励：请在下方设置。",
    ),
    "kmore.rules_form_title": ("Change the rules", "修改规则"),
    "kmore.field_kind": ("Rewards paid in", "奖励形式"),
    "kmore.reward_kind_points": ("card points", "会员卡积分"),
    "kmore.reward_kind_cash": ("cash (元)", "现金（元）"),
    "kmore.field_referrer_reward": ("Referrer's reward", "推荐人奖励"),
    "kmore.field_referee_reward": ("New customer's reward (0: none)", "新客户奖励（0 表示没有）"),
    "kmore.field_min_order": ("Smallest qualifying first order (元)", "最低有效首单（元）"),
    "kmore.field_freeze_days": ("Refund window (days pending)", "退款冻结期（天）"),
    "kmore.field_monthly_cap": ("Most rewards per referrer a month", "每位推荐人每月奖励上限"),
    "kmore.no_cap_hint": ("empty: no cap", "留空：不设上限"),
    "kmore.field_reearn": (
        "a later order earns again after a clawback",
        "奖励被追回后，之后的订单可再次获奖",
    ),
    "kmore.rules_button": ("Save the rules", "保存规则"),
    "kmore.rules_saved": ("The reward rules were saved.", "奖励规则已保存。"),
    "kmore.credit_title": ("Credit the rewards due", "发放到期奖励"),
    "kmore.credit_intro": (
        "Decides every claim under the rules in force and pays what is due now: points onto "
        "the member card, cash for the cashier to pay. Running it again pays nothing twice.",
        "按现行规则认定每条推荐并发放当前到期的奖励：积分记入会员卡，现金记为待付。重复运行不会重复发放。",
    ),
    "kmore.credit_preview_button": ("Preview (nothing written)", "预览（不写入）"),
    "kmore.credit_button": ("Pay what is due", "发放奖励"),
    "kmore.credit_confirm": (
        "Pay every reward due now? Points go onto the member cards.",
        "确定发放当前所有到期奖励吗？积分将记入会员卡。",
    ),
    "kmore.credit_result_title": ("Paid now", "本次发放"),
    "kmore.credit_waiting": (
        "{count} point reward(s) wait for a member card: those customers have none yet; the "
        "next credit after a card is opened posts them.",
        "{count} 笔积分奖励等待开卡：这些客户还没有会员卡；开卡后下次发放奖励时即会记入。",
    ),
    "kmore.payouts_shown": (
        "The first {shown} of {total} payouts.",
        "共 {total} 笔发放，显示前 {shown} 笔。",
    ),
    "kmore.credit_dry_title": ("What a run now would pay", "现在运行将发放的内容"),
    "kmore.excellent_title": ("Excellent customers to ask", "请优质客户推荐"),
    "kmore.excellent_intro": (
        "The customers your criteria call excellent; those who have referred nobody yet are "
        "the ones to ask first (ask order).",
        "按您的标准选出的优质客户；其中尚未推荐过他人的客户应优先邀请（见请求顺序）。",
    ),
    "kmore.field_min_orders": ("Orders a year at least", "年均订单至少"),
    "kmore.field_min_years": ("Years as a customer at least", "合作年限至少（年）"),
    "kmore.field_industries": ("Industries", "行业"),
    "kmore.field_sizes": ("Sizes", "规模"),
    "kmore.names_hint": ("any; separate with commas", "不限；多个用逗号分隔"),
    "kmore.field_min_contribution": ("Contribution at least (元)", "贡献至少（元）"),
    "kmore.field_min_satisfaction": (
        "Latest NPS score at least (0–10)",
        "最近 NPS 评分至少（0–10）",
    ),
    "kmore.field_contribution": ("Contribution means", "贡献口径"),
    "kmore.excellent_button": ("Find them", "查找"),
    "kmore.excellent_default": (
        "Shown with one criterion to start from: at least 4 orders a year. Change them above.",
        "先按一项标准显示：年均订单至少 4 笔。可在上方修改。",
    ),
    "kmore.no_criteria": (
        "Give at least one criterion, e.g. at least 4 orders a year.",
        "请至少给出一项标准，例如年均订单至少 4 笔。",
    ),
    "kmore.excellent_none": (
        "No customer meets every criterion; loosen one of them.",
        "没有客户满足全部标准；请放宽某项标准。",
    ),
    "kmore.claims_list_title": ("Referral claims", "推荐登记"),
    "kmore.field_referee": ("New customer (id)", "新客户编号"),
    "kmore.field_referrer": ("Referred by (id)", "推荐人编号"),
    "kmore.field_source": ("How bound", "绑定方式"),
    "kmore.field_bound_at": ("When (optional)", "绑定时间（可不填）"),
    "kmore.bound_at_hint": ("now; or YYYY-MM-DD HH:MM", "现在；或 YYYY-MM-DD HH:MM"),
    "kmore.bind_button": ("Bind", "登记推荐"),
    "kmore.bind_title": ("Record a referral", "登记推荐"),
    "kmore.claims_of": ("Claims of a customer", "查看某位客户的登记"),
    "kmore.goal_title": ("Change the goal", "修改目标"),
    "kmore.credit_needs_rules": (
        "Set the reward rules first: nothing is credited without them.",
        "请先设置奖励规则：没有规则就不会计算奖励。",
    ),
    "kmore.claims_none": (
        "No referral claim yet: bind one above.",
        "还没有推荐登记：可在上方登记。",
    ),
    # --- a customer's page ------------------------------------------------------------
    "kmore.customer_keeping_title": ("Keeping this customer", "客户维系"),
    "kmore.no_owner": ("nobody yet", "尚未指定"),
    "kmore.next_contact_label": ("Next contact", "下次接触"),
    "kmore.last_contact_label": ("Last contact", "上次接触"),
    "kmore.next_contact": ("{kind} on {when} by {owner}", "{when} 由 {owner} {kind}"),
    "kmore.last_contact": (
        "{kind} on {when} by {owner}: {outcome}",
        "{when} 由 {owner} {kind}：{outcome}",
    ),
    "kmore.none_planned": ("none planned", "暂无计划"),
    "kmore.none_done": ("none yet", "暂无记录"),
    "kmore.nav_complaints_short": ("Complaints", "投诉"),
    "kmore.customer_complaints_line": (
        "{total} in all, {open} open",
        "共 {total} 条，未结案 {open} 条",
    ),
    "kmore.customer_complaints": ("Complaints", "投诉"),
    "kmore.customer_no_complaints": ("No complaint from this customer.", "该客户没有投诉。"),
    "kmore.col_closed_at": ("Closed", "结案时间"),
    "kmore.col_callback_score": ("Call-back score", "回访满意度"),
    "kmore.customer_cards": ("Member cards", "贵宾卡"),
    "kmore.customer_no_cards": ("No member card.", "没有贵宾卡。"),
    "kmore.customer_cards_line": (
        "{count} card(s): stored value {stored} 元, points {points}",
        "{count} 张卡：储值 {stored} 元，积分 {points}",
    ),
    "kmore.link_complaints": ("their complaints", "该客户的投诉"),
    "kmore.link_contacts": ("their contacts", "该客户的接触记录"),
    "kmore.link_cards": ("their cards", "该客户的贵宾卡"),
    "kmore.link_referrals": ("their referrals", "该客户的推荐登记"),
}
