"""Loyalty: stages, types and the three lists (custvalue loyalty …)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "loyalty.help": (
        "Loyalty: each customer's stage (suspect to advocate), loyalty type (true, latent, "
        "spurious, none) and the lists to act on.",
        "客户忠诚：每位客户所处阶段（从潜在客户到拥护者）、忠诚类型（真忠诚、潜在、伪忠诚、无）及待跟进名单。",
    ),
    "loyalty.stages_help": (
        "How many customers stand on each stage of the loyalty ladder.",
        "忠诚阶梯各阶段的客户数。",
    ),
    "loyalty.types_help": (
        "Loyalty types from attitude × repeat patronage (Dick & Basu 1994), with their value.",
        "按态度 × 重复购买划分的忠诚类型（Dick & Basu 1994）及其价值。",
    ),
    "loyalty.at_risk_help": (
        "Satisfied but at risk: satisfied customers whose P(alive) is low or whose expected "
        "purchases are falling.",
        "满意但有流失风险：表示满意、但存活概率低或预期购买在下降的客户。",
    ),
    "loyalty.false_loyalty_help": (
        "False loyalty (伪忠诚): customers who keep buying with a low attitude.",
        "伪忠诚：持续购买但态度评价低的客户。",
    ),
    "loyalty.silent_promoters_help": (
        "Promoters (NPS 9–10) who have not referred anyone yet.",
        "尚未推荐过任何人的推荐者（NPS 9–10 分）。",
    ),
    "loyalty.opt_rules": (
        "Stage rules (TOML) replacing the shipped stages.toml.",
        "替换自带 stages.toml 的阶段规则文件（TOML）。",
    ),
    "loyalty.opt_top": (
        "Rows shown in the table (exports hold every row).",
        "表格显示的行数（导出包含全部行）。",
    ),
    "loyalty.opt_attitude": (
        "Attitude counted as high from this score on 0–10 (default 9: a promoter).",
        "态度评分（0–10）达到此值即为高（默认 9：推荐者）。",
    ),
    "loyalty.opt_patronage": (
        "Repeat patronage counted as high from this share (0–1, default 0.5).",
        "重复购买程度达到此比例（0–1，默认 0.5）即为高。",
    ),
    "loyalty.title_stages": ("The loyalty ladder (as of {as_of})", "忠诚阶梯（截至 {as_of}）"),
    "loyalty.title_types": ("Loyalty types", "忠诚类型"),
    "loyalty.title_at_risk": ("Satisfied but at risk", "满意但有流失风险"),
    "loyalty.title_false_loyalty": ("False loyalty (伪忠诚)", "伪忠诚客户"),
    "loyalty.title_silent_promoters": (
        "Promoters who have not referred anyone yet",
        "尚未推荐他人的推荐者",
    ),
    "loyalty.stages_note": (
        "Client: orders in 3 of the last 4 quarters; advocate: referred a customer who bought, "
        "or a promoter who referred someone (rules: stages.toml).",
        "老主顾：近 4 个季度中至少 3 个季度有订单；拥护者：推荐的客户已购买，或推荐过他人的推荐者"
        "（规则见 stages.toml）。",
    ),
    "loyalty.types_note": (
        "Attitude high from {attitude} (latest NPS, else the overall rating on 0–10); patronage "
        "high from {patronage} (P(alive) × share of active quarters). Unknown: no survey answer.",
        "态度高：≥ {attitude}（最近一次 NPS，否则为换算到 0–10 的总体评价）；重复购买高：≥ {patronage}"
        "（存活概率 × 活跃季度占比）。未知：没有调查回答。",
    ),
    "loyalty.note_at_risk": (
        "{count} customers in all, the most valuable first.",
        "共 {count} 位客户，价值高者在前。",
    ),
    "loyalty.note_false_loyalty": (
        "{count} customers in all, the most valuable first.",
        "共 {count} 位客户，价值高者在前。",
    ),
    "loyalty.note_silent_promoters": (
        "{count} customers in all, the most valuable first.",
        "共 {count} 位客户，价值高者在前。",
    ),
    "loyalty.at_risk_needs_clv": (
        "No CLV run yet, so P(alive) is unknown: run custvalue clv score first.",
        "尚无 CLV 结果，存活概率未知：请先运行 custvalue clv score。",
    ),
    "loyalty.stage_suspect": ("suspect", "潜在客户"),
    "loyalty.stage_prospect": ("prospect", "意向客户"),
    "loyalty.stage_first_time": ("first-time buyer", "首次购买者"),
    "loyalty.stage_repeat": ("repeat buyer", "重复购买者"),
    "loyalty.stage_client": ("client", "老主顾"),
    "loyalty.stage_advocate": ("advocate", "拥护者"),
    "loyalty.type_true": ("true loyalty", "真忠诚"),
    "loyalty.type_latent": ("latent loyalty", "潜在忠诚"),
    "loyalty.type_spurious": ("spurious (false) loyalty", "伪忠诚"),
    "loyalty.type_none": ("no loyalty", "无忠诚"),
    "loyalty.type_unknown": ("unknown (no survey answer)", "未知（无调查回答）"),
    "col.stage": ("Stage", "阶段"),
    "col.loyalty_type": ("Loyalty type", "忠诚类型"),
    "col.attitude": ("Attitude (0–10)", "态度（0–10）"),
    "col.patronage": ("Patronage", "重复购买"),
    "col.referred": ("Referred", "已推荐"),
    "loyalty.rules_unreadable": (
        "Cannot read the loyalty rules {file}: {detail}. Start from the shipped stages.toml.",
        "无法读取忠诚阶段规则文件 {file}：{detail}。请以自带的 stages.toml 为模板。",
    ),
    "loyalty.bad_rule": (
        "The loyalty rules {file} set {key} to {value}: it must be a whole number of at "
        "least 1 (active periods no more than the periods).",
        "忠诚阶段规则文件 {file} 中 {key} 为 {value}：须为不小于 1 的整数（活跃期数不多于总期数）。",
    ),
    "loyalty.items_unreadable": (
        "Cannot read the loyalty statements {file}: {detail}. Start from the shipped "
        "loyalty_items.toml.",
        "无法读取忠诚度陈述文件 {file}：{detail}。请以自带的 loyalty_items.toml 为模板。",
    ),
    "loyalty.no_items": (
        "The loyalty statements {file} hold no [[item]] entry: each statement needs an id, "
        "zh and en text, and a kind or a dimension.",
        "忠诚度陈述文件 {file} 中没有 [[item]] 条目：每条陈述须有 id、zh 和 en 文本，以及 kind 或 dimension。",
    ),
    "loyalty.bad_item": (
        "The loyalty statements {file}, entry {number}: {key} is {value}. An entry needs "
        "id, zh and en (text, each used once), kind (impulse, affective, cognitive, "
        "behavioural) and/or dimension (satisfaction, experience, value, engagement, "
        "loyalty), and optionally reverse = true or false.",
        "忠诚度陈述文件 {file} 第 {number} 条：{key} 为 {value}。每条须有 id、zh 和 en（文本，不可重复），"
        "kind（impulse、affective、cognitive、behavioural）和/或 dimension（satisfaction、experience、"
        "value、engagement、loyalty），可选 reverse = true 或 false。",
    ),
    "loyalty.no_customers": (
        "No customers in {db} yet: import customers and orders first.",
        "{db} 中还没有客户：请先导入客户和订单。",
    ),
    "loyalty.no_parts": (
        "No part of the total value to score: give at least one of {parts}.",
        "没有可计算总价值的组成部分：请至少提供 {parts} 之一。",
    ),
    "loyalty.unknown_part": (
        "{part} is not a part of the total value; the parts are {parts}.",
        "{part} 不是总价值的组成部分；组成部分为 {parts}。",
    ),
    "loyalty.no_weight": (
        "Every weight of the total value is 0: give at least one part a weight above 0.",
        "总价值各部分的权重都为 0：请至少给一个部分大于 0 的权重。",
    ),
    "loyalty.total_help": (
        "Total customer value (总客户价值): consumption, engagement, referral, future (CLV) and "
        "satisfaction, each scored 0–100, weighted; missing parts left out, not zero.",
        "总客户价值：消费、参与、推荐、未来潜力（CLV）与满意度各按 0–100 计分后加权；缺失部分不计入，而不是按 0 计。",
    ),
    "loyalty.opt_weights": (
        "Weights of the parts as part=weight,… (default equal): consumption, engagement, "
        "referral, future, satisfaction.",
        "各部分权重，写作 部分=权重,…（默认相等）：consumption、engagement、referral、future、satisfaction。",
    ),
    "loyalty.opt_method": (
        "How each part is scored: percentile (default) or minmax.",
        "各部分的计分方式：percentile（百分位，默认）或 minmax（极差归一）。",
    ),
    "loyalty.title_total": ("Total customer value", "总客户价值"),
    "loyalty.total_note": (
        "Weights: {weights}; each part scored by {method} among the customers who have it; "
        "{count} customers.",
        "权重：{weights}；各部分在拥有该部分数据的客户中按{method}计分；共 {count} 位客户。",
    ),
    "loyalty.method_percentile": ("percentile rank", "百分位排名"),
    "loyalty.method_minmax": ("min–max", "极差归一"),
    "loyalty.part_consumption": ("consumption", "消费"),
    "loyalty.part_engagement": ("engagement", "参与"),
    "loyalty.part_referral": ("referral", "推荐"),
    "loyalty.part_future": ("future", "未来潜力"),
    "loyalty.part_satisfaction": ("satisfaction", "满意度"),
    "col.total": ("Total (0–100)", "总分（0–100）"),
    "col.parts": ("Parts", "计入部分"),
    "col.consumption": ("Consumption", "消费"),
    "col.engagement": ("Engagement", "参与"),
    "col.referral": ("Referral", "推荐"),
    "col.future": ("Future (CLV)", "未来潜力（CLV）"),
    "col.satisfaction": ("Satisfaction", "满意度"),
    "loyalty.kinds_help": (
        "The kinds of loyalty (impulse, affective, cognitive, behavioural) from the loyalty "
        "statements customers answered.",
        "忠诚的种类（冲动型、情感型、认知型、行为型），依据客户对忠诚度陈述的回答。",
    ),
    "loyalty.index_help": (
        "The loyalty index: satisfaction, experience, value, engagement and loyalty, each "
        "0–100, and their mean per customer.",
        "忠诚度指数：满意、体验、价值、参与、忠诚五个维度（各 0–100）及每位客户的平均值。",
    ),
    "loyalty.opt_items": (
        "The loyalty statements (TOML, the keys of the shipped loyalty_items.toml).",
        "忠诚度陈述文件（TOML，键同自带的 loyalty_items.toml）。",
    ),
    "loyalty.opt_agree": (
        "Agreement (1–7) from which a customer holds a kind of loyalty (default 5).",
        "认定客户具有某种忠诚的最低同意程度（1–7，默认 5）。",
    ),
    "loyalty.title_kinds": ("Kinds of loyalty", "忠诚的种类"),
    "loyalty.title_index": ("Loyalty index (0–100)", "忠诚度指数（0–100）"),
    "loyalty.kinds_note": (
        "A customer's kind is the one whose statements they agree with most (mean agreement "
        "at least {agree} of 7; a tie goes to the stronger kind: behavioural > cognitive > "
        "affective > impulse). {measured} of {count} customers answered the statements.",
        "客户的忠诚种类取其最认同的一类陈述（平均同意程度不低于 {agree}/7；并列时取更强的一类："
        "行为型 > 认知型 > 情感型 > 冲动型）。{count} 位客户中有 {measured} 位回答了这些陈述。",
    ),
    "loyalty.index_note": (
        "Each dimension: mean agreement with its statements, (score − 1) ÷ 6 × 100 (reversed "
        "statements 7 − score); the overall rating and the NPS answer stand in for "
        "satisfaction and loyalty where no statement was answered. The index is the mean of "
        "the dimensions a customer has; customers with more dimensions are listed first. "
        "Means: {means}.",
        "各维度 = 其陈述的平均同意程度换算为 (得分 − 1) ÷ 6 × 100（反向陈述为 7 − 得分）；"
        "未回答相应陈述时，以总体满意度评分和 NPS 回答代替满意和忠诚两个维度。指数为客户已有维度的平均值；维度多的客户排在前面。"
        "均值：{means}。",
    ),
    "loyalty.unmatched": (
        "{count} statement(s) answered are not in the statement map and were left out: "
        "{items}. Add them to the map (--items FILE) or correct the item text.",
        "有 {count} 条已回答的陈述不在陈述表中，未计入：{items}。请把它们加入陈述表（--items 文件）或更正题项文字。",
    ),
    "loyalty.no_statements": (
        "No loyalty statements answered yet. Import them with: custvalue import loyalty FILE "
        "(columns respondent, item, score 1–7, customer_id).",
        "还没有忠诚度陈述的回答。请先导入：custvalue import loyalty 文件（列：受访者、题项、得分 1–7、客户编号）。",
    ),
    "loyalty.kind_impulse": ("impulse (price-driven)", "冲动型（价格驱动）"),
    "loyalty.kind_affective": ("affective (liking)", "情感型（喜爱）"),
    "loyalty.kind_cognitive": ("cognitive (informed choice)", "认知型（理性选择）"),
    "loyalty.kind_behavioural": ("behavioural (habit)", "行为型（习惯）"),
    "loyalty.kind_none_held": ("no kind held", "无明显忠诚"),
    "loyalty.kind_not_measured": ("not measured", "未测量"),
    "loyalty.dimension_satisfaction": ("satisfaction", "满意"),
    "loyalty.dimension_experience": ("experience", "体验"),
    "loyalty.dimension_value": ("value", "价值"),
    "loyalty.dimension_engagement": ("engagement", "参与"),
    "loyalty.dimension_loyalty": ("loyalty", "忠诚"),
    "loyalty.dimension_loyalty_index": ("loyalty index", "忠诚度指数"),
    "col.loyalty_kind": ("Kind of loyalty", "忠诚种类"),
    "col.loyalty_index": ("Loyalty index", "忠诚度指数"),
    "col.dimensions": ("Dimensions", "维度数"),
    "col.index_satisfaction": ("Satisfaction", "满意"),
    "col.index_experience": ("Experience", "体验"),
    "col.index_value": ("Value", "价值"),
    "col.index_engagement": ("Engagement", "参与"),
    "col.index_loyalty": ("Loyalty", "忠诚"),
    "col.impulse": ("Impulse", "冲动型"),
    "col.affective": ("Affective", "情感型"),
    "col.cognitive": ("Cognitive", "认知型"),
    "col.behavioural": ("Behavioural", "行为型"),
    "col.customer_total": ("Total customer value (0–100)", "总客户价值（0–100）"),
    "col.customer_total_parts": ("Parts of the total value", "总价值计入部分"),
    "customers.total_parts": ("{n} of 5 parts", "计入 {n}/5 个部分"),
    "customers.loyalty_title": ("Satisfaction and loyalty", "满意度与忠诚"),
    "customers.loyalty_more": (
        "How stages, types, kinds and the index are decided: the loyalty page",
        "阶段、类型、种类与指数的判定方法：见忠诚页面",
    ),
    "customers.lapsed": ("lapsed (no recent order)", "已流失（近期无订单）"),
    "customers.index_of": (
        "{index} over {n} of 5 dimensions",
        "{index}（基于 5 个维度中的 {n} 个）",
    ),
    "loyalty.nav": ("Loyalty", "忠诚"),
    "loyalty.page_title": ("Loyalty and total customer value", "客户忠诚与总客户价值"),
    "loyalty.page_intro": (
        "Where each customer stands on the loyalty ladder, which kind of loyalty they show, "
        "the customers to act on first and what each is worth in all (as of {as_of}).",
        "每位客户在忠诚阶梯上的位置、所属忠诚类型、需优先跟进的客户，以及每位客户的总价值（截至 {as_of}）。",
    ),
    "loyalty.title_ladder": ("The loyalty ladder", "忠诚阶梯"),
    "loyalty.funnel_title": (
        "Customers who reached each stage (or a higher one)",
        "达到各阶段（或更高阶段）的客户数",
    ),
}
