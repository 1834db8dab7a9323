"""Satisfaction measures (custvalue.satisfaction): what they refuse and why."""

MESSAGES: dict[str, tuple[str, str]] = {
    "satisfaction.bad_answer": (
        "The {what} answer number {position} is {value!r}: answers must be whole numbers "
        "from {low} to {high} (leave a question not answered blank).",
        "{what} 第 {position} 个回答为 {value!r}：回答须为 {low} 到 {high} 的整数"
        "（未作答的题请留空）。",
    ),
    "satisfaction.no_answers": (
        "There are no {what} answers to measure: every one is blank or none was given.",
        "没有可计算的 {what} 回答：全部为空或未提供任何回答。",
    ),
    "satisfaction.bad_confidence": (
        "The confidence level must be a number between 0 and 1 (such as 0.95); got {value!r}.",
        "置信水平须为 0 到 1 之间的数（如 0.95）；收到的是 {value!r}。",
    ),
    "satisfaction.bad_ces_scale": (
        "The CES scale is 7 (CES 2.0, 1–7 agreement) or 5 (the legacy 1–5 effort question); "
        "got {value!r}.",
        "CES 量表为 7（CES 2.0，1–7 同意程度）或 5（旧版 1–5 费力程度）；收到的是 {value!r}。",
    ),
    "satisfaction.different_measures": (
        "Cannot compare {before} with {after}: compare two results of the same measure.",
        "无法比较 {before} 与 {after}：请比较同一指标的两个结果。",
    ),
    "satisfaction.missing_columns": (
        "The data has no column {columns} (it has: {have}). Name the columns as the "
        "measure expects.",
        "数据缺少列 {columns}（现有列：{have}）。请按该指标的要求命名列。",
    ),
    "satisfaction.not_a_number": (
        "Row {row}, column {column}: {value!r} is not a number. Write the score as a number "
        "or leave it blank.",
        "第 {row} 行 {column} 列：{value!r} 不是数字。请填写数字分值或留空。",
    ),
    "satisfaction.ratio_needs_positive": (
        "The ratio performance ÷ expectation needs every expectation above 0; use the "
        "difference (the default) for scales that include 0.",
        "绩效 ÷ 期望的比值要求每个期望值都大于 0；量表含 0 时请使用差值（默认）。",
    ),
    "satisfaction.items_columns": (
        "The SERVQUAL item file {file} needs the columns item and dimension (项目, 维度).",
        "SERVQUAL 题项文件 {file} 需要 item 和 dimension（项目、维度）两列。",
    ),
    "satisfaction.items_blank": (
        "The SERVQUAL item file {file} has a row without an item number or a dimension.",
        "SERVQUAL 题项文件 {file} 中有一行缺少题号或维度。",
    ),
    "satisfaction.items_twice": (
        "The SERVQUAL item file {file} names item {item} twice: each item belongs to one "
        "dimension.",
        "SERVQUAL 题项文件 {file} 中题项 {item} 出现了两次：每个题项只属于一个维度。",
    ),
    "satisfaction.unknown_item": (
        "SERVQUAL item {item} is not in the item map ({items} items). Check the item "
        "numbers, or give a map that includes it.",
        "SERVQUAL 题项 {item} 不在题项对照表中（共 {items} 项）。请检查题号，或提供包含它的对照表。",
    ),
    "satisfaction.unknown_dimension": (
        "There is a weight for {dimension}, which is not a dimension of these answers "
        "({dimensions}).",
        "为 {dimension} 给出了权重，但它不是这些回答的维度（{dimensions}）。",
    ),
    "satisfaction.weight_missing": (
        "The dimension {dimension} has no weight: give a weight to every dimension.",
        "维度 {dimension} 没有权重：请为每个维度给出权重。",
    ),
    "satisfaction.weights_sum": (
        "The dimension weights add up to {total}; they must add up to 100 (the points "
        "respondents share among the dimensions).",
        "各维度权重之和为 {total}；其和须为 100（受访者在各维度间分配的点数）。",
    ),
    "satisfaction.bad_scale": (
        "The scale's lowest answer ({low}) must be below its highest ({high}).",
        "量表的最低分（{low}）须低于最高分（{high}）。",
    ),
    "satisfaction.collinear": (
        "Some attributes are perfectly correlated (one is a combination of others), so "
        "their separate effects cannot be told apart. Leave one of them out.",
        "部分属性完全相关（某一属性是其他属性的组合），无法区分各自的作用。请去掉其中一个。",
    ),
    "satisfaction.shapley_too_many": (
        "The exact Shapley regression takes at most {most} attributes ({count} given); "
        "use relative weights, which agree closely and take any number.",
        "精确 Shapley 回归最多支持 {most} 个属性（给出了 {count} 个）；请使用相对权重法，"
        "其结果与之非常接近且不限属性数。",
    ),
    "satisfaction.too_few_drivers": (
        "Key-driver analysis needs at least 2 attributes; {count} found.",
        "关键驱动因素分析至少需要 2 个属性；只找到 {count} 个。",
    ),
    "satisfaction.too_few_answers": (
        "Only {n} respondents answered every question; at least {needed} are needed for "
        "this many attributes.",
        "回答了全部问题的受访者只有 {n} 位；这么多属性至少需要 {needed} 位。",
    ),
    "satisfaction.constant_column": (
        "Every respondent gave the same answer for {column}, so it cannot explain "
        "anything. Leave it out.",
        "所有受访者对 {column} 的回答都相同，无法解释任何差异。请去掉该列。",
    ),
    "satisfaction.bad_kano_answer": (
        "{value!r} is not a Kano answer: use 1–5 or like, expect, neutral, live with, "
        "dislike (喜欢, 理所当然, 无所谓, 能忍受, 不喜欢).",
        "{value!r} 不是 Kano 回答：请使用 1–5 或 喜欢、理所当然、无所谓、能忍受、不喜欢"
        "（like, expect, neutral, live with, dislike）。",
    ),
    "satisfaction.bad_kano_answer_at": (
        "Row {row}: {value!r} is not a Kano answer: use 1–5 or like, expect, neutral, "
        "live with, dislike (喜欢, 理所当然, 无所谓, 能忍受, 不喜欢).",
        "第 {row} 行：{value!r} 不是 Kano 回答：请使用 1–5 或 喜欢、理所当然、无所谓、"
        "能忍受、不喜欢（like, expect, neutral, live with, dislike）。",
    ),
}
