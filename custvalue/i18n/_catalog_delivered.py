"""Messages of custvalue.delivered and ``custvalue delivered`` (keys ``delivered.*``,
``cli.delivered_*`` and the column labels only this area uses)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "survey.kind_offerings": ("offerings", "供应品价值构成"),
    # --- row reasons of an offerings file (line, column and value are shown with them) ---
    "delivered.kind_conflict": (
        "'{component}' is a standard {expected} component; write {expected} here or leave "
        "the cell empty",
        "“{component}”是标准构成项，其类别应为 {expected}（value=价值，cost=成本）；请改正或留空",
    ),
    "delivered.kind_needed": (
        "'{value}' is not one of the standard components (product, service, personnel, "
        "image value and the seed's value items; monetary, time, energy, psychic cost): say "
        "whether it is a value or a cost in a column 类别/kind (价值/value or 成本/cost)",
        "“{value}”不是标准构成项（产品、服务、人员、形象价值及种子案例的价值项；货币、时间、体力、"
        "精神成本）：请在“类别/kind”列写明是价值还是成本（价值/value 或 成本/cost）",
    ),
    "delivered.per_point": (
        "a score needs its money value per point: give it in a column 每分金额/per_point "
        "(> 0) or with --per-point",
        "评分需要给出每分折合的金额：请在“每分金额/per_point”列填写（大于 0）或使用 --per-point",
    ),
    "delivered.per_point_money": (
        "the row gives money per point but its unit is money; set 单位/unit to 分/score or "
        "clear 每分金额/per_point",
        "该行给出了每分金额，但单位是金额；请把“单位/unit”改为 分/score，或清空“每分金额”",
    ),
    # --- offerings handed to the library (a frame) ---
    "delivered.blank_name": (
        "offerings: a row of '{offering}' has no offering or component name; fill it in.",
        "供应品数据：“{offering}”有一行缺少供应品或构成项名称；请补全。",
    ),
    "delivered.kind_conflict_frame": (
        "offering '{offering}': '{component}' is a standard {expected} component, but its "
        "kind is '{value}'. Use {expected} or leave the kind empty.",
        "供应品“{offering}”：“{component}”是标准构成项，类别应为 {expected}（value=价值，"
        "cost=成本），但填的是“{value}”。请改正或留空。",
    ),
    "delivered.kind_needed_frame": (
        "offering '{offering}': '{component}' is not a standard component; set its kind to "
        "value or cost.",
        "供应品“{offering}”：“{component}”不是标准构成项；请把类别设为 value（价值）或 cost（成本）。",
    ),
    "delivered.bad_amount": (
        "offering '{offering}', component '{component}': the amount {value} must be a "
        "number of 0 or more.",
        "供应品“{offering}”构成项“{component}”：金额 {value} 应为不小于 0 的数。",
    ),
    "delivered.per_point_frame": (
        "offering '{offering}', component '{component}' is a score without money per "
        "point; add per_point or pass per_point=… (CLI: --per-point).",
        "供应品“{offering}”构成项“{component}”是评分但没有每分折合金额；请补充 per_point 或"
        "传入 per_point=…（命令行：--per-point）。",
    ),
    "delivered.repeated": (
        "offerings: {key} appears {count} times; give each component of an offering once "
        "per segment and level.",
        "供应品数据：{key} 出现了 {count} 次；同一细分市场和层次下每个构成项只能出现一次。",
    ),
    "delivered.unknown_us": (
        "'{us}' is not among the offerings ({offerings}); give --us with one of them.",
        "“{us}”不在供应品中（{offerings}）；请用 --us 指定其中之一。",
    ),
    "delivered.unknown_rival": (
        "rival '{rival}' is not among the offerings; choose one of: {offerings}.",
        "对手“{rival}”不在供应品中；请从以下选择：{offerings}。",
    ),
    "delivered.rival_is_us": (
        "--rival names our own offering '{us}'; choose a rival.",
        "--rival 指定的是我方供应品“{us}”；请选择一个对手。",
    ),
    "delivered.us_missing": (
        "which offering is ours? Give --us with one of: {offerings}.",
        "哪个是我方供应品？请用 --us 指定其中之一：{offerings}。",
    ),
    "delivered.no_offerings": (
        "no offerings are stored in {db}. Import some with 'custvalue import offerings "
        "FILE', run 'custvalue demo', or give a file: 'custvalue delivered FILE --us NAME'.",
        "{db} 中没有供应品数据。请用“custvalue import offerings 文件”导入、运行“custvalue "
        "demo”，或直接给出文件：“custvalue delivered 文件 --us 名称”。",
    ),
    # --- words ---
    "delivered.component_product": ("product value", "产品价值"),
    "delivered.component_service": ("service value", "服务价值"),
    "delivered.component_personnel": ("personnel value", "人员价值"),
    "delivered.component_image": ("image value", "形象价值"),
    "delivered.component_monetary": ("monetary cost (price)", "货币成本（价格）"),
    "delivered.component_time": ("time cost", "时间成本"),
    "delivered.component_energy": ("energy (physical) cost", "体力成本"),
    "delivered.component_psychic": ("psychic (mental) cost", "精神成本"),
    "delivered.rule_difference": ("difference (value − cost)", "差额（价值 − 成本）"),
    "delivered.rule_ratio": ("ratio (value ÷ cost)", "比率（价值 ÷ 成本）"),
    "delivered.side_us": ("ours", "我方"),
    "delivered.side_rival": ("rival's", "对手"),
    "delivered.kind_value": ("value", "价值"),
    "delivered.kind_cost": ("cost", "成本"),
    "delivered.level_episode": ("episode", "单次交易"),
    "delivered.level_relationship": ("relationship", "关系"),
    "delivered.no_segment": ("(all)", "（全部）"),
    "delivered.whatif_unknown": (
        "There is no {name} {value!r} to change here. Known: {known}.",
        "这里没有可修改的{name}“{value}”。已有：{known}。",
    ),
    # --- CLI ---
    "cli.delivered_help": (
        "Customer delivered value of our offering and rivals': totals, who the customer "
        "chooses by difference and by ratio, Anderson's test, and the change in each "
        "component that flips the choice. FILE: an offerings file (omit it to use the "
        "stored offerings).",
        "我方与对手供应品的顾客让渡价值：总价值与总成本、按差额和比率谁会被选中、Anderson 检验，"
        "以及每个构成项改变多少会使选择翻转。文件：供应品价值构成文件（省略则使用已导入的数据）。",
    ),
    "cli.delivered_arg_file": (
        "Offerings file (CSV/Excel): segment, offering, component, kind, level, amount, "
        "unit, per_point. Omit to use the stored offerings.",
        "供应品文件（CSV/Excel）：细分市场、供应商、构成、类别、层次、金额、单位、每分金额。"
        "省略则使用已导入的数据。",
    ),
    "cli.delivered_opt_us": (
        "Our offering (default: the brand stored by 'import ratings --us').",
        "我方供应品（默认：“import ratings --us”保存的品牌）。",
    ),
    "cli.delivered_opt_rival": ("Compare with this rival only.", "只与该对手比较。"),
    "cli.delivered_opt_segment": ("Only this segment.", "只看该细分市场。"),
    "cli.delivered_opt_rule": (
        "Value rule: both (default), difference or ratio.",
        "价值规则：both（两者，默认）、difference（差额）或 ratio（比率）。",
    ),
    "cli.delivered_opt_part": (
        "What to show: all (default), offerings, choice, comparison, flip or sweep (with --sweep).",
        "显示内容：all（全部，默认）、offerings、choice、comparison、flip 或 sweep（需 --sweep）。",
    ),
    "cli.delivered_opt_per_point": (
        "Money per score point for score rows that give none.",
        "评分行未给出时使用的每分折合金额。",
    ),
    "cli.delivered_opt_sheet": ("Excel sheet to read.", "要读取的 Excel 工作表。"),
    "cli.delivered_opt_map": (
        "SOURCE=column for a header the synonyms miss (repeatable).",
        "源列名=标准列名，用于无法自动识别的表头（可重复）。",
    ),
    "cli.delivered_options_need_file": (
        "--sheet and --map describe a file; give the file too (custvalue delivered FILE …).",
        "--sheet 和 --map 用于描述文件；请同时给出文件（custvalue delivered 文件 …）。",
    ),
    "cli.delivered_csv_part": (
        "--format csv writes one table: add --part with one of {parts}, or write every "
        "part with --format xlsx --output FILE.xlsx (one sheet each).",
        "--format csv 只输出一张表：请加上 --part，取值为 {parts} 之一；或用 --format xlsx "
        "--output 文件.xlsx 写出全部（每部分一个工作表）。",
    ),
    "cli.delivered_unknown_segment": (
        "segment '{value}' has no offerings (segments: {known}).",
        "细分市场“{value}”没有供应品数据（现有：{known}）。",
    ),
    "cli.delivered_title": ("Customer delivered value by offering", "各供应品的顾客让渡价值"),
    "cli.delivered_choice_title": (
        "Who the customer chooses (highest delivered value)",
        "顾客的选择（让渡价值最高者）",
    ),
    "cli.delivered_vs_title": ("{us} against each rival", "{us} 与各对手比较"),
    "cli.delivered_anderson_title": (
        "Anderson's test: is our extra value worth our price premium?",
        "Anderson 检验：我方多出的价值是否值得价格溢价？",
    ),
    "cli.delivered_disagree": (
        "In {segment} against {rival} the rules disagree: by difference {by_difference} "
        "wins, by ratio {by_ratio}. Decide which rule fits how these customers buy (see "
        "docs/delivered.md).",
        "在{segment}与{rival}的比较中两种规则结论不同：按差额 {by_difference} 胜出，按比率 "
        "{by_ratio} 胜出。请根据这类顾客的购买方式选择规则（见 docs/delivered.md）。",
    ),
    "cli.delivered_without_us": (
        "Segments without an offering of {us} (not compared): {segments}.",
        "没有 {us} 供应品数据的细分市场（未比较）：{segments}。",
    ),
    "cli.delivered_flip_title": (
        "What flips the choice — {segment}, against {rival}, by {rule}; now {winner} wins",
        "选择的翻转点——{segment}，对 {rival}，按{rule}；当前 {winner} 胜出",
    ),
    "cli.delivered_tie": ("nobody (a tie)", "无人（持平）"),
    "cli.delivered_flip_note": (
        "Each row changes one component alone, all else equal. At 'flip at' the two "
        "offerings tie; beyond it the other one wins. Components that would need a "
        "negative amount are not shown.",
        "每行只改变一个构成项，其他不变。在“翻转点”两者持平，越过则另一方胜出。需要负金额"
        "才能翻转的构成项未列出。",
    ),
    "cli.delivered_flip_hint": (
        "For what flips the choice, name a rival: --rival with one of {rivals}.",
        "要查看选择的翻转点，请指定对手：--rival 取 {rivals} 之一。",
    ),
    "cli.yes": ("yes", "是"),
    "cli.no": ("no", "否"),
    # --- columns ---
    "col.non_price_cost": ("Non-price cost", "非价格成本"),
    "col.episode_benefits": ("Episode value", "单次交易价值"),
    "col.relationship_benefits": ("Relationship value", "关系价值"),
    "col.episode_sacrifices": ("Episode cost", "单次交易成本"),
    "col.relationship_sacrifices": ("Relationship cost", "关系成本"),
    "col.episode_value": (
        "value of the whole process (value ÷ cost)",
        "整个过程的价值（价值 ÷ 成本）",
    ),
    "col.episode_only": ("Episode alone", "仅单次交易"),
    "col.rule": ("Rule", "规则"),
    "col.v1_v2": ("V1:V2", "V1:V2"),
    "col.rules_disagree": ("Rules disagree", "规则结论不同"),
    "col.our_value": ("Our delivered value", "我方让渡价值"),
    "col.rival_value": ("Rival's delivered value", "对手让渡价值"),
    "col.gap": ("Gap (ours − rival's)", "差距（我方 − 对手）"),
    "col.v1_v2_difference": ("V1:V2 (difference)", "V1:V2（差额）"),
    "col.winner_difference": ("Winner by difference", "按差额胜出"),
    "col.our_ratio": ("Our ratio", "我方比率"),
    "col.rival_ratio": ("Rival's ratio", "对手比率"),
    "col.v1_v2_ratio": ("V1:V2 (ratio)", "V1:V2（比率）"),
    "col.winner_ratio": ("Winner by ratio", "按比率胜出"),
    "col.our_price": ("Our price", "我方价格"),
    "col.rival_price": ("Rival's price", "对手价格"),
    "col.price_premium": ("Price premium", "价格溢价"),
    "col.extra_value": ("Extra value", "多出的价值"),
    "col.value_needed": ("Value needed", "所需价值"),
    "col.anderson_pass": ("We win", "我方胜出"),
    "col.max_price": ("Highest winning price", "可胜出的最高价"),
    "col.side": ("Side", "方"),
    "col.current": ("Now", "当前"),
    "col.flip_at": ("Flip at", "翻转点"),
    "col.change_pct": ("Change %", "变化率"),
    "col.change_points": ("Change (points)", "变化（分）"),
    "col.feasible": ("Feasible", "可行"),
    "col.level": ("Level", "层次"),
    "col.unit": ("Unit", "单位"),
    "col.per_point": ("Money per point", "每分金额"),
}
