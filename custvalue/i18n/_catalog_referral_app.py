"""The referral programme and the doubling plan over the store and on the command line
(custvalue.app.referrals, custvalue referrals …). The pure library's messages are in
_catalog_referral.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- errors -----------------------------------------------------------------------
    "referrals.no_rules": (
        "no reward rules are set yet, so nothing can be credited: set them first, e.g. "
        "custvalue referrals rules --referrer-reward 500 --kind points --min-order 100 "
        "--freeze-days 30",
        "尚未设置奖励规则，无法计算推荐奖励：请先设置，例如 custvalue referrals rules "
        "--referrer-reward 500 --kind points --min-order 100 --freeze-days 30",
    ),
    "referrals.restate_rewards": (
        "the rewards are in {before} now; to pay them in {after} give the amounts again "
        "(--referrer-reward, and --referee-reward if the referee gets one), so that no "
        "number silently changes its unit",
        "当前奖励以 {before} 计；改为以 {after} 计时请重新给出金额（--referrer-reward，"
        "被推荐人也有奖励时再给 --referee-reward），以免数值悄悄换了单位",
    ),
    "referrals.unknown_customer": (
        "{option}: no customer with id {customer} in the ledger; check the id or import "
        "the customer first",
        "{option}：客户台账中没有编号为 {customer} 的客户；请核对编号或先导入该客户",
    ),
    "referrals.in_future": (
        "{option} {value} is in the future (now {now}): a binding or a payout cannot be "
        "dated ahead; give a time up to now",
        "{option} {value} 晚于当前时间（{now}）：绑定或发放不能记在未来；请给出不晚于现在的时间",
    ),
    "referrals.credit_paid": (
        "customer {referee}'s referral is credited to {referrer}, bound at {bound_at} and "
        "already paid; a claim dated before that binding would take the paid credit away. "
        "Record it at or after {bound_at}, or leave it",
        "客户 {referee} 的推荐已记在 {referrer} 名下（绑定于 {bound_at}）并已发放奖励；"
        "早于该绑定时间的登记会夺走已发放的推荐。请把登记时间定在 {bound_at} 或之后，或不再登记",
    ),
    "referrals.no_goal": (
        "no doubling goal is set yet: give its start, e.g. custvalue referrals plan --start "
        "2025-01-01 --factor 2 --periods 4 --unit quarter",
        "尚未设置倍增目标：请给出起始日期，例如 custvalue referrals plan --start 2025-01-01 "
        "--factor 2 --periods 4 --unit quarter",
    ),
    "referrals.no_snapshot": (
        "--contribution value reads each customer's realized value from the customer "
        "snapshot, and there is none yet: build it with the workbench's refresh (custvalue "
        "serve), or use --contribution spend",
        "--contribution value 取客户快照中的既成价值，但目前还没有快照：请先在工作台中刷新"
        "（custvalue serve），或改用 --contribution spend",
    ),
    "referrals.bad_month": (
        "--month {value!r} is not a month; write it as YYYY-MM, e.g. 2025-03",
        "--month {value!r} 不是月份；请写成 YYYY-MM，例如 2025-03",
    ),
    "referrals.reason_time": ("not a time", "不是有效时间"),
    "referrals.hint_time": (
        "Write it as YYYY-MM-DD HH:MM (or a day, YYYY-MM-DD), e.g. 2025-03-01 09:30.",
        "请写成 YYYY-MM-DD HH:MM（或日期 YYYY-MM-DD），例如 2025-03-01 09:30。",
    ),
    "referrals.reason_cents": ("not an amount in whole cents", "不是以分为最小单位的金额"),
    "referrals.hint_cents": (
        "Give yuan with at most two decimals, e.g. 128.50.",
        "请以元为单位、最多两位小数，例如 128.50。",
    ),
    # --- words ------------------------------------------------------------------------
    "referrals.status_credited": ("credited", "有效"),
    "referrals.status_refused": ("refused", "不予认定"),
    "referrals.source_code": ("referral code", "推荐码"),
    "referrals.source_link": ("referral link", "推荐链接"),
    "referrals.source_import": ("imported", "导入"),
    "referrals.role_referrer": ("referrer", "推荐人"),
    "referrals.role_referee": ("new customer", "被推荐人"),
    "referrals.action_pay": ("paid", "发放"),
    "referrals.action_claw_back": ("clawed back", "追回"),
    "referrals.period_done": ("done", "已结束"),
    "referrals.period_current": ("running", "进行中"),
    "referrals.period_future": ("to come", "未开始"),
    "referrals.unit_month": ("month(s)", "个月"),
    "referrals.unit_quarter": ("quarter(s)", "个季度"),
    "referrals.unit_year": ("year(s)", "年"),
    "referrals.waiting_card": ("waiting for a card", "等待开卡"),
    "referrals.cash_to_pay": ("cash to pay", "待付现金"),
    "referrals.none": ("none", "无"),
    # --- help -------------------------------------------------------------------------
    "referrals.bind_help": (
        "Bind a new customer to the customer who referred them (the first bound wins; a "
        "later claim is kept and shown refused).",
        "登记新客户的推荐人（先绑定者有效；之后的登记也会保留，并显示为不予认定）。",
    ),
    "referrals.import_help": (
        "Turn the ledger's referred_by column into referral claims (run again: only what "
        "is new is added).",
        "把客户台账中的推荐人（referred_by）列转为推荐登记（可重复运行：只添加新的）。",
    ),
    "referrals.claims_help": (
        "List the referral claims with whether each is credited and why not.",
        "列出推荐登记，以及每条是否有效、无效的原因。",
    ),
    "referrals.credit_help": (
        "Credit the referrals under the rules in force and pay what is due (points onto "
        "the member card, or cash to pay); running it again pays nothing twice.",
        "按现行规则认定推荐并发放到期奖励（积分记入会员卡，或记为待付现金）；重复运行不会重复发放。",
    ),
    "referrals.rules_help": (
        "Show or change the reward rules: rewards, smallest qualifying order, refund "
        "window, monthly cap.",
        "查看或修改奖励规则：奖励数额、最低有效订单、退款冻结期、每月上限。",
    ),
    "referrals.leaderboard_help": (
        "The monthly leaderboard of referrers: customers bound, converted, rewards by state.",
        "推荐人月度排行榜：绑定数、转化数、各状态的奖励。",
    ),
    "referrals.excellent_help": (
        "Excellent customers by your criteria, and which of them to ask for a referral "
        "(those who have referred nobody yet, largest contribution first).",
        "按自定标准找出优质客户，以及应请其推荐的客户（尚未推荐过他人者，贡献大者优先）。",
    ),
    "referrals.plan_help": (
        "The doubling plan: customers acquired period by period against the path to ×k "
        "in N periods, and how many of them were referred.",
        "客户倍增计划：逐期新增客户对照 N 期达到 k 倍的路径，以及其中被推荐的客户数。",
    ),
    "referrals.arg_referee": ("The new customer's id.", "新客户的编号。"),
    "referrals.opt_by": ("The referrer's customer id.", "推荐人的客户编号。"),
    "referrals.opt_source": (
        "How they were bound: code, link or import.",
        "绑定方式：code（推荐码）、link（推荐链接）或 import（导入）。",
    ),
    "referrals.opt_at": (
        "When they were bound (YYYY-MM-DD HH:MM; default now).",
        "绑定时间（YYYY-MM-DD HH:MM，默认现在）。",
    ),
    "referrals.opt_as_of": (
        "Count what is known up to this time (YYYY-MM-DD, a whole day; or YYYY-MM-DD HH:MM; "
        "default now).",
        "只计截至该时间已知的情况（YYYY-MM-DD 表示当天结束；或 YYYY-MM-DD HH:MM；默认现在）。",
    ),
    "referrals.opt_as_of_day": (
        "The day to count up to (YYYY-MM-DD).",
        "统计截止日期（YYYY-MM-DD）。",
    ),
    "referrals.opt_dry_run": (
        "Show what would be paid, write nothing.",
        "只显示将发放的内容，不写入。",
    ),
    "referrals.opt_customer": (
        "Only the claims where this customer is the referee or the referrer.",
        "只看该客户作为被推荐人或推荐人的登记。",
    ),
    "referrals.opt_referrer_reward": (
        "The referrer's reward per new customer: points, or yuan when --kind cash.",
        "每带来一位新客户给推荐人的奖励：积分；--kind cash 时为元。",
    ),
    "referrals.opt_kind": (
        "What rewards are paid in: points (onto the member card) or cash.",
        "奖励形式：points（积分，记入会员卡）或 cash（现金）。",
    ),
    "referrals.opt_referee_reward": (
        "The new customer's own reward (0 for none): points, or yuan when --kind cash.",
        "新客户本人的奖励（0 表示没有）：积分；--kind cash 时为元。",
    ),
    "referrals.opt_min_order": (
        "The smallest first order that earns a reward, in yuan.",
        "可获奖励的最低首单金额（元）。",
    ),
    "referrals.opt_freeze_days": (
        "Days a reward stays pending after the order (the refund window).",
        "下单后奖励冻结的天数（退款期）。",
    ),
    "referrals.opt_monthly_cap": (
        "The most rewards one referrer earns in a month (0 for no cap).",
        "每位推荐人每月最多获得的奖励次数（0 表示不设上限）。",
    ),
    "referrals.opt_reearn": (
        "Whether a later order earns again after a clawback.",
        "奖励被追回后，之后的订单是否可再次获得奖励。",
    ),
    "referrals.opt_month": ("One month (YYYY-MM).", "某个月（YYYY-MM）。"),
    "referrals.opt_all_months": (
        "Every month, newest first (default: the latest month).",
        "所有月份，最近的在前（默认只看最近一个月）。",
    ),
    "referrals.opt_min_orders_per_year": (
        "At least this many orders a year.",
        "每年至少这么多笔订单。",
    ),
    "referrals.opt_min_years": (
        "A customer for at least this many years (since the first order).",
        "自首单起至少合作这么多年。",
    ),
    "referrals.opt_industry": (
        "The customer's industry is this one (repeat for several).",
        "客户所属行业（可重复给出多个）。",
    ),
    "referrals.opt_size": (
        "The customer's size class is this one (repeat for several).",
        "客户规模类别（可重复给出多个）。",
    ),
    "referrals.opt_min_contribution": (
        "A contribution of at least this many yuan.",
        "贡献至少为这么多元。",
    ),
    "referrals.opt_min_satisfaction": (
        "A latest NPS score (0–10) of at least this.",
        "最近一次 NPS 评分（0–10）至少为该值。",
    ),
    "referrals.opt_contribution": (
        "What contribution means: spend (net spend) or value (realized value from the snapshot).",
        "贡献的口径：spend（净消费额）或 value（快照中的既成价值）。",
    ),
    "referrals.opt_top": ("Show at most this many customers.", "最多显示这么多位客户。"),
    "referrals.opt_factor": (
        "Multiply the customer base by this (e.g. 2 to double it).",
        "客户数要达到的倍数（例如 2 表示翻一番）。",
    ),
    "referrals.opt_periods": ("In this many periods.", "在这么多期内。"),
    "referrals.opt_unit": (
        "The period: month, quarter or year.",
        "每期的长度：month、quarter 或 year。",
    ),
    "referrals.opt_start": ("The plan's first day (YYYY-MM-DD).", "计划的起始日期（YYYY-MM-DD）。"),
    # --- output -----------------------------------------------------------------------
    "referrals.bound_credited": (
        "Claim {claim}: {referee} bound to {referrer} at {at} ({source}) — credited: "
        "{referrer} is {referee}'s referrer.",
        "登记 {claim}：{referee} 于 {at} 绑定到 {referrer}（{source}）——有效：{referrer} 是 "
        "{referee} 的推荐人。",
    ),
    "referrals.bound_refused": (
        "Claim {claim}: {referee} bound to {referrer} at {at} ({source}) — kept but not "
        "credited: {reason}. {referee}'s credited referrer: {credited}.",
        "登记 {claim}：{referee} 于 {at} 绑定到 {referrer}（{source}）——已保留但不予认定："
        "{reason}。{referee} 的有效推荐人：{credited}。",
    ),
    "referrals.ledger_imported": (
        "{imported} claim(s) made from the ledger's referrals. Left out: {already} already "
        "imported, {unknown} naming a referrer who is not a customer, {self} referring "
        "themselves, {undated} without an acquisition date or an order.",
        "已根据客户台账的推荐关系生成 {imported} 条登记。未生成：已导入 {already} 条，推荐人不是"
        "客户 {unknown} 条，自己推荐自己 {self} 条，没有获客日期也没有订单 {undated} 条。",
    ),
    "referrals.ledger_next": (
        "The next custvalue referrals credit pays what these referrals earned under the "
        "rules in force; see it first with --dry-run.",
        "下次运行 custvalue referrals credit 时会按现行规则发放这些推荐应得的奖励；"
        "可先用 --dry-run 查看。",
    ),
    "referrals.no_claims": (
        "No referral claims yet: bind one (custvalue referrals bind) or import the "
        "ledger's (custvalue referrals import-ledger).",
        "还没有推荐登记：请登记（custvalue referrals bind）或导入台账中的推荐关系"
        "（custvalue referrals import-ledger）。",
    ),
    "referrals.title_claims": ("Referral claims as of {as_of}", "推荐登记（截至 {as_of}）"),
    "referrals.claims_note": (
        "{credited} credited, {refused} refused: the first bound referrer wins.",
        "有效 {credited} 条，不予认定 {refused} 条：以最先绑定的推荐人为准。",
    ),
    "referrals.rules_none": (
        "No reward rules yet. Set them, e.g. custvalue referrals rules --referrer-reward "
        "500 --kind points --min-order 100 --freeze-days 30",
        "尚未设置奖励规则。设置示例：custvalue referrals rules --referrer-reward 500 "
        "--kind points --min-order 100 --freeze-days 30",
    ),
    "referrals.rules_head": ("Reward rules in force:", "现行奖励规则："),
    "referrals.rules_saved": ("Reward rules saved:", "奖励规则已保存："),
    "referrals.rules_referrer": ("  referrer's reward: {amount}", "  推荐人奖励：{amount}"),
    "referrals.rules_referee": ("  new customer's reward: {amount}", "  新客户奖励：{amount}"),
    "referrals.rules_min_order": (
        "  smallest qualifying first order: {amount} yuan",
        "  最低有效首单：{amount} 元",
    ),
    "referrals.rules_freeze": (
        "  refund window (reward pending): {days} day(s)",
        "  退款冻结期（奖励冻结中）：{days} 天",
    ),
    "referrals.rules_cap": (
        "  most rewards per referrer a month: {cap}",
        "  每位推荐人每月奖励上限：{cap}",
    ),
    "referrals.rules_reearn": (
        "  a later order earns again after a clawback: {answer}",
        "  追回后之后的订单可再次获奖：{answer}",
    ),
    "referrals.points_amount": ("{amount} points", "{amount} 积分"),
    "referrals.cash_amount": ("{amount} yuan", "{amount} 元"),
    "referrals.credit_head": (
        "Referrals as of {as_of}: {claims} claim(s), {credited} credited; rewards: "
        "{earned} earned, {pending} pending in the refund window, {clawed} clawed back, "
        "{capped} over the monthly cap.",
        "推荐情况（截至 {as_of}）：登记 {claims} 条，有效 {credited} 条；奖励：已发放 "
        "{earned} 笔，冻结中 {pending} 笔，已追回 {clawed} 笔，超出每月上限 {capped} 笔。",
    ),
    "referrals.credit_paid_now": (
        "Paid now: {count} payout(s) — {points_paid} points paid, {points_back} points "
        "clawed back; {cash_paid} yuan to pay, {cash_back} yuan clawed back.",
        "本次发放 {count} 笔——发放积分 {points_paid}，追回积分 {points_back}；待付现金 "
        "{cash_paid} 元，追回现金 {cash_back} 元。",
    ),
    "referrals.credit_dry_run": (
        "Dry run, nothing written: a run now would make {count} payout(s) — {points_paid} "
        "points paid, {points_back} points clawed back; {cash_paid} yuan to pay, "
        "{cash_back} yuan clawed back.",
        "试运行，未写入：现在运行将产生 {count} 笔——发放积分 {points_paid}，追回积分 "
        "{points_back}；待付现金 {cash_paid} 元，追回现金 {cash_back} 元。",
    ),
    "referrals.credit_nothing": (
        "Nothing new to pay: every reward due by then is already recorded.",
        "没有新的奖励需要发放：到期的奖励都已记录。",
    ),
    "referrals.credit_waiting": (
        "{count} point reward(s) wait for a member card: those customers have none yet; "
        "the next credit after a card is opened posts them.",
        "{count} 笔积分奖励等待开卡：这些客户还没有会员卡；开卡后下次运行 credit 即会记入。",
    ),
    "referrals.credit_posted": (
        "{count} point reward(s) that waited for a card were posted to it now.",
        "{count} 笔等待开卡的积分奖励已于本次记入会员卡。",
    ),
    "referrals.credit_unlinked": (
        "{count} refund(s) had no earlier order of the same customer and were left out.",
        "{count} 笔退款找不到同一客户更早的订单，未计入。",
    ),
    "referrals.title_payouts": ("Payouts made now", "本次发放"),
    "referrals.title_payouts_dry": ("Payouts a run now would make", "现在运行将产生的发放"),
    "referrals.board_none": (
        "No referral is credited yet, so the leaderboard is empty.",
        "还没有有效的推荐，排行榜为空。",
    ),
    "referrals.title_board": ("Referral leaderboard, {months}", "推荐排行榜（{months}）"),
    "referrals.board_note": (
        "Converted: new customers whose qualifying order was placed that month and not "
        "refunded. Ranked by converted, then bound.",
        "转化：当月下了有效订单且未退款的新客户。按转化数排名，其次按绑定数。",
    ),
    "referrals.excellent_head": (
        "{excellent} of {customers} customer(s) meet every criterion as of {as_of}; "
        "{to_ask} of them have referred nobody yet — ask them first (in ask order).",
        "截至 {as_of}，{customers} 位客户中有 {excellent} 位满足全部标准；其中 {to_ask} "
        "位尚未推荐过他人——请优先请他们推荐（按请求顺序）。",
    ),
    "referrals.excellent_none": (
        "No customer meets every criterion as of {as_of}; loosen one of them.",
        "截至 {as_of}，没有客户满足全部标准；请放宽某项标准。",
    ),
    "referrals.title_excellent": ("Excellent customers as of {as_of}", "优质客户（截至 {as_of}）"),
    "referrals.excellent_note": (
        "Criteria: {criteria}. Contribution: {source}. Showing {shown} of {total}.",
        "标准：{criteria}。贡献口径：{source}。显示 {total} 位中的 {shown} 位。",
    ),
    "referrals.source_spend": ("net spend (sales − refunds)", "净消费额（消费 − 退款）"),
    "referrals.source_value": (
        "realized value from the customer snapshot",
        "客户快照中的既成价值",
    ),
    "referrals.criterion_min_orders_per_year": ("orders a year ≥ {value}", "年均订单 ≥ {value}"),
    "referrals.criterion_min_years": ("years as a customer ≥ {value}", "合作年限 ≥ {value} 年"),
    "referrals.criterion_industries": ("industry: {value}", "行业：{value}"),
    "referrals.criterion_size": ("size: {value}", "规模：{value}"),
    "referrals.criterion_min_contribution_cents": (
        "contribution ≥ {value} yuan",
        "贡献 ≥ {value} 元",
    ),
    "referrals.criterion_min_satisfaction": (
        "latest NPS score ≥ {value}",
        "最近 NPS 评分 ≥ {value}",
    ),
    "referrals.plan_goal": (
        "Goal: ×{factor} in {periods} {unit} from {start} (to {end}); base {base} "
        "customer(s) acquired before the start → target {target}.",
        "目标：自 {start} 起 {periods} {unit}内达到 ×{factor}（至 {end}）；起始前获得的客户 "
        "{base} 位 → 目标 {target} 位。",
    ),
    "referrals.plan_ahead": (
        "As of {as_of}: {cumulative} customer(s), ×{growth}; the path asks ×{required} by "
        "now — on track, {gap} ahead.",
        "截至 {as_of}：{cumulative} 位客户，×{growth}；路径要求此时达到 ×{required}——"
        "按计划进行，领先 {gap} 位。",
    ),
    "referrals.plan_behind": (
        "As of {as_of}: {cumulative} customer(s), ×{growth}; the path asks ×{required} by "
        "now — behind by {gap}.",
        "截至 {as_of}：{cumulative} 位客户，×{growth}；路径要求此时达到 ×{required}——"
        "落后 {gap} 位。",
    ),
    "referrals.plan_not_started": (
        "As of {as_of} the plan has not started yet.",
        "截至 {as_of}，计划尚未开始。",
    ),
    "referrals.plan_referred": (
        "Of the customers acquired in the plan so far, {referred} were referred "
        "({share}); the longest referral chain reaches generation {depth}.",
        "计划期内已获得的客户中，{referred} 位来自推荐（{share}）；最长的推荐链达到第 {depth} 代。",
    ),
    "referrals.plan_undated": (
        "{count} customer(s) with neither an acquisition date nor an order are left out.",
        "{count} 位客户既无获客日期也无订单，未计入。",
    ),
    "referrals.plan_saved": ("Goal saved.", "目标已保存。"),
    "referrals.title_plan": ("The doubling plan, period by period", "客户倍增计划（逐期）"),
    # --- column headers ---------------------------------------------------------------
    "col.claim_id": ("Claim", "登记号"),
    "col.referee_id": ("New customer", "被推荐客户"),
    "col.referrer_id": ("Referrer", "推荐人"),
    "col.beneficiary_id": ("Paid to", "受奖客户"),
    "col.bound_at": ("Bound", "绑定时间"),
    "col.claim_source": ("How bound", "绑定方式"),
    "col.reward_for": ("Reward for", "奖励对象"),
    "col.reward_points": ("Points", "积分"),
    "col.reward_cash": ("Cash (yuan)", "现金（元）"),
    "col.posted_card": ("Member card", "会员卡"),
    "col.board_month": ("Month", "月份"),
    "col.claims_bound": ("Bound", "绑定数"),
    "col.conversions": ("Converted", "转化数"),
    "col.rewards_pending": ("Pending", "冻结中"),
    "col.rewards_earned": ("Earned", "已发放"),
    "col.rewards_clawed_back": ("Clawed back", "已追回"),
    "col.rewards_capped": ("Over the cap", "超上限"),
    "col.earned_points": ("Points earned", "所得积分"),
    "col.earned_cash": ("Cash earned (yuan)", "所得现金（元）"),
    "col.customer_industry": ("Industry", "行业"),
    "col.customer_size": ("Size", "规模"),
    "col.orders_per_year": ("Orders a year", "年均订单"),
    "col.years_as_customer": ("Years as customer", "合作年限（年）"),
    "col.net_spend": ("Net spend (yuan)", "净消费额（元）"),
    "col.latest_nps": ("Latest NPS score", "最近 NPS 评分"),
    "col.ask_rank": ("Ask order", "请求顺序"),
    "col.period_start": ("From", "起"),
    "col.period_end": ("Until (excl.)", "止（不含）"),
    "col.new_customers": ("New customers", "新增客户"),
    "col.referred_new": ("Of them referred", "其中被推荐"),
    "col.referred_share": ("Referred share", "被推荐占比"),
    "col.cumulative_customers": ("Customers", "累计客户"),
    "col.growth_factor": ("Growth ×", "增长倍数"),
    "col.required_growth": ("Path ×", "路径倍数"),
    "col.target_customers": ("Path customers", "路径客户数"),
    "col.customers_gap": ("Ahead (+) / behind (−)", "领先（+）/落后（−）"),
    "col.on_track": ("On track", "按计划"),
}
