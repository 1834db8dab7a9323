"""What customers say: the survey kinds (custvalue.data.kinds.voice)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "voice.kind_nps": ("NPS answers", "NPS 回答"),
    "voice.kind_csat": ("CSAT answers", "CSAT 回答"),
    "voice.kind_ces": ("CES answers", "CES 回答"),
    "voice.kind_satisfaction": ("satisfaction answers", "满意度回答"),
    "voice.kind_servqual": ("SERVQUAL answers", "SERVQUAL 回答"),
    "voice.kind_kano": ("Kano answers", "Kano 回答"),
    "voice.kind_loyalty": ("loyalty statement answers", "忠诚度陈述回答"),
    "col.n_from": ("n (from)", "样本数（前）"),
    "col.n_to": ("n (to)", "样本数（后）"),
    "col.gap_from": ("Gap (from)", "差距（前）"),
    "col.gap_to": ("Gap (to)", "差距（后）"),
    "col.p_adjusted": ("p (Holm)", "p 值（Holm 校正）"),
    "voice.not_whole": (
        "a score must be a whole number on its scale (such as 7, not 7.5)",
        "分值须为量表上的整数（如 7，而不是 7.5）",
    ),
    "voice.ces_legacy_range": (
        "on the legacy CES scale (5) a score goes from 1 to 5",
        "旧版 CES 量表（5 分）的分值为 1 到 5",
    ),
    "voice.unknown_customer": (
        "no customer with this id in the ledger; import the customer first, correct the "
        "id, or leave the cell blank for an anonymous answer",
        "客户台账中没有此编号的客户；请先导入该客户、更正编号，或留空作为匿名回答",
    ),
    "voice.no_answers": (
        "No {kind} answers in {db} yet. Import them with: custvalue import {kind} FILE",
        "{db} 中还没有 {kind} 回答。请先导入：custvalue import {kind} 文件",
    ),
    "voice.mixed_ces_scales": (
        "The CES answers mix the 7-point and the legacy 5-point scale; choose a wave or "
        "segment with one scale (--wave, --segment).",
        "CES 回答混用了 7 分量表和旧版 5 分量表；请用 --wave 或 --segment 选择只含一种量表的范围。",
    ),
    "voice.no_linked_answers": (
        "No satisfaction answers or survey ratings linked to customers in {db}: import a "
        "satisfaction survey (custvalue import satisfaction) or survey ratings (custvalue "
        "import ratings) with a customer_id (客户编号) and an answered_on (答卷日期) column.",
        "{db} 中没有关联到客户的满意度回答或调查评分：请导入带客户编号和答卷日期列的满意度调查"
        "（custvalue import satisfaction）或调查评分（custvalue import ratings）。",
    ),
    "voice.moves_facts": (
        "An association from observational data, not a proven effect: {n} linked "
        "respondents, their buying in a median {days} days after the survey date ({recent} "
        "answered too recently and {undated} without a date left out); odds ratio and "
        "pseudo-R² from a logistic regression of buying again, the money from a two-part "
        "model (buying × spend), interval by bootstrap; {tested} scores tested at once, "
        "so one clear of 0 alone may be chance.",
        "这是观察数据中的关联，并非已证实的因果效应：{n} 位已关联客户的受访者，统计其答卷日期后（中位数）{days} 天内的购买"
        "（{recent} 位答卷过近、{undated} 位无日期，未计入）；优势比与伪 R² 来自是否再次购买的逻辑回归，"
        "金额来自两部分模型（是否购买 × 购买金额），区间为自助法估计；同时检验了 {tested} 项评分，"
        "仅一项区间不含 0 可能出于偶然。",
    ),
    "voice.moves_money": (
        "One point more on {attribute} goes with {delta} more spend per customer in the "
        "next {days} days (interval {low} to {high}); {affected} customers rated it below "
        "the top.",
        "{attribute}每高 1 分，客户在之后 {days} 天内的人均消费多 {delta}（区间 {low} 至 {high}）；"
        "有 {affected} 位客户对其评分未达满分。",
    ),
    "voice.moves_money_unsure": (
        "No attribute's link to spending is clear of chance: the largest, {attribute}, "
        "goes with {delta} per point per customer in the next {days} days, but its interval "
        "({low} to {high}) includes 0; {affected} customers rated it below the top.",
        "没有哪项属性与消费的关联能排除偶然：关联最大的{attribute}每高 1 分对应之后 {days} 天人均 {delta}，"
        "但区间（{low} 至 {high}）包含 0；有 {affected} 位客户对其评分未达满分。",
    ),
    "voice.moves_none": (
        "Too few linked respondents, or nobody (or everybody) bought again, to fit a model.",
        "关联的受访者太少，或无人（或人人）再次购买，无法拟合模型。",
    ),
    "voice.overall": ("the overall rating", "总体评价"),
    "voice.gale_quality": ("perceived quality (Gale, weighted)", "感知质量（Gale 加权）"),
    "voice.gale_price": ("price satisfaction (Gale, weighted)", "价格满意度（Gale 加权）"),
    "voice.title_value": ("What moves value", "什么在推动客户价值"),
    "voice.value_chart": (
        "One point more: spend per customer after the survey",
        "每高 1 分：答卷后的人均消费",
    ),
    "voice.holdout_label": ("Days after the survey", "答卷后天数"),
    "voice.value_link": (
        "What one point of satisfaction is worth in money",
        "满意度每 1 分值多少钱",
    ),
    "voice.value_help": (
        "How each satisfaction score of customers linked to the ledger goes with their "
        "buying after the survey, and what one point is worth in money.",
        "与台账关联的客户：各项满意度评分与其答卷后购买行为的关系，以及每 1 分值多少钱。",
    ),
    "voice.opt_holdout": (
        "Days after the survey date in which buying is counted (default 365).",
        "答卷日期后统计购买的天数（默认 365）。",
    ),
    "voice.opt_min_holdout": (
        "Leave out respondents with fewer days of holdout than this (default 90).",
        "观察期不足此天数的受访者不计入（默认 90）。",
    ),
    "voice.opt_draws": (
        "Bootstrap resamples for the money interval (default 100; 0 for none).",
        "金额区间的自助法重抽样次数（默认 100；0 表示不计算）。",
    ),
    "col.predictor": ("Score", "评分项"),
    "col.affected": ("Below the top", "未达满分"),
    "col.odds_ratio": ("Odds ratio (buy again)", "优势比（再次购买）"),
    "col.odds_low": ("Odds ratio low", "优势比下限"),
    "col.odds_high": ("Odds ratio high", "优势比上限"),
    "col.pseudo_r2": ("Pseudo-R²", "伪 R²"),
    "col.purchases_ratio": ("Purchases ratio", "购买次数比"),
    "col.purchases_p": ("p (purchases)", "p 值（次数）"),
    "col.spend_ratio": ("Spend ratio (buyers)", "消费比（购买者）"),
    "col.spend_p": ("p (spend)", "p 值（消费）"),
    "col.delta_spend": ("+1 point: spend per customer", "每高 1 分：人均消费"),
    "col.delta_low": ("Spend low", "消费下限"),
    "col.delta_high": ("Spend high", "消费上限"),
    "voice.unknown_by": (
        "--by {by}: no such grouping, and no customer has an attribute of that name. "
        "Group by one of: {choices}.",
        "--by {by}：没有这种分组方式，也没有客户带有此名称的属性。可用的分组：{choices}。",
    ),
    "voice.no_group_fits": (
        "By {by}, no group has enough answers for this measure; choose a coarser grouping or none.",
        "按{by}分组后，没有哪一组的回答足以计算此指标；请选择更粗的分组或不分组。",
    ),
    "col.r2": ("R²", "R²"),
    "voice.skipped_groups": (
        "Too few answers to compute, left out: {groups}.",
        "回答太少无法计算、未列出的组：{groups}。",
    ),
    "voice.by_clash": (
        "--by {by}: the customer attribute has the name of a survey column; rename the "
        "attribute in the customer file to group by it.",
        "--by {by}：该客户属性与调查表中的列同名；请在客户文件中为该属性改名后再分组。",
    ),
    "voice.no_overall": (
        "Key-driver analysis needs an overall rating: answers with the attribute 'overall' "
        "(总体) for each respondent.",
        "关键驱动因素分析需要总体评价：每位受访者一行属性为 overall（总体）的回答。",
    ),
    "voice.quadrant_concentrate_here": ("concentrate here", "重点改进"),
    "voice.quadrant_keep_up": ("keep up the good work", "继续保持"),
    "voice.quadrant_low_priority": ("low priority", "次要改进"),
    "voice.quadrant_possible_overkill": ("possible overkill", "可能过度"),
    "voice.kano_legend": (
        "A attractive · O one-dimensional · M must-be · I indifferent · R reverse · "
        "Q questionable; CS = (A+O)/(A+O+M+I), DS = −(O+M)/(A+O+M+I) (Berger et al. 1993).",
        "A 魅力 · O 期望（一元） · M 必备 · I 无差异 · R 反向 · Q 可疑；"
        "CS = (A+O)/(A+O+M+I)，DS = −(O+M)/(A+O+M+I)（Berger 等，1993）。",
    ),
    "voice.small_sample_note": (
        "Fewer than 30 answers in {groups}: the interval is wide, read the figure with care.",
        "{groups} 的回答少于 30 份：区间很宽，请谨慎解读。",
    ),
    "voice.change_note": (
        "Changes between waves are marked significant only when p < {alpha}.",
        "仅当 p < {alpha} 时才将批次间的变化标为显著。",
    ),
    "voice.change_note_holm": (
        "Each change: Welch's t-test on the respondents' gaps of the two waves; the p-values "
        "of one pair of waves are Holm-adjusted for testing every row at once, and a change "
        "is marked significant only when p (Holm) < {alpha}.",
        "每项变化：对两批受访者的差距做 Welch t 检验；同一对批次的各行 p 值按 Holm 方法校正"
        "（同时检验多行），仅当校正后 p < {alpha} 时才标为显著。",
    ),
    "voice.title_nps": ("Net Promoter Score", "净推荐值（NPS）"),
    "voice.title_csat": ("Customer satisfaction (CSAT)", "客户满意度（CSAT）"),
    "voice.title_ces": ("Customer effort (CES)", "客户费力度（CES）"),
    "voice.title_gaps": ("Satisfaction: performance against expectation", "满意度：表现与期望之差"),
    "voice.title_ipa": ("Importance–performance", "重要性–表现分析"),
    "voice.title_drivers": ("Key drivers of overall satisfaction", "总体满意度的关键驱动因素"),
    "voice.title_servqual": ("SERVQUAL gaps by dimension", "SERVQUAL 各维度差距"),
    "voice.title_kano": ("Kano categories", "Kano 分类"),
    "voice.title_changes": ("Changes between waves", "批次间变化"),
    "voice.drivers_facts": (
        "R² {r2:.3f} (adjusted {adjusted:.3f}) on {n} respondents; not significant at 5 %: {weak}.",
        "R² {r2:.3f}（调整后 {adjusted:.3f}），受访者 {n} 位；5% 水平下不显著：{weak}。",
    ),
    "voice.servqual_facts": (
        "Overall gap {unweighted:.2f} unweighted; {weighted}.",
        "总体差距（不加权）{unweighted:.2f}；{weighted}。",
    ),
    "voice.servqual_weighted": ("weighted {value:.2f}", "加权 {value:.2f}"),
    "voice.servqual_unweighted_only": ("no dimension weights given", "未给出维度权重"),
    "voice.ipa_facts": (
        "Cross-hairs at performance {x:.2f} and importance {y:.2f} ({rule}).",
        "十字线位于表现 {x:.2f}、重要性 {y:.2f}（{rule}）。",
    ),
    "voice.cross_scale": ("the scale midpoint", "量表中点"),
    "voice.cross_data": ("the data means", "数据均值"),
    "voice.none": ("none", "无"),
    "col.n": ("Answers", "回答数"),
    "col.promoter_share": ("Promoters", "推荐者"),
    "col.passive_share": ("Passives", "被动者"),
    "col.detractor_share": ("Detractors", "贬损者"),
    "col.nps": ("NPS", "NPS"),
    "col.nps_low": ("NPS low", "NPS 下限"),
    "col.nps_high": ("NPS high", "NPS 上限"),
    "col.small_sample": ("Small sample", "样本偏少"),
    "col.share_low": ("Share low", "比例下限"),
    "col.share_high": ("Share high", "比例上限"),
    "col.mean": ("Mean", "均值"),
    "col.mean_low": ("Mean low", "均值下限"),
    "col.mean_high": ("Mean high", "均值上限"),
    "col.expectation": ("Expectation", "期望"),
    "col.performance": ("Performance", "表现"),
    "col.share_dissatisfied": ("Dissatisfied", "不满意"),
    "col.share_satisfied": ("Satisfied", "满意"),
    "col.share_highly_satisfied": ("Highly satisfied", "非常满意"),
    "col.importance": ("Importance", "重要性"),
    "col.quadrant": ("Quadrant", "象限"),
    "col.coefficient": ("Coefficient", "回归系数"),
    "col.significant": ("Significant", "显著"),
    "col.dimension": ("Dimension", "维度"),
    "col.feature": ("Feature", "功能"),
    "col.A": ("A", "A"),
    "col.O": ("O", "O"),
    "col.M": ("M", "M"),
    "col.I": ("I", "I"),
    "col.R": ("R", "R"),
    "col.Q": ("Q", "Q"),
    "col.category": ("Category", "类别"),
    "col.cs": ("CS", "CS"),
    "col.ds": ("DS", "DS"),
    "col.from": ("From", "自"),
    "col.to": ("To", "至"),
    "col.change_low": ("Change low", "变化下限"),
    "col.change_high": ("Change high", "变化上限"),
    "col.mean_change": ("Mean change", "均值变化"),
    "col.mean_p_value": ("Mean p", "均值 p 值"),
    "col.mean_significant": ("Mean significant", "均值显著"),
    "col.item": ("Item", "题项"),
    "col.perception": ("Perception", "感知"),
    "voice.survey_help": (
        "What customers say: NPS, CSAT, CES, satisfaction gaps, importance–performance, key "
        "drivers, SERVQUAL and Kano, by wave, segment, tier, RFM segment or class.",
        "顾客之声：NPS、CSAT、CES、满意度差距、重要性–表现、关键驱动因素、SERVQUAL 与 Kano，"
        "可按批次、细分、等级、RFM 细分或客户类别查看。",
    ),
    "voice.nps_help": (
        "Net Promoter Score with promoters, passives, detractors and its interval (adjusted "
        "Wald, Rocks 2016); by wave, the changes that are significant.",
        "净推荐值：推荐者、被动者、贬损者及其置信区间（调整 Wald 法，Rocks 2016）；按批次时标出显著变化。",
    ),
    "voice.csat_help": (
        "CSAT: the share satisfied (4–5 of 5) with its Wilson interval, and the mean.",
        "CSAT：满意比例（5 分制中 4–5 分）及其 Wilson 区间，以及均值。",
    ),
    "voice.ces_help": (
        "Customer effort: the share 'easy' (5–7 of 7; 1–2 on the legacy 5-point scale) and the mean.",
        "客户费力度：“容易”的比例（7 分制 5–7 分；旧版 5 分制 1–2 分）及均值。",
    ),
    "voice.kano_help": (
        "Kano categories per feature with Berger's satisfaction and dissatisfaction coefficients.",
        "各功能的 Kano 分类及 Berger 满意/不满意系数。",
    ),
    "voice.gaps_help": (
        "Satisfaction as performance minus expectation per attribute: dissatisfied, satisfied, "
        "highly satisfied, and the share in each.",
        "以“表现减期望”衡量各属性的满意度：不满意、满意、非常满意及各自占比。",
    ),
    "voice.ipa_help": (
        "Importance–performance analysis: each attribute's quadrant (concentrate here, keep "
        "up the good work, low priority, possible overkill).",
        "重要性–表现分析：各属性所在象限（重点改进、继续保持、次要改进、可能过度）。",
    ),
    "voice.drivers_help": (
        "Key drivers of the overall rating: relative weights (or Shapley regression) with R² "
        "and the drivers that are not significant.",
        "总体评价的关键驱动因素：相对权重（或 Shapley 回归），附 R² 及不显著的因素。",
    ),
    "voice.servqual_help": (
        "SERVQUAL gap scores per dimension and item, unweighted and weighted.",
        "SERVQUAL 各维度与题项的差距分数（不加权与加权）。",
    ),
    "voice.opt_wave": (
        "Only this survey wave (default: every wave).",
        "只看该调查批次（默认：全部批次）。",
    ),
    "voice.opt_segment": ("Only this segment as answered.", "只看该细分（按问卷中的细分）。"),
    "voice.opt_by": (
        "Break down by wave, segment, touchpoint, tier, rfm or class (the last three from the "
        "linked customer's snapshot).",
        "按 wave（批次）、segment（细分）、touchpoint（触点）、tier（等级）、rfm 或 class（类别）"
        "分组（后三者取自所关联客户的快照）。",
    ),
    "voice.opt_confidence": (
        "Confidence level of the intervals and tests (default 0.95).",
        "区间与检验的置信水平（默认 0.95）。",
    ),
    "voice.opt_ratio": (
        "Disconfirmation as performance ÷ expectation instead of the difference.",
        "以“表现 ÷ 期望”代替差值计算。",
    ),
    "voice.opt_tolerance": (
        "Gaps within this distance of 0 (of 1 for the ratio) count as satisfied (default 0).",
        "与 0（比值为 1）相差不超过此值的差距计为满意（默认 0）。",
    ),
    "voice.opt_cross": (
        "Where the cross-hairs go: scale (the scale midpoint, default) or data (the means).",
        "十字线位置：scale（量表中点，默认）或 data（数据均值）。",
    ),
    "voice.opt_scale": (
        "The answer scale as LOW-HIGH (default 1-7).",
        "答题量表，写作 低-高（默认 1-7）。",
    ),
    "voice.opt_driver_method": (
        "relative_weights (Johnson 2000, default) or shapley (exact, up to 15 attributes).",
        "relative_weights（Johnson 2000，默认）或 shapley（精确计算，最多 15 个属性）。",
    ),
    "voice.opt_weights": (
        "Dimension weights summing to 100, as name=weight,… (e.g. tangibles=10,reliability=30,…).",
        "各维度权重（和为 100），写作 名称=权重,…（如 tangibles=10,reliability=30,…）。",
    ),
    "voice.opt_items": (
        "A CSV mapping item to dimension that replaces the standard SERVQUAL map.",
        "替换标准 SERVQUAL 对照表的 CSV（题项 → 维度）。",
    ),
    "voice.scope_segment": ("segment {segment}", "细分 {segment}"),
    "voice.all_answers": ("all answers", "全部回答"),
    "voice.dimension_tangibles": ("tangibles", "有形性"),
    "voice.dimension_reliability": ("reliability", "可靠性"),
    "voice.dimension_responsiveness": ("responsiveness", "响应性"),
    "voice.dimension_assurance": ("assurance", "保证性"),
    "voice.dimension_empathy": ("empathy", "移情性"),
    "col.satisfaction_gap": ("Gap (perceived − expected)", "差距（感知 − 期望）"),
    "voice.by_wave": ("Wave", "批次"),
    "voice.by_segment": ("Segment", "细分"),
    "voice.by_touchpoint": ("Touchpoint", "触点"),
    "voice.by_tier": ("Tier", "等级"),
    "voice.by_rfm": ("RFM segment", "RFM 细分"),
    "voice.by_class": ("Class", "客户类别"),
    "voice.nav": ("Satisfaction", "满意度"),
    "voice.page_title": ("What customers say: satisfaction and loyalty", "顾客之声：满意度与忠诚"),
    "voice.page_intro": (
        "Every survey measure on the stored answers, for one wave and segment or all of "
        "them, broken down by a grouping; answers linked to customers are grouped by the "
        "customer's tier, RFM segment or class.",
        "基于已导入回答的各项调查指标，可选某一批次与细分或全部，并按分组查看；关联到客户的"
        "回答可按客户等级、RFM 细分或类别分组。",
    ),
    "voice.every_wave": ("every wave", "全部批次"),
    "voice.every_segment": ("every segment", "全部细分"),
    "voice.group_by": ("Group by", "分组"),
    "voice.no_grouping": ("no grouping", "不分组"),
    "voice.to_imports": ("Import survey answers", "导入调查回答"),
    "voice.drivers_axis": ("Share of the explained variance (%)", "占已解释方差的比例（%）"),
    "voice.kano_cs_axis": ("CS: satisfaction when present", "CS：具备时的满意度"),
    "voice.kano_ds_axis": ("|DS|: dissatisfaction when absent", "|DS|：缺失时的不满意度"),
    "voice.about_nps": (
        "How likely customers are to recommend us (0–10): promoters 9–10, passives 7–8, "
        "detractors 0–6; NPS = % promoters − % detractors, with its 95 % interval.",
        "顾客向他人推荐我们的可能性（0–10 分）：9–10 分为推荐者，7–8 分为被动者，0–6 分为贬损者；"
        "NPS = 推荐者% − 贬损者%，附 95% 置信区间。",
    ),
    "voice.about_csat": (
        "Satisfaction with one contact (1–5): the share answering 4 or 5, and the mean.",
        "对某次接触的满意度（1–5 分）：回答 4 或 5 分的比例及均值。",
    ),
    "voice.about_ces": (
        "How easy it was to get things done: the share finding it easy, and the mean.",
        "办事是否省力：认为容易的比例及均值。",
    ),
    "voice.about_gaps": (
        "Satisfaction is perceived performance minus expectation: below 0 dissatisfied, at 0 "
        "satisfied, above 0 highly satisfied.",
        "满意度 = 感知表现 − 期望：低于 0 为不满意，等于 0 为满意，高于 0 为非常满意。",
    ),
    "voice.about_ipa": (
        "Where to act: attributes that matter and perform below the others come first.",
        "从哪里改进：重要而表现低于平均的属性优先。",
    ),
    "voice.about_drivers": (
        "Which attributes move the overall rating, as parts of the explained variance "
        "(relative weights, Johnson 2000).",
        "哪些属性影响总体评价：以已解释方差中的占比表示（相对权重法，Johnson 2000）。",
    ),
    "voice.about_servqual": (
        "Service quality as perception minus expectation over the five SERVQUAL dimensions.",
        "以感知减期望衡量服务质量，覆盖 SERVQUAL 的五个维度。",
    ),
    "voice.about_kano": (
        "What each feature does to satisfaction: attractive, one-dimensional, must-be or "
        "indifferent.",
        "各功能对满意度的作用：魅力型、期望型（一元）、必备型或无差异型。",
    ),
}
