"""The workbench's value-to-the-customer pages: Gale's tools, delivered value, choice."""

MESSAGES: dict[str, tuple[str, str]] = {
    "valuepage.title": ("Value to the customer", "顾客价值分析"),
    "valuepage.nav": ("Value to customer", "顾客价值"),
    "valuepage.intro": (
        "Why customers choose {us} or a rival: Gale's seven tools on the stored survey "
        "(ratings, weights, market prices, deals, key events and owners). Profiles, the "
        "value map, head-to-head and what/who use one wave (the latest by default); "
        "win/loss and key events use every wave.",
        "顾客为何选择{us}或竞争对手：基于已导入调查数据（评分、权重、市场价格、商机、关键事件、"
        "负责部门）的盖尔七种工具。质量与价格分析、价值图、对照图和“谁做什么”矩阵使用一个"
        "调查批次（默认最新）；得失分析和关键事件使用全部批次。",
    ),
    "valuepage.to_delivered": ("Delivered value and its what-if →", "让渡价值与假设分析 →"),
    "valuepage.to_choice": ("The choice model and its what-if →", "选择模型与假设分析 →"),
    "valuepage.to_tools": ("← Gale's seven tools", "← 盖尔七种工具"),
    "valuepage.import_first": (
        "Upload the survey files (ratings, weights, market, deals, events, owners) or the "
        "offerings on the Imports page; the demo company has them all.",
        "请在“导入”页面上传调查文件（评分、权重、市场、商机、事件、负责部门）或供应品数据；"
        "演示公司已包含全部数据。",
    ),
    "valuepage.latest": ("latest", "最新"),
    "valuepage.tools": ("The tools", "工具"),
    "valuepage.rival": ("Rival", "竞争对手"),
    "valuepage.segment": ("Market segment", "市场细分"),
    "valuepage.kind": ("Profile", "分析类别"),
    "valuepage.overall_table": ("Overall, against each rival", "总体（对每个竞争对手）"),
    "valuepage.attributes_table": ("Attribute by attribute", "逐项属性"),
    "valuepage.h2h": ("Head-to-head, attribute by attribute", "逐项属性对照"),
    "valuepage.trend": ("Overall ratios by segment and wave", "各细分、各批次的总体比率"),
    "valuepage.tool_quality": ("Market-perceived quality profile", "市场感知质量分析"),
    "valuepage.tool_price": ("Market-perceived price profile", "市场感知价格分析"),
    "valuepage.tool_value_map": ("Customer value map", "客户价值图"),
    "valuepage.tool_win_loss": ("Won/lost analysis", "得失分析"),
    "valuepage.tool_head_to_head": ("Head-to-head area chart", "对照面积图"),
    "valuepage.tool_events": ("Key events chart", "关键事件图"),
    "valuepage.tool_what_who": ("What/who matrix", "谁做什么（what/who）矩阵"),
    "valuepage.tool_trend": ("Trend over waves (Kotler's CVA)", "批次趋势（科特勒 CVA）"),
    "valuepage.about_quality": (
        "Our rating divided by each rival's, attribute by attribute, weighted by importance; "
        "above 1 we are seen as better.",
        "逐项属性计算我方评分与各对手评分之比，并按重要性加权；大于 1 表示顾客认为我方更好。",
    ),
    "valuepage.about_price": (
        "The same for satisfaction with price (above 1: our price looks better).",
        "对价格满意度做同样的分析（大于 1：我方价格更受认可）。",
    ),
    "valuepage.about_value_map": (
        "Relative quality against relative price; above the fair-value line a competitor "
        "offers better value and gains share.",
        "相对质量对相对价格；位于公平价值线上方的竞争者提供更优价值，会赢得份额。",
    ),
    "valuepage.about_win_loss": (
        "Which attributes decided the deals we won and lost (every wave).",
        "哪些属性决定了我们赢得和丢失的商机（全部批次）。",
    ),
    "valuepage.about_head_to_head": (
        "Us against one rival: each bar's width is the attribute's weight, its height the "
        "rating difference; the areas add up to the weighted difference.",
        "我方与一个对手对照：柱宽为属性权重，柱高为评分差；面积之和即加权差。",
    ),
    "valuepage.about_events": (
        "Our overall ratios wave by wave, with the events (ours and the rivals') that moved them.",
        "各批次的总体比率，以及推动其变化的事件（我方与对手）。",
    ),
    "valuepage.about_what_who": (
        "Which function leads and supports each attribute; important attributes where we "
        "are behind are flagged as priorities.",
        "每项属性由哪个部门主导、哪个部门支持；重要且落后的属性标为优先。",
    ),
    "valuepage.about_trend": (
        "Overall quality and price ratios against the rivals' mean for each segment and wave; "
        "changes above the threshold are flagged.",
        "各细分、各批次相对对手平均水平的总体质量与价格比率；超过阈值的变化会被标出。",
    ),
    "figures.delivered_title": (
        "Customer delivered value in {segment} (labels: total value − total cost)",
        "{segment}的顾客让渡价值（标注：总价值 − 总成本）",
    ),
    "figures.whatif_title": ("Delivered value before and after the change", "修改前后的让渡价值"),
    "figures.whatif_before": ("before", "修改前"),
    "figures.whatif_after": ("after", "修改后"),
    "valuepage.delivered_title": ("Customer delivered value", "顾客让渡价值"),
    "valuepage.delivered_intro": (
        "Each offering's total customer value (product, service, personnel, image) minus "
        "its total customer cost (money, time, energy, psychic), as stored by the "
        "offerings import; the customer chooses the highest delivered value (difference "
        "rule) or the highest value per unit of cost (ratio rule). Source: {source}.",
        "每个供应品的顾客总价值（产品、服务、人员、形象）减去顾客总成本（货币、时间、精力、"
        "心理），数据来自已导入的供应品；顾客选择让渡价值最高者（差额规则）或单位成本价值"
        "最高者（比率规则）。来源：{source}。",
    ),
    "valuepage.rule": ("Rule", "判定规则"),
    "valuepage.rule_both": ("both rules", "两种规则"),
    "valuepage.all_rivals": ("every rival", "全部竞争对手"),
    "valuepage.components_table": (
        "Components of each offering (amounts in their own unit)",
        "各供应品的构成（金额或分值，按各自单位）",
    ),
    "valuepage.offerings_table": ("Delivered value per offering", "各供应品的让渡价值"),
    "valuepage.choice_table": ("Who the customer chooses", "顾客的选择"),
    "valuepage.comparison_table": (
        "{us} against each rival, and Anderson's test",
        "{us}与各对手的比较及安德森检验",
    ),
    "valuepage.flip_table": (
        "What flips the choice: one component at a time (feasible changes)",
        "改变选择的条件：一次只改一个构成（可行的修改）",
    ),
    "valuepage.whatif_title": ("What if…", "假设分析"),
    "valuepage.whatif_intro": (
        "Change one component of one offering and see who wins, and by how much. A score "
        "(image) is in points, worth its per-point amount; everything else in money.",
        "修改一个供应品的一个构成，看谁胜出、领先多少。评分类构成（如形象）按分值输入，"
        "按每分价值折算；其他按金额输入。",
    ),
    "valuepage.whatif_offering": ("Offering", "供应品"),
    "valuepage.whatif_component": ("Component", "构成"),
    "valuepage.whatif_amount": ("New amount", "新数值"),
    "valuepage.whatif_button": ("Compare", "比较"),
    "valuepage.whatif_changed": (
        "{offering}: {component} from {before} to {after}.",
        "{offering}：{component} 由 {before} 改为 {after}。",
    ),
    "valuepage.whatif_stays": (
        "By the {rule} rule, {winner} still wins: lead {margin_before} → {margin_after}.",
        "按{rule}规则，{winner}仍然胜出：领先 {margin_before} → {margin_after}。",
    ),
    "valuepage.whatif_flips": (
        "By the {rule} rule, the choice changes from {before} to {after} (lead {margin_after}).",
        "按{rule}规则，顾客的选择由{before}变为{after}（领先 {margin_after}）。",
    ),
    "valuepage.whatif_bad_amount": (
        "The new amount {value!r} is not a number: type one such as 1200 or 1,200.50.",
        "新数值“{value}”不是数字：请输入如 1200 或 1,200.50 的数字。",
    ),
    "valuepage.whatif_tie": ("nobody (a tie)", "无（并列）"),
    "valuepage.whatif_table": ("Before and after", "修改前后"),
    "col.delivered_value_before": ("Delivered value before", "修改前让渡价值"),
    "col.delivered_value_after": ("Delivered value after", "修改后让渡价值"),
    "col.delivered_change": ("Change", "变化"),
    "col.value_ratio_before": ("Value ratio before", "修改前价值比"),
    "col.value_ratio_after": ("Value ratio after", "修改后价值比"),
    "col.money": ("In money", "折合金额"),
    "delivered.unit_money": ("money", "金额"),
    "delivered.unit_score": ("points", "分值"),
}
