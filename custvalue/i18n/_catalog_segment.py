"""Messages and labels of segmentation (RFM, tiers, 80/20, classes)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "segment.bad_bins": (
        "bins={value!r}: use a whole number from 2 to 10 (5 = quintiles).",
        "bins={value!r}：请使用 2 到 10 的整数（5 表示五分位）。",
    ),
    "segment.bad_ties": (
        "ties={value!r}: use one of {choices}.",
        "ties={value!r}：请使用 {choices} 之一。",
    ),
    "segment.not_numeric": (
        "column '{column}' must be numeric (found {dtype}).",
        "列“{column}”必须是数值（实际为 {dtype}）。",
    ),
    "segment.bad_bands": (
        "bands={value}: give 2 to 6 positive whole percentages that add up to 100, "
        "e.g. 20,30,30,20.",
        "bands={value}：请给出 2 到 6 个正整数百分比，合计 100，例如 20,30,30,20。",
    ),
    "segment.bad_share": (
        "{name}={value!r}: use a fraction between 0 and 1, e.g. 0.2 for 20%.",
        "{name}={value!r}：请使用 0 到 1 之间的小数，例如 0.2 表示 20%。",
    ),
    "segment.unknown_map": (
        "segment map '{value}' is neither a built-in map ({choices}) nor an existing JSON file.",
        "分群规则“{value}”既不是内置规则（{choices}），也不是存在的 JSON 文件。",
    ),
    "segment.map_json": (
        "segment map {source}: not readable JSON ({detail}).",
        "分群规则 {source}：不是可读取的 JSON（{detail}）。",
    ),
    "segment.map_object": (
        "segment map {source}: the top level must be a JSON object with 'method' and 'segments'.",
        "分群规则 {source}：顶层必须是包含 'method' 和 'segments' 的 JSON 对象。",
    ),
    "segment.map_method": (
        "segment map {source}: 'method' must be one of {allowed} (found {found!r}).",
        "分群规则 {source}：'method' 必须是 {allowed} 之一（实际为 {found!r}）。",
    ),
    "segment.map_segments": (
        "segment map {source}: 'segments' must be a non-empty list.",
        "分群规则 {source}：'segments' 必须是非空列表。",
    ),
    "segment.map_key": (
        "segment map {source}: segment #{index} needs a text 'key'.",
        "分群规则 {source}：第 {index} 个分群需要文本类型的 'key'。",
    ),
    "segment.map_dup_key": (
        "segment map {source}: segment '{key}' appears twice; merge its codes.",
        "分群规则 {source}：分群“{key}”出现了两次；请合并其代码。",
    ),
    "segment.map_fallback": (
        "segment map {source}: 'fallback' must be an object with a 'key'.",
        "分群规则 {source}：'fallback' 必须是包含 'key' 的对象。",
    ),
    "segment.map_codes": (
        "segment map {source}: segment '{key}' needs a 'codes' list.",
        "分群规则 {source}：分群“{key}”需要 'codes' 列表。",
    ),
    "segment.map_bad_code": (
        "segment map {source}: segment '{key}': '{code}' is not a valid code (three digits "
        "1–5, or 0/1 for mean_split).",
        "分群规则 {source}：分群“{key}”：'{code}' 不是有效代码（三位 1–5 的数字，mean_split 为 0/1）。",
    ),
    "segment.map_code_twice": (
        "segment map {source}: code {code} is in both '{first}' and '{key}'; keep it in one.",
        "分群规则 {source}：代码 {code} 同时属于“{first}”和“{key}”；请只保留一个。",
    ),
    "segment.map_uncovered": (
        "segment map {source}: {count} code(s) belong to no segment ({codes}); add them to a "
        "segment or add a 'fallback'.",
        "分群规则 {source}：有 {count} 个代码不属于任何分群（{codes}）；请把它们加入某个分群，"
        "或添加 'fallback'。",
    ),
    "segment.map_range": (
        "segment map {source}: segment '{key}': '{axis}' must be [low, high] within 1..5.",
        "分群规则 {source}：分群“{key}”：'{axis}' 必须是 1..5 之间的 [下限, 上限]。",
    ),
    # tiers
    "segment.tier_platinum": ("Platinum", "白金"),
    "segment.tier_gold": ("Gold", "黄金"),
    "segment.tier_iron": ("Iron", "黑铁"),
    "segment.tier_lead": ("Lead", "铅"),
    "segment.tier_n": ("Tier {n}", "第 {n} 层"),
    # classes
    "segment.class_key": ("Key customer", "重点客户"),
    "segment.class_develop": ("Customer to develop", "发展客户"),
    "segment.class_ordinary": ("Ordinary customer", "普通客户"),
    "segment.treat_key": (
        "Care for them (用心维护): dedicated contact, priority service, protect from rivals.",
        "用心维护：专人联系、优先服务、防止被竞争对手抢走。",
    ),
    "segment.treat_develop": (
        "Cultivate them (用心培养): up-sell and cross-sell, grow their share of wallet.",
        "用心培养：向上销售与交叉销售，提高钱包份额。",
    ),
    "segment.treat_ordinary": (
        "Take part (用心参与): standard low-cost service, watch for growth.",
        "用心参与：标准化低成本服务，留意增长信号。",
    ),
}
