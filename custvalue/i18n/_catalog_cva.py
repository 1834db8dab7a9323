"""Messages and labels of customer value analysis (Gale's seven tools)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cva.no_ratings": (
        "no survey ratings to analyse; import them first: custvalue import ratings FILE --us NAME",
        "没有可分析的调查评分；请先导入：custvalue import ratings 文件 --us 本公司名称",
    ),
    "cva.no_weights": (
        "no {kind} attribute weights; import them: custvalue import weights FILE (kind column "
        "quality/price)",
        "没有{kind}属性的权重；请导入：custvalue import weights 文件（类型列为 质量/价格）",
    ),
    "cva.unknown_us": (
        "'{us}' is not among the rated competitors ({known}); name our brand with --us NAME",
        "“{us}”不在被评价的竞争者中（{known}）；请用 --us 名称 指定本公司品牌",
    ),
    "cva.unknown_rival": (
        "'{rival}' is not a rival in this survey (known: {known})",
        "“{rival}”不是本次调查中的对手（已有：{known}）",
    ),
    "cva.rival_is_us": (
        "'{rival}' is our own brand; choose a rival",
        "“{rival}”是本公司品牌；请选择一个对手",
    ),
    "cva.no_pairs": (
        "no respondent rated both {us} and a rival on the {kind} attributes, so no ratio can "
        "be formed; check the competitor names and attribute weights",
        "没有受访者在{kind}属性上同时评价 {us} 和对手，无法计算比率；请检查竞争者名称和属性权重",
    ),
    "cva.no_shares": (
        "market shares are needed for the share-weighted baseline but are missing for: "
        "{missing}; import them (custvalue import market FILE) or use --baseline mean",
        "按市场份额加权的基准需要市场份额，但以下竞争者缺少：{missing}；请导入（custvalue import "
        "market 文件）或改用 --baseline mean",
    ),
    "cva.no_prices": (
        "market prices are missing for: {missing}; import them or use --price-source perceived",
        "以下竞争者缺少市场价格：{missing}；请导入或改用 --price-source perceived",
    ),
    "cva.map_too_few": (
        "the value map needs at least two competitors with both quality and price; found: {found}",
        "价值图至少需要两个同时具备质量和价格数据的竞争者；现有：{found}",
    ),
    "cva.fit_needs_three": (
        "a fitted fair-value line needs at least three competitors with different prices "
        "(found {found}); use --line diagonal or --line importance",
        "拟合公平价值线至少需要三个价格不同的竞争者（现有 {found} 个）；请改用 --line diagonal "
        "或 --line importance",
    ),
    "cva.no_deals": (
        "no deals to analyse; import them: custvalue import deals FILE",
        "没有可分析的商机记录；请导入：custvalue import deals 文件",
    ),
    "cva.mixed_outcome": (
        "deal {deal} is recorded both as won and as lost; correct the deal file",
        "商机 {deal} 同时被记为赢单和丢单；请修正商机文件",
    ),
    "cva.no_events": (
        "no key events recorded; import them: custvalue import events FILE",
        "没有关键事件记录；请导入：custvalue import events 文件",
    ),
    "cva.no_owners": (
        "no what/who assignments; import them: custvalue import owners FILE",
        "没有属性归属（what/who）数据；请导入：custvalue import owners 文件",
    ),
    # --- labels ----------------------------------------------------------------------
    "cva.kind_quality": ("quality", "质量"),
    "cva.kind_price": ("price", "价格"),
    "cva.rivals_mean": ("rivals' mean", "对手平均"),
    "cva.rivals_share": ("rivals, share-weighted", "对手（按份额加权）"),
    "cva.zone_better": ("better value", "价值较优"),
    "cva.zone_worse": ("worse value", "价值较差"),
    "cva.zone_fair": ("fair value", "价值相当"),
    "cva.outcome_won": ("won", "赢单"),
    "cva.outcome_lost": ("lost", "丢单"),
    "cva.flag_priority": ("priority: important and behind", "优先：重要且落后"),
    "cva.flag_unowned": ("nobody owns it", "无人负责"),
    "cva.flag_up": ("up", "上升"),
    "cva.flag_down": ("down", "下降"),
    "cva.flag_mixed": ("mixed", "有升有降"),
    "cva.effect_up": ("up", "上升"),
    "cva.effect_down": ("down", "下降"),
    "col.us_score": ("Our score", "我方得分"),
    "col.rival_score": ("Rival score", "对手得分"),
    "col.contribution": ("Weight × ratio", "权重×比率"),
    "col.score_ratio": ("Score ratio", "得分比"),
    "col.weight_covered": ("Weight covered", "覆盖权重"),
    "col.relative_quality": ("Relative quality", "相对质量"),
    "col.relative_price": ("Relative price", "相对价格"),
    "col.fair_quality": ("Fair-value quality", "公平价值线质量"),
    "col.zone": ("Zone", "区域"),
    "col.value_advantage": ("Value advantage", "价值优势"),
    "col.market_segment": ("Segment", "细分市场"),
    "col.lead": ("Lead", "主责部门"),
    "col.support": ("Support", "协助部门"),
    "col.is_us": ("Us", "本公司"),
    "col.won": ("Won", "赢单"),
    "col.lost": ("Lost", "丢单"),
    "col.net": ("Net", "净值"),
    "col.won_share": ("Share of wins", "占赢单比例"),
    "col.lost_share": ("Share of losses", "占丢单比例"),
    "col.x_start": ("From", "起点"),
    "col.x_end": ("To", "终点"),
    "col.area": ("Area", "面积"),
    "col.ratio_before": ("Ratio before", "事件前比率"),
    "col.ratio_after": ("Ratio after", "事件后比率"),
    "col.change": ("Change", "变化"),
    "col.consistent": ("As expected", "与预期一致"),
    "col.flag": ("Flag", "标记"),
    "col.quality_ratio": ("Quality ratio", "质量比率"),
    "col.price_ratio": ("Price ratio", "价格比率"),
    "col.quality_change": ("Quality change", "质量变化"),
    "col.price_change": ("Price change", "价格变化"),
}
MESSAGES.update(
    {
        "cva.chart_value_map": ("Customer value map", "客户价值图"),
        "cva.chart_fair_line": ("fair-value line", "公平价值线"),
        "cva.chart_competitors": ("competitors", "竞争者"),
        "cva.chart_quality_profile": (
            "Market-perceived quality profile of {us}",
            "{us} 的市场感知质量分析",
        ),
        "cva.chart_price_profile": (
            "Market-perceived price profile of {us}",
            "{us} 的市场感知价格分析",
        ),
        "cva.chart_head_to_head": (
            "Head-to-head against {rival} (net weighted difference {net:+.2f})",
            "与 {rival} 的对照图（加权净差 {net:+.2f}）",
        ),
        "cva.chart_cumulative_weight": ("cumulative weight", "累计权重"),
        "cva.chart_win_loss": (
            "Won and lost deals by deciding attribute ({won} won, {lost} lost)",
            "按决定因素统计的赢单与丢单（赢 {won}，丢 {lost}）",
        ),
        "cva.chart_deals": ("deals", "交易数"),
        "cva.chart_key_events": (
            "Key events and our performance ratio by wave",
            "关键事件与各批次的绩效比率",
        ),
        "cva.chart_events": (
            "events (their attribute's ratio after)",
            "事件（所涉属性事件后的比率）",
        ),
        "cva.chart_trend": ("Overall ratios by wave and segment", "各批次、各细分的总体比率"),
        "cva.chart_all_segments": ("all segments", "全部细分"),
    }
)
