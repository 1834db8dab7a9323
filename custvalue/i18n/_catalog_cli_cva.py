"""Texts of ``custvalue cva``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.cva_help": (
        "Customer value analysis (Gale's seven tools): quality and price profiles, value "
        "map, win/loss, head-to-head, key events, what/who, trend.",
        "客户价值分析（Gale 七工具）：市场感知质量分析、市场感知价格分析、客户价值图、得失分析、"
        "对照图、关键事件、谁做什么（what/who）矩阵，以及趋势。",
    ),
    "cli.cva_quality_help": (
        "Market-perceived quality profile (Gale's tool 1): per-attribute ratios against each "
        "rival.",
        "市场感知质量分析（Gale 工具 1）：各属性相对每个对手的绩效比率。",
    ),
    "cli.cva_price_help": (
        "Market-perceived price profile (Gale's tool 2; satisfaction with price, above 1 = we "
        "look better).",
        "市场感知价格分析（Gale 工具 2；对价格的满意度，大于 1 表示我方更好）。",
    ),
    "cli.cva_map_help": (
        "Customer value map (Gale's tool 3): relative quality vs relative price with the "
        "fair-value line.",
        "客户价值图（Gale 工具 3）：相对质量与相对价格，以及公平价值线。",
    ),
    "cli.cva_winloss_help": (
        "Win/loss analysis (Gale's tool 4): which attributes decided the deals won and lost.",
        "得失分析（Gale 工具 4）：哪些属性决定了赢得和丢失的商机。",
    ),
    "cli.cva_h2h_help": (
        "Head-to-head area chart (Gale's tool 5) against one rival (bar width = weight).",
        "对照图（Gale 工具 5）：与单个对手逐项对照的面积图数据（宽度 = 权重）。",
    ),
    "cli.cva_events_help": (
        "Key events table (Gale's tool 6): events that moved perceived quality or price.",
        "关键事件表（Gale 工具 6）：影响感知质量或价格的事件。",
    ),
    "cli.cva_whatwho_help": (
        "What/who matrix (Gale's tool 7): which function owns each attribute; priorities flagged.",
        "谁做什么（what/who）矩阵（Gale 工具 7）：各属性由哪个部门负责；标出优先事项。",
    ),
    "cli.cva_trend_help": (
        "Overall ratios by segment and survey wave, with large changes flagged.",
        "按细分市场和调查批次的总体比率，标出较大变化。",
    ),
    "cli.opt_cva_us": (
        "Our brand as written in the competitor column (default: the one set at import).",
        "本公司品牌在竞争者列中的写法（默认：导入时设置的品牌）。",
    ),
    "cli.opt_cva_wave": (
        "Survey wave to analyse (default: the latest).",
        "要分析的调查批次（默认：最新一批）。",
    ),
    "cli.opt_cva_segment": (
        "Only this segment (default: all respondents).",
        "只分析该细分市场（默认：全部受访者）。",
    ),
    "cli.opt_cva_chart": (
        "Also write the chart as a standalone HTML file (works offline).",
        "同时把图表写成独立的 HTML 文件（离线可用）。",
    ),
    "cli.opt_cva_baseline": (
        "Compare with: each (every rival), mean (rivals' mean) or share (share-weighted).",
        "比较对象：each（每个对手）、mean（对手平均）或 share（按市场份额加权）。",
    ),
    "cli.opt_cva_map_baseline": (
        "Others' aggregate: mean or share (market-share weighted).",
        "其他竞争者的汇总方式：mean（平均）或 share（按市场份额加权）。",
    ),
    "cli.opt_cva_method": (
        "Quality ratio: ratio (weighted mean of attribute ratios, Gale) or score_ratio.",
        "质量比率：ratio（属性比率的加权平均，Gale）或 score_ratio（加权得分之比）。",
    ),
    "cli.opt_cva_price_source": (
        "Relative price from market prices, perceived price ratings, or auto.",
        "相对价格来源：market（市场价格）、perceived（价格感知评分）或 auto（自动）。",
    ),
    "cli.opt_cva_line": (
        "Fair-value line: diagonal, fitted (least squares) or importance.",
        "公平价值线：diagonal（对角线）、fitted（最小二乘拟合）或 importance（按重要性）。",
    ),
    "cli.opt_cva_quality_weight": (
        "For --line importance: weight of quality vs price (0–1 or percent).",
        "用于 --line importance：质量相对价格的权重（0–1 或百分数）。",
    ),
    "cli.opt_cva_distance": (
        "Value as vertical or perpendicular distance to the line.",
        "价值按到公平价值线的垂直距离（vertical）或垂线距离（perpendicular）计算。",
    ),
    "cli.opt_cva_ratio_digits": (
        "Round each attribute's ratio to N decimals before weighting, as published tables do "
        "(default: no rounding).",
        "加权前把每个属性的比率四舍五入到 N 位小数，与出版的表格一致（默认不取整）。",
    ),
    "cli.opt_cva_price_reference": (
        "Market prices relative to: others (the rivals' average) or market (all, us included).",
        "市场价格的比较基准：others（其他对手的平均价）或 market（全部，含我方）。",
    ),
    "cli.opt_cva_tolerance": (
        "Index points around the line counted as fair value.",
        "在公平价值线附近多少指数点内视为价值相当。",
    ),
    "cli.opt_cva_by_rival": ("One block per rival.", "按对手分别统计。"),
    "cli.opt_cva_kind": (
        "Attributes: quality or price.",
        "属性类型：quality（质量）或 price（价格）。",
    ),
    "cli.opt_cva_trend_rival": (
        "Compare with this rival instead of the rivals' mean.",
        "与该对手比较，而不是对手平均。",
    ),
    "cli.opt_cva_threshold": (
        "Flag changes larger than this between waves.",
        "批次之间变化超过该值时标出。",
    ),
    "cli.arg_cva_rival": ("The rival to compare with.", "要比较的对手。"),
    "cli.cva_unknown_value": (
        "{option} '{value}' is not in the survey (known: {known})",
        "{option} “{value}” 不在调查数据中（已有：{known}）",
    ),
    "cli.cva_wave": ("wave {wave}", "批次 {wave}"),
    "cli.cva_wave_latest": (
        "wave {wave} (the latest; --wave to choose)",
        "批次 {wave}（最新；可用 --wave 选择）",
    ),
    "cli.cva_segment": ("segment {segment}", "细分市场 {segment}"),
    "cli.cva_all_segments": ("all segments", "全部细分市场"),
    "cli.cva_quality_title": (
        "Market-perceived quality profile of {us}",
        "{us} 的市场感知质量分析",
    ),
    "cli.cva_price_title": ("Market-perceived price profile of {us}", "{us} 的市场感知价格分析"),
    "cli.cva_overall_title": ("Overall", "总体"),
    "cli.cva_excluded": (
        "{count} respondent(s) rated a single competitor and are excluded from the ratios.",
        "有 {count} 名受访者只评价了一个竞争者，未计入比率。",
    ),
    "cli.cva_unweighted": (
        "Rated but without a weight (left out): {attributes}",
        "有评分但没有权重（未计入）：{attributes}",
    ),
    "cli.cva_chart_written": ("Chart written to {path}", "图表已写入 {path}"),
    "cli.cva_line_diagonal": (
        "Fair-value line: the diagonal through (100, 100); relative price from {source}.",
        "公平价值线：过 (100, 100) 的对角线；相对价格来自{source}。",
    ),
    "cli.cva_line_fitted": (
        "Fair-value line: least squares, quality = {intercept:.1f} + {slope:.3f} × price; "
        "relative price from {source}.",
        "公平价值线：最小二乘拟合，质量 = {intercept:.1f} + {slope:.3f} × 价格；相对价格来自{source}。",
    ),
    "cli.cva_line_importance": (
        "Fair-value line through (100, 100) with slope {slope:.3f} (price weight / quality "
        "weight); relative price from {source}.",
        "公平价值线：过 (100, 100)，斜率 {slope:.3f}（价格权重 / 质量权重）；相对价格来自{source}。",
    ),
    "cli.cva_price_source_market": ("market prices", "市场价格"),
    "cli.cva_price_source_perceived": ("perceived price ratings", "价格感知评分"),
    "cli.cva_winloss_title": ("Win/loss analysis: deciding attributes", "得失分析：决定性属性"),
    "cli.cva_winloss_totals": (
        "{deals} deals: {won} won, {lost} lost (win rate {rate:.0%}).",
        "共 {deals} 个商机：赢 {won} 个，丢 {lost} 个（赢单率 {rate:.0%}）。",
    ),
    "cli.cva_h2h_totals": (
        "Ahead {ahead:+.2f}, behind {behind:+.2f}, net {net:+.2f} (weighted rating points).",
        "领先 {ahead:+.2f}，落后 {behind:+.2f}，净差 {net:+.2f}（加权评分点）。",
    ),
    "cli.cva_events_title": ("Key events", "关键事件表"),
    "cli.cva_whatwho_title": ("What/who matrix", "谁做什么（what/who）矩阵"),
    "cli.cva_trend_title": (
        "Overall ratios against {rival} by segment and wave",
        "按细分市场和批次相对{rival}的总体比率",
    ),
}
