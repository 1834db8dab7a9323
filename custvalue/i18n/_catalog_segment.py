"""Messages and labels of segmentation (RFM, segment maps, tiers, 80/20, classes).

RFM segment labels and treatments live in the maps themselves
(``custvalue/segmentation/maps/*.json``) so that a user map brings its own.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # argument errors
    "segment.bad_bins": (
        "bins={value!r}: use a whole number from 2 to 10 (5 = quintiles, 4 = quartiles).",
        "bins={value!r}：请使用 2 到 10 的整数（5 表示五分位，4 表示四分位）。",
    ),
    "segment.bad_ties": (
        "ties={value!r}: use one of {choices} (first = break ties by customer_id).",
        "ties={value!r}：请使用 {choices} 之一（first 表示按客户编号区分并列）。",
    ),
    "segment.bad_bands": (
        "bands={value}: give 2 to 6 positive whole percentages of customers, top tier first, "
        "that add up to 100 (found {total}), e.g. 20,30,30,20.",
        "bands={value}：请给出 2 到 6 个正整数客户百分比（从最高层开始），合计为 100"
        "（实际合计 {total}），例如 20,30,30,20。",
    ),
    "segment.bad_share": (
        "{name}={value!r}: use a fraction greater than 0 and at most 1, e.g. 0.2 for 20 %.",
        "{name}={value!r}：请使用大于 0 且不超过 1 的小数，例如 0.2 表示 20%。",
    ),
    "segment.bad_develop_share": (
        "develop_share={value!r}: use a fraction from 0 to 1 - key_share = {limit}.",
        "develop_share={value!r}：请使用 0 到 1 - key_share = {limit} 之间的小数。",
    ),
    "segment.not_numeric": (
        "{frame}: column '{column}' must be numeric, found {dtype}; choose a numeric column "
        "or convert it first.",
        "{frame}：列“{column}”必须是数值，实际为 {dtype}；请选择数值列或先转换。",
    ),
    "segment.missing_values": (
        "{frame}: column '{column}' has {count} empty or NaN value(s) (first: customer "
        "{first}); fill or drop them before segmenting.",
        "{frame}：列“{column}”有 {count} 个空值或 NaN（第一个：客户 {first}）；请先填补或删除。",
    ),
    "segment.bad_scores": (
        "{frame}: column '{column}' has score {value}, outside 1..{bins}; pass bins= with "
        "the number of bins used to score.",
        "{frame}：列“{column}”的得分 {value} 超出 1..{bins}；请用 bins= 指明评分时的分箱数。",
    ),
    # segment maps
    "segment.unknown_map": (
        "Segment map {value!r}: no built-in map has this name and no such JSON file exists; "
        "use one of: {choices}, or the path of a map file.",
        "分群规则 {value!r}：没有这个名称的内置规则，也不存在这个 JSON 文件；请使用以下之一：{choices}，"
        "或给出规则文件的路径。",
    ),
    "segment.map_type": (
        "segment_map: expected a built-in name, a JSON file path or a dict, found {found}.",
        "segment_map：应为内置规则名、JSON 文件路径或字典，实际为 {found}。",
    ),
    "segment.map_json": (
        "segment map {source}: not readable JSON ({detail}); check the file is UTF-8 JSON.",
        "分群规则 {source}：不是可读取的 JSON（{detail}）；请确认文件为 UTF-8 编码的 JSON。",
    ),
    "segment.map_object": (
        "segment map {source}: the top level must be a JSON object with 'method' and "
        "'segments', found {found}.",
        "分群规则 {source}：顶层必须是包含 'method' 和 'segments' 的 JSON 对象，实际为 {found}。",
    ),
    "segment.map_field": (
        "segment map {source}: {where}: unknown field '{field}'; allowed: {allowed}.",
        "分群规则 {source}：{where}：未知字段“{field}”；允许的字段：{allowed}。",
    ),
    "segment.map_method": (
        "segment map {source}: 'method' must be one of {allowed}, found {found!r}.",
        "分群规则 {source}：'method' 必须是 {allowed} 之一，实际为 {found!r}。",
    ),
    "segment.map_option": (
        "segment map {source}: '{field}' must be one of {allowed}, found {found!r}.",
        "分群规则 {source}：'{field}' 必须是 {allowed} 之一，实际为 {found!r}。",
    ),
    "segment.map_segments": (
        "segment map {source}: 'segments' must be a non-empty list of objects.",
        "分群规则 {source}：'segments' 必须是由对象组成的非空列表。",
    ),
    "segment.map_key": (
        "segment map {source}: segment #{index} needs a non-empty text 'key', e.g. "
        '"key": "champions".',
        '分群规则 {source}：第 {index} 个分群需要非空文本 \'key\'，例如 "key": "champions"。',
    ),
    "segment.map_text": (
        "segment map {source}: segment '{key}': '{field}' must be text, found {found!r}.",
        "分群规则 {source}：分群“{key}”：'{field}' 必须是文本，实际为 {found!r}。",
    ),
    "segment.map_dup_key": (
        "segment map {source}: segment '{key}' appears twice; with method '{method}' list all "
        "its codes in one entry.",
        "分群规则 {source}：分群“{key}”出现了两次；使用 '{method}' 方法时请把它的全部代码写在一处。",
    ),
    "segment.map_fallback": (
        "segment map {source}: 'fallback' must be an object with a text 'key', e.g. "
        '{{"key": "others", "en": "Others", "zh": "其他"}}.',
        "分群规则 {source}：'fallback' 必须是含文本 'key' 的对象，例如 "
        '{{"key": "others", "en": "Others", "zh": "其他"}}。',
    ),
    "segment.map_codes": (
        "segment map {source}: segment '{key}' needs a 'codes' list, e.g. "
        '"codes": ["555", "554"].',
        '分群规则 {source}：分群“{key}”需要 \'codes\' 列表，例如 "codes": ["555", "554"]。',
    ),
    "segment.map_bad_code": (
        "segment map {source}: segment '{key}': {code!r} is not a valid code; use three "
        "digits {digits} (R, F, M).",
        "分群规则 {source}：分群“{key}”：{code!r} 不是有效代码；请使用三位数字 {digits}（R、F、M）。",
    ),
    "segment.map_code_twice": (
        "segment map {source}: code {code} is in both '{first}' and '{key}'; keep it in one "
        "segment.",
        "分群规则 {source}：代码 {code} 同时属于“{first}”和“{key}”；请只保留在一个分群中。",
    ),
    "segment.map_uncovered": (
        "segment map {source}: {count} code(s) belong to no segment ({codes}); add them to a "
        "segment or add a 'fallback'.",
        "分群规则 {source}：有 {count} 个代码不属于任何分群（{codes}）；请把它们加入某个分群，"
        "或添加 'fallback'。",
    ),
    "segment.map_range": (
        "segment map {source}: segment '{key}': '{axis}' must be [low, high] with whole "
        "numbers 1 <= low <= high <= 5, found {found!r}.",
        "分群规则 {source}：分群“{key}”：'{axis}' 必须是 [下限, 上限]，整数且 1 <= 下限 <= 上限 <= 5，"
        "实际为 {found!r}。",
    ),
    "segment.map_unused": (
        "segment map {source}: segment '{key}' never matches: earlier rules take all its "
        "codes; reorder the rules or remove it.",
        "分群规则 {source}：分群“{key}”永远不会匹配：它的代码都被前面的规则占用；请调整顺序或删除。",
    ),
    # tiers
    "segment.tier_platinum": ("Platinum", "白金"),
    "segment.tier_gold": ("Gold", "黄金"),
    "segment.tier_iron": ("Iron", "黑铁"),
    "segment.tier_lead": ("Lead", "铅"),
    "segment.tier_n": ("Tier {n}", "第 {n} 层"),
    # classes (SPEC §1.5)
    "segment.class_key": ("Key customer", "重点客户"),
    "segment.class_develop": ("Customer to develop", "重点发展客户"),
    "segment.class_ordinary": ("Ordinary customer", "一般客户"),
    "segment.treat_key": (
        "Care for them: dedicated contact, priority service, protect them from competitors.",
        "用心维护：专人联系，优先服务，防止被竞争对手抢走。",
    ),
    "segment.treat_develop": (
        "Cultivate them: up-sell and cross-sell, raise their share of wallet.",
        "用心培养：向上销售与交叉销售，提高钱包份额。",
    ),
    "segment.treat_ordinary": (
        "Take part: standard low-cost service; watch for signs of growth.",
        "用心参与：标准化低成本服务，留意增长信号。",
    ),
}
