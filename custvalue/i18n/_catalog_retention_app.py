"""Win-back and the retention what-if from the store (custvalue.app.winback,
custvalue.app.simulate) and their commands (``custvalue winback``, ``custvalue simulate``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors: win-back --------------------------------------------------------------------
    "winback.no_orders": (
        "No order (amount above 0) in {db}: nobody to win back yet. Import the orders with "
        "`custvalue import orders FILE`, or load the demo company with `custvalue demo`.",
        "{db} 中没有任何订单（金额大于 0），尚无可挽回的客户。请用 `custvalue import orders 文件` "
        "导入订单，或用 `custvalue demo` 载入演示公司。",
    ),
    "winback.no_orders_by": (
        "No order (amount above 0) on or before {as_of}: nobody to win back then. Give a "
        "later --as-of.",
        "截至 {as_of} 没有任何订单（金额大于 0），当时尚无可挽回的客户。请设置更晚的 --as-of。",
    ),
    "winback.empty_rule": (
        "Both tests are off (--days off and --p-alive off), so nobody would count as lapsed. "
        "Keep at least one: e.g. --days 365 or --p-alive 0.3.",
        "两项条件都已关闭（--days off 且 --p-alive off），任何客户都不会被判为流失。请至少保留"
        "一项：如 --days 365 或 --p-alive 0.3。",
    ),
    "winback.needs_scores": (
        "The rule tests P(alive) only, but there are no CLV scores calibrated on or before "
        "{as_of} to test it on. Run `custvalue clv score` first, or add a days test "
        "(--days 365).",
        "当前规则只检验存活概率，但没有校准日期不晚于 {as_of} 的 CLV 评分可供检验。请先运行 "
        "`custvalue clv score`，或加上天数条件（--days 365）。",
    ),
    # -- errors: the what-if -----------------------------------------------------------------
    "simulate.no_orders": (
        "No order (amount above 0) in {db}: there is no retention, revenue or customer base "
        "to project. Import the orders with `custvalue import orders FILE`, or load the demo "
        "company with `custvalue demo`.",
        "{db} 中没有任何订单（金额大于 0），无从推算留存、收入与客户规模。请用 "
        "`custvalue import orders 文件` 导入订单，或用 `custvalue demo` 载入演示公司。",
    ),
    "simulate.no_retention": (
        "Your orders cover one complete year only (the last complete: {last_complete}), so "
        "nothing tells how many customers stay a year. Give the retention yourself "
        "(--retention 0.8) or wait for a second complete year.",
        "您的订单只覆盖一个完整年度（最后完整年度：{last_complete}），无从得知一年后有多少客户"
        "留下。请自行给出留存率（--retention 0.8），或等有了第二个完整年度再算。",
    ),
    "simulate.unknown_input": (
        "{name} is not an input of the what-if; use one of: {allowed}.",
        "{name} 不是模拟的输入项；可用的有：{allowed}。",
    ),
    "simulate.not_by_tenure": (
        "{name} takes one number, not a list: only starting, retention, revenue and "
        "service-cost can be given by tenure.",
        "{name} 只能给一个数值，不能给列表：只有 starting、retention、revenue 和 service-cost "
        "可以按客龄给出。",
    ),
    "simulate.bad_length": (
        "{name} has {count} values; by tenure it takes 1 to {maximum} (1st year first, the "
        "last value kept for every later year).",
        "{name} 有 {count} 个值；按客龄给出时须为 1 至 {maximum} 个（第 1 年在前，最后一个值沿用到"
        "以后各年）。",
    ),
    "simulate.bad_change": (
        "{name}: {value!r} is neither a number (to set the input) nor +x / -x (to move it), "
        "e.g. retention=+0.05 or margin=0.35.",
        "{name}：{value!r} 既不是数值（设定该输入）也不是 +x / -x（在基准上增减），例如 "
        "retention=+0.05 或 margin=0.35。",
    ),
    "simulate.empty_scenario": (
        "Scenario {number} changes nothing: give at least one NAME=VALUE.",
        "第 {number} 个方案没有任何改动：请至少给出一项 名称=数值。",
    ),
    "simulate.too_many_scenarios": (
        "{count} scenarios, at most {maximum} can be compared at once: keep the ones that matter.",
        "共 {count} 个方案，一次最多比较 {maximum} 个：请保留最关心的几个。",
    ),
    # -- custvalue winback -------------------------------------------------------------------
    "winback.opt_days": (
        "Lapsed after more than N days without an order (off: leave this test out).",
        "超过 N 天没有下单即视为流失（off：不用此条件）。",
    ),
    "winback.opt_p_alive": (
        "Lapsed with P(alive) below X, 0–1, from the latest `custvalue clv score` (off: "
        "leave this test out).",
        "存活概率低于 X（0–1，取自最近一次 `custvalue clv score`）即视为流失（off：不用此条件）。",
    ),
    "winback.opt_rule": (
        "any: either test lists a customer; all: both must.",
        "any：满足任一条件即列入；all：须同时满足两项。",
    ),
    "winback.opt_odds": (
        "Odds of winning back (0–1) to use when your own history cannot tell — e.g. twice "
        "your prospects' conversion rate.",
        "当自身历史数据不足以估计时使用的挽回成功率（0–1），例如新客户转化率的两倍。",
    ),
    "winback.opt_top": (
        "How many customers to list (default: 20 in the table, all in exports).",
        "列出多少位客户（默认：表格显示 20 位，导出时全部）。",
    ),
    "winback.opt_as_of": (
        "The day to judge on, YYYY-MM-DD (default: the latest order).",
        "判断所依据的日期，YYYY-MM-DD（默认：最近一笔订单的日期）。",
    ),
    "winback.opt_value": (
        "Former value: realized (margin − cost, the default) or spend (net spend on orders).",
        "以往价值：realized（既成价值，即毛利 − 成本，默认）或 spend（订单净消费额）。",
    ),
    "winback.reason_days": ("a whole number of days, or off", "整数天数，或 off"),
    "winback.reason_p_alive": (
        "a probability between 0 and 1, or off",
        "0 到 1 之间的概率，或 off",
    ),
    "winback.hint_days": ("E.g. --days 365, or --days off.", "例如 --days 365，或 --days off。"),
    "winback.hint_p_alive": (
        "E.g. --p-alive 0.3, or --p-alive off.",
        "例如 --p-alive 0.3，或 --p-alive off。",
    ),
    "winback.title": (
        "Win-back list as of {as_of}: {total} lapsed of {customers} customers with orders",
        "客户再生名单（截至 {as_of}）：{customers} 位有订单的客户中 {total} 位已流失",
    ),
    "winback.none": (
        "No customer is lapsed by this rule as of {as_of} ({customers} customers with orders).",
        "截至 {as_of}，按此规则没有流失客户（共 {customers} 位有订单的客户）。",
    ),
    "winback.rule_any": (
        "Lapsed: more than {days} days since the last order, or P(alive) below {p}.",
        "流失：距最近一次下单超过 {days} 天，或存活概率低于 {p}。",
    ),
    "winback.rule_all": (
        "Lapsed: more than {days} days since the last order and P(alive) below {p}.",
        "流失：距最近一次下单超过 {days} 天，且存活概率低于 {p}。",
    ),
    "winback.rule_days": (
        "Lapsed: more than {days} days since the last order.",
        "流失：距最近一次下单超过 {days} 天。",
    ),
    "winback.rule_p": ("Lapsed: P(alive) below {p}.", "流失：存活概率低于 {p}。"),
    "winback.p_left_out_no_scores": (
        "P(alive) is left out of the rule: there are no CLV scores yet (`custvalue clv score` "
        "adds them).",
        "规则中未使用存活概率：尚无 CLV 评分（运行 `custvalue clv score` 即可生成）。",
    ),
    "winback.p_left_out_run_after_as_of": (
        "P(alive) is left out of the rule: the newest CLV run is calibrated to {end}, after "
        "{as_of}.",
        "规则中未使用存活概率：最近一次 CLV 评分校准至 {end}，晚于 {as_of}。",
    ),
    "winback.p_from_run": (
        "P(alive) from CLV run {run} (calibrated to {end}).",
        "存活概率取自第 {run} 次 CLV 评分（校准至 {end}）。",
    ),
    "winback.value_snapshot": (
        "Former value: realized value (margin − cost) from snapshot {snapshot}.",
        "以往价值：既成价值（毛利 − 成本），取自第 {snapshot} 号快照。",
    ),
    "winback.value_ledger": (
        "Former value: realized value (margin − cost) from the ledger up to {as_of}.",
        "以往价值：既成价值（毛利 − 成本），按截至 {as_of} 的台账计算。",
    ),
    "winback.value_orders": (
        "Former value: net spend (orders less refunds) up to {as_of}.",
        "以往价值：截至 {as_of} 的净消费额（订单金额减退款）。",
    ),
    "winback.odds_history": (
        "Odds of winning back from your own history: of {trials} cases — a customer more "
        "than {days} days without an order at a year-end of {years} — {rate} ordered again "
        "within a year (by value band: low {low}, mid {mid}, high {high}; a band needs {min} "
        "cases, else the overall rate).",
        "挽回成功率来自您自己的历史：在 {years} 各年末超过 {days} 天未下单的 {trials} 人次中，"
        "{rate} 在一年内再次下单（按价值分档：低 {low}，中 {mid}，高 {high}；每档至少需要 {min} "
        "例，否则用总体比率）。",
    ),
    "winback.odds_default": (
        "Odds of winning back: {odds}, as you gave it (--odds); your history has {trials} "
        "lapsed cases, fewer than the {min} needed to learn from.",
        "挽回成功率：{odds}，即您给出的值（--odds）；您的历史中只有 {trials} 例流失，少于据以估计"
        "所需的 {min} 例。",
    ),
    "winback.odds_unknown": (
        "Odds of winning back unknown: your history has {trials} lapsed cases, fewer than the "
        "{min} needed, and no --odds was given, so the list is ranked by former value alone. "
        "Tip: --odds at twice your prospects' conversion rate.",
        "挽回成功率未知：您的历史中只有 {trials} 例流失，少于所需的 {min} 例，且未给出 --odds，"
        "因此名单仅按以往价值排序。提示：可将 --odds 设为新客户转化率的两倍。",
    ),
    "winback.expected_note": (
        "Expected value = former value × odds of winning back. Showing {shown} of {total}.",
        "预期价值 = 以往价值 × 挽回成功率。显示 {total} 位中的 {shown} 位。",
    ),
    "winback.lapsed_by_days": ("days", "天数"),
    "winback.lapsed_by_p_alive": ("P(alive)", "存活概率"),
    "winback.lapsed_by_both": ("both", "两项"),
    "winback.band_low": ("low", "低"),
    "winback.band_mid": ("mid", "中"),
    "winback.band_high": ("high", "高"),
    "winback.odds_source_history_band": ("history, by band", "历史（分档）"),
    "winback.odds_source_history_overall": ("history, overall", "历史（总体）"),
    "winback.odds_source_default": ("given", "给定值"),
    "winback.odds_source_unknown": ("unknown", "未知"),
    "col.former_value": ("Former value", "以往价值"),
    "col.odds": ("Odds", "挽回成功率"),
    "col.expected_value": ("Expected value", "预期价值"),
    "col.lapsed_by": ("Lapsed by", "流失依据"),
    "col.value_band": ("Value band", "价值分档"),
    "col.odds_source": ("Odds from", "成功率来源"),
    # -- custvalue simulate ------------------------------------------------------------------
    "simulate.opt_years": ("Years to project (1–50).", "推算年数（1–50）。"),
    "simulate.opt_retention": (
        "Share of customers who stay a year: one number (0.8), or one per tenure from the "
        "1st year (0.6,0.75,0.8; the last kept).",
        "一年后留下的客户比例：一个数值（0.8），或从第 1 年起按客龄逐年给出（0.6,0.75,0.8；最后"
        "一个值沿用）。",
    ),
    "simulate.opt_acquisition_cost": (
        "Cost of acquiring one new customer, in yuan.",
        "获得一位新客户的成本（元）。",
    ),
    "simulate.opt_margin": ("Margin as a share of revenue (0–1).", "毛利占收入的比例（0–1）。"),
    "simulate.opt_new": (
        "New customers acquired a year (not counting referred ones).",
        "每年获得的新客户数（不含转介绍客户）。",
    ),
    "simulate.opt_referral_rate": (
        "New customers referred a year per existing customer (0–1).",
        "每位现有客户每年带来的转介绍新客户数（0–1）。",
    ),
    "simulate.opt_win_back_rate": (
        "Share of the customers lost in a year who come back the year after (0–1).",
        "某年流失的客户中，次年被挽回的比例（0–1）。",
    ),
    "simulate.opt_discount_rate": ("Discount rate a year (0–1).", "年折现率（0–1）。"),
    "simulate.opt_scenario": (
        "A scenario to compare: NAME=VALUE pairs separated by commas; VALUE a number (set) "
        "or +x / -x (move), e.g. retention=+0.05. Repeatable.",
        "要对比的方案：以逗号分隔的 名称=数值；数值为数字（设定）或 +x / -x（增减），例如 "
        "retention=+0.05。可多次给出。",
    ),
    "simulate.opt_claims": (
        "Test the seeds' two claims on these numbers (5 points less churn → 25–85 % more "
        "profit; a new customer costs 5–8 times keeping one).",
        "用这组数据检验书中的两个说法（流失率降低 5 个百分点 → 利润增加 25–85%；获得新客户的成本"
        "是保留老客户的 5–8 倍）。",
    ),
    "simulate.reason_retention": (
        "a share between 0 and 1, or one per tenure separated by commas",
        "0 到 1 之间的比例，或以逗号分隔、按客龄逐年给出",
    ),
    "simulate.reason_scenario": (
        "NAME=VALUE pairs separated by commas; VALUE a number, or +x / -x to move the input",
        "以逗号分隔的 名称=数值；数值为数字，或以 +x / -x 在基准上增减",
    ),
    "simulate.hint_retention": (
        "E.g. --retention 0.8, or --retention 0.6,0.75,0.8.",
        "例如 --retention 0.8，或 --retention 0.6,0.75,0.8。",
    ),
    "simulate.hint_scenario": (
        'E.g. --scenario "retention=+0.05" or --scenario "retention=+0.05,margin=0.35".',
        '例如 --scenario "retention=+0.05" 或 --scenario "retention=+0.05,margin=0.35"。',
    ),
    "simulate.input_starting": ("Customers at the start", "期初客户数"),
    "simulate.input_retention": ("Retention (share who stay a year)", "留存率（一年后留下的比例）"),
    "simulate.input_revenue": (
        "Revenue per customer a year (yuan)",
        "每位客户每年收入（元）",
    ),
    "simulate.input_service_cost": (
        "Service cost per customer a year (yuan)",
        "每位客户每年服务成本（元）",
    ),
    "simulate.input_margin": ("Margin (share of revenue)", "毛利率（占收入比例）"),
    "simulate.input_new": ("New customers a year (not referred)", "每年新客户数（不含转介绍）"),
    "simulate.input_acquisition_cost": (
        "Acquisition cost per new customer (yuan)",
        "每位新客户获客成本（元）",
    ),
    "simulate.input_referral_rate": (
        "Referral rate (new customers per customer a year)",
        "转介绍率（每位客户每年带来的新客户）",
    ),
    "simulate.input_referral_reward": (
        "Cost per referred customer (yuan)",
        "每位转介绍客户的成本（元）",
    ),
    "simulate.input_win_back_rate": (
        "Win-back rate (share of a year's lost who return)",
        "挽回率（某年流失客户中回来的比例）",
    ),
    "simulate.input_win_back_cost": (
        "Cost per customer won back (yuan)",
        "每位挽回客户的成本（元）",
    ),
    "simulate.input_discount_rate": ("Discount rate a year", "年折现率"),
    "simulate.source_observed": ("your data", "您的数据"),
    "simulate.source_sbg": ("sBG model", "sBG 模型"),
    "simulate.source_default": ("default", "默认值"),
    "simulate.source_user": ("given by you", "您给定"),
    "simulate.source_observed_sbg": ("your data, then sBG", "您的数据，其后为 sBG 模型"),
    "simulate.by_tenure": ("by tenure (table below)", "按客龄（见下表）"),
    "simulate.starting_total": ("{total} (by tenure below)", "{total}（按客龄见下表）"),
    "simulate.how_user": ("your value", "您给定的值"),
    "simulate.how_starting_observed": (
        "the {customers} customers who bought in {year}, the last complete year, by years "
        "since their first order",
        "在最后一个完整年度 {year} 有购买的 {customers} 位客户，按首购以来的年数分组",
    ),
    "simulate.how_retention_observed": (
        "of the customers who bought every year since their first, the share who bought "
        "again the next year; your cohorts {first}–{last}, pooled",
        "自首购起每年都有购买的客户中，次年再次购买的比例；按 {first}–{last} 各年获客队列合并计算",
    ),
    "simulate.how_retention_sbg": (
        "observed for the first {observed} years of tenure (your cohorts {first}–{last}); "
        "later years from the sBG model fitted to the same cohorts (α {alpha}, β {beta})",
        "前 {observed} 个客龄年为观测值（{first}–{last} 各年获客队列）；之后各年取自按同一队列"
        "拟合的 sBG 模型（α {alpha}，β {beta}）",
    ),
    "simulate.how_revenue_observed": (
        "net revenue (refunds deducted) per customer who bought, by years since the first order",
        "每位有购买客户的净收入（扣除退款），按首购以来的年数",
    ),
    "simulate.how_service_cost_observed": (
        "service costs (costs of kind service) per customer who bought, by years since the "
        "first order",
        "每位有购买客户的服务成本（类型为 service 的费用），按首购以来的年数",
    ),
    "simulate.how_service_cost_default": (
        "no service costs in your costs table: 0",
        "费用表中没有服务成本：取 0",
    ),
    "simulate.how_margin_observed": (
        "1 − cost of goods ÷ revenue over the {orders} orders that carry their cost",
        "按带有成本的 {orders} 笔订单计算：1 − 商品成本 ÷ 收入",
    ),
    "simulate.how_margin_default": (
        "no order carries its cost of goods: the stated default of 30 %",
        "没有订单带有商品成本：取默认值 30%",
    ),
    "simulate.how_new_observed": (
        "customers acquired a year without a referral, the mean over {from}–{to} ({counts})",
        "每年非转介绍获得的新客户数，{from}–{to} 年的平均（{counts}）",
    ),
    "simulate.how_acquisition_cost_observed": (
        "acquisition costs ÷ the {customers} customers acquired without a referral in {from}–{to}",
        "获客费用 ÷ {from}–{to} 年非转介绍获得的 {customers} 位客户",
    ),
    "simulate.how_acquisition_cost_default": (
        "no acquisition costs in your costs table: 0",
        "费用表中没有获客费用：取 0",
    ),
    "simulate.how_referral_rate_observed": (
        "customers acquired through a referral ({referred}) ÷ customers who bought the year "
        "before ({active_before}), {from}–{to}",
        "{from}–{to} 年经转介绍获得的客户（{referred}）÷ 上一年有购买的客户（{active_before}）",
    ),
    "simulate.how_referral_rate_default": (
        "no customer has a referrer (referred_by), or one complete year only: 0",
        "没有客户填写推荐人（referred_by），或只有一个完整年度：取 0",
    ),
    "simulate.how_referral_reward_observed": (
        "acquisition costs ÷ the {customers} customers acquired through a referral in {from}–{to}",
        "获客费用 ÷ {from}–{to} 年经转介绍获得的 {customers} 位客户",
    ),
    "simulate.how_referral_reward_default": (
        "no acquisition costs of referred customers: 0",
        "没有转介绍客户的获客费用：取 0",
    ),
    "simulate.how_win_back_rate_observed": (
        "of the {lost} customers who bought in a year and not the next, the share who bought "
        "again the year after ({won_back}), {from}–{to}",
        "{from}–{to} 年，某年有购买而次年没有的 {lost} 位客户中，再下一年又购买的比例（{won_back} 位）",
    ),
    "simulate.how_win_back_rate_default": (
        "needs three complete years of orders: 0",
        "需要三个完整年度的订单：取 0",
    ),
    "simulate.how_win_back_cost_default": ("not in the ledger: 0", "台账中没有此项：取 0"),
    "simulate.how_discount_rate_default": (
        "not in the ledger: 10 % a year, as `custvalue clv score`",
        "台账中没有此项：每年 10%，与 `custvalue clv score` 相同",
    ),
    "simulate.warn_acquisition_cost": (
        "The acquisition cost is 0: your costs table holds no acquisition costs. The claim "
        "that a new customer costs 5–8 times keeping one needs it: give --acquisition-cost YUAN.",
        "获客成本为 0：费用表中没有获客费用。检验“获得新客户的成本是保留老客户的 5–8 倍”需要此项："
        "请给出 --acquisition-cost 金额（元）。",
    ),
    "simulate.warn_margin": (
        "The margin is the stated default of 30 %: no order carries its cost of goods. Give "
        "--margin for your own.",
        "毛利率取默认值 30%：没有订单带有商品成本。请用 --margin 给出您的实际毛利率。",
    ),
    "simulate.warn_sbg_failed": (
        "The sBG model could not be fitted to your cohorts: the last observed retention rate "
        "is kept for every later year.",
        "无法按您的客户队列拟合 sBG 模型：以后各年沿用最后一个观测到的留存率。",
    ),
    "simulate.title_inputs": (
        "Inputs (your orders {first}–{last}, as of {as_of})",
        "输入（您的订单 {first}–{last} 年，截至 {as_of}）",
    ),
    "simulate.title_tenure": ("By tenure (year 1 = the first year)", "按客龄（第 1 年 = 首年）"),
    "simulate.title_projection": ("The next {years} years", "未来 {years} 年"),
    "simulate.title_scenarios": (
        "Scenarios side by side ({years} years)",
        "方案对比（{years} 年）",
    ),
    "simulate.caption_projection": (
        "Customers are expected numbers (fractions allowed). Those lost leave at a year's "
        "end; those acquired, referred and won back join at its end and buy from the next "
        "year. Profit = margin − acquisition, service, referral and win-back spend; NPV to "
        "date at {rate} a year.",
        "客户数为期望值（可含小数）。流失客户在年末离开；新获得、转介绍与挽回的客户在年末加入，"
        "从次年起购买。利润 = 毛利 − 获客、服务、转介绍与挽回支出；累计净现值按每年 {rate} 折现。",
    ),
    "simulate.baseline_row": ("Baseline", "基准"),
    "simulate.claims_title": (
        "The seeds' claims, on your numbers:",
        "书中的说法，用您的数据检验：",
    ),
    "simulate.claim_churn_setup": (
        "Claim 1 — 5 points less churn raise profit by 25–85 %: every retention rate above "
        "raised by {points} points, over {years} years.",
        "说法一——流失率降低 5 个百分点，利润增加 25–85%：将上面的每个留存率提高 {points} 个"
        "百分点，推算 {years} 年。",
    ),
    "simulate.claim_ratio_setup": (
        "Claim 2 — a new customer costs 5–8 times keeping one: the acquisition cost, {acquisition} "
        "yuan, against the cost of keeping a customer a year, {keeping} yuan (the "
        "projection's service cost per customer and year).",
        "说法二——获得新客户的成本是保留老客户的 5–8 倍：获客成本 {acquisition} 元，对比保留一位"
        "客户一年的成本 {keeping} 元（推算中每位客户每年的服务成本）。",
    ),
    "simulate.hint_claims": (
        "Add --claims to test the seeds' two claims on these numbers.",
        "加上 --claims 可用这组数据检验书中的两个说法。",
    ),
    "simulate.sheet_inputs": ("Inputs", "输入"),
    "simulate.sheet_tenure": ("By tenure", "按客龄"),
    "simulate.sheet_projection": ("Projection", "推算"),
    "simulate.sheet_scenarios": ("Scenarios", "方案"),
    "col.assumption": ("Input", "输入项"),
    "col.setting": ("Value", "取值"),
    "col.origin": ("From", "来源"),
    "col.basis": ("How", "依据"),
    "col.tenure": ("Tenure year", "客龄（年）"),
    "col.starting_customers": ("Customers at the start", "期初客户"),
    "col.retention": ("Retention", "留存率"),
    "col.retention_origin": ("Retention from", "留存率来源"),
    "col.revenue_per_customer": ("Revenue per customer", "每客户收入"),
    "col.service_cost_per_customer": ("Service cost per customer", "每客户服务成本"),
    "col.customers_start": ("Customers at start", "年初客户"),
    "col.customers_lost": ("Lost", "流失"),
    "col.customers_acquired": ("Acquired", "新获得"),
    "col.customers_referred": ("Referred", "转介绍"),
    "col.customers_won_back": ("Won back", "挽回"),
    "col.customers_end": ("Customers at end", "年末客户"),
    "col.npv": ("NPV", "净现值"),
    "col.npv_to_date": ("NPV to date", "累计净现值"),
    "col.scenario": ("Scenario", "方案"),
    "col.profit_change_pct": ("Profit change", "利润变化"),
}
