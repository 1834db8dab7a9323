"""Messages of the survey and deal tables (``custvalue import ratings|weights|...``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- kinds ------------------------------------------------------------------
    "survey.kind_ratings": ("ratings", "评分"),
    "survey.kind_weights": ("weights", "权重"),
    "survey.kind_market": ("market", "市场"),
    "survey.kind_deals": ("deals", "商机"),
    "survey.kind_events": ("events", "关键事件"),
    "survey.kind_owners": ("owners", "属性责任部门"),
    # --- one row ------------------------------------------------------------------
    "survey.share_range": (
        "a market share must be between 0 and 100% (or 0 and 1 as a fraction)",
        "市场份额应在 0 到 100% 之间（或写成 0 到 1 的小数）",
    ),
    "survey.share_mixed": (
        "looks like a fraction while other shares in the file are percentages; write all "
        "shares one way (e.g. 25% or 0.25)",
        "看起来是小数，而文件中其他份额是百分数；请统一写法（例如都写 25% 或都写 0.25）",
    ),
    "survey.price_positive": ("a price must be above 0", "价格必须大于 0"),
    "survey.conflict_in_file": (
        "{key} appears again on line(s) {lines} with a different value; keep one of them",
        "{key} 在第 {lines} 行再次出现且取值不同；请只保留其中一行",
    ),
    "survey.weights_sum": (
        "the weights of respondent {respondent} (wave {wave}, segment {segment}) sum to {sum}, "
        "not 100 (by kind: {kinds}); fix them or import with --normalize-weights to rescale",
        "受访者 {respondent}（批次 {wave}，细分市场 {segment}）的权重合计为 {sum}，不是 100"
        "（按类型：{kinds}）；请修正，或加 --normalize-weights 按比例缩放到 100",
    ),
    "survey.weights_incomplete": (
        "another weight of respondent {respondent} (wave {wave}, segment {segment}) was refused, "
        "so this set is incomplete; fix that row and import again",
        "受访者 {respondent}（批次 {wave}，细分市场 {segment}）的另一行权重被拒绝，该组权重不完整；"
        "请修正那一行后重新导入",
    ),
    "survey.conflicts_stored": (
        "{key} is already stored with {column} = {stored}, not {new}; fix the row (stored "
        "survey data is never overwritten)",
        "{key} 已存储，其 {column} = {stored}，而不是 {new}；请修正该行（已存储的调查数据不会被覆盖）",
    ),
    # --- the store ----------------------------------------------------------------------
    "survey.no_ratings": (
        "no survey ratings are stored in {db}. Import them first: custvalue import ratings "
        "FILE --us NAME (try the demo: custvalue demo).",
        "数据库 {db} 中没有调查评分。请先导入：custvalue import ratings 文件 --us 我方品牌"
        "（或先试试演示数据：custvalue demo）。",
    ),
    "survey.us_missing": (
        "which competitor is us? Competitors seen: {competitors}. Say --us NAME (it is "
        "remembered by this database).",
        "哪个竞争者是我方？已有的竞争者：{competitors}。请用 --us 名称 指定（数据库会记住）。",
    ),
    "survey.us_unknown": (
        "'{us}' is not among the competitors rated ({competitors}). Say --us NAME with one "
        "of them, written exactly as in the ratings.",
        "“{us}”不在被评分的竞争者中（{competitors}）。请用 --us 名称 指定其中之一，写法须与评分表一致。",
    ),
    # --- the command line ------------------------------------------------------------------
    "survey.arg_kind": (
        "What the file holds: customers, orders, costs; value-to-customer data: ratings, "
        "weights, market, deals, events, owners, offerings; what customers say: nps, csat, "
        "ces, satisfaction, servqual, kano.",
        "文件内容：customers（客户）、orders（订单）、costs（费用）；顾客价值数据：ratings（评分）、"
        "weights（权重）、market（市场）、deals（商机）、events（关键事件）、owners（责任部门）、"
        "offerings（供货方案）；顾客之声：nps、csat、ces、satisfaction（满意度）、servqual、kano。",
    ),
    "survey.import_help": (
        "Import customers, orders, costs, value-to-customer data (ratings, weights, market, "
        "deals, events, owners, offerings) or survey answers (nps, csat, ces, satisfaction, "
        "servqual, kano) from CSV/Excel; bad rows are listed, good rows stored once.",
        "从 CSV/Excel 导入客户、订单、费用、顾客价值数据（评分、权重、市场、商机、关键事件、"
        "责任部门、供货方案）或调查回答（NPS、CSAT、CES、满意度、SERVQUAL、Kano）；"
        "列出错误行，正确的行只存一次。",
    ),
    "survey.opt_us": (
        "Ratings: our own brand as written in the competitor column (remembered).",
        "评分：我方品牌，写法与竞争者列一致（数据库会记住）。",
    ),
    "survey.opt_normalize_weights": (
        "Weights: rescale a respondent's weights to 100 instead of refusing them.",
        "权重：把受访者的权重按比例缩放到 100，而不是拒绝。",
    ),
    "survey.option_for_kind": (
        "only for {kind} imports",
        "仅用于 {kind} 导入",
    ),
    "survey.import_done": (
        "{file} ({kind}): {imported} imported, {duplicates} duplicates skipped, {rejected} rows "
        "rejected.",
        "{file}（{kind}）：导入 {imported} 行，跳过重复 {duplicates} 行，拒绝 {rejected} 行。",
    ),
    "survey.import_normalized": (
        "{count} respondent weight set(s) did not sum to 100 and were rescaled.",
        "有 {count} 组受访者权重合计不是 100，已按比例缩放。",
    ),
    "survey.import_us": ("Our brand (us): {us}.", "我方品牌：{us}。"),
    "survey.import_no_us": (
        "Tell which competitor is us before the analyses: import again with --us NAME "
        "(competitors: {competitors}).",
        "分析前请指明哪个竞争者是我方：重新导入时加 --us 名称（竞争者：{competitors}）。",
    ),
}
