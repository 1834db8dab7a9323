"""Messages of the tier rule, the 80/20 sentences and the segmentation commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    # argument errors of the tier rule
    "segment.gold_above_platinum": (
        "The gold threshold {gold} 元 is above the platinum threshold {platinum} 元; lower "
        "the gold threshold (--gold-profit) or raise the platinum one (--platinum-profit).",
        "黄金层门槛 {gold} 元高于白金层门槛 {platinum} 元；请降低黄金层门槛（--gold-profit）"
        "或提高白金层门槛（--platinum-profit）。",
    ),
    "segment.bad_rule": (
        "rule: expected a TierRule from tier_rule(), found {found}.",
        "rule：应为 tier_rule() 返回的 TierRule，实际为 {found}。",
    ),
    # how the tiers are cut
    "tiers.rule_profit_title": (
        "How the tiers are cut: by profit and volume",
        "分层规则：按利润与业务量",
    ),
    "tiers.rule_bands_title": (
        "How the tiers are cut: percentile bands {bands} of customers",
        "分层规则：按客户百分位 {bands} 分段",
    ),
    "col.tier_condition": ("Who is in it", "划分条件"),
    "tiers.cond_at_least": ("{words} at least {low} 元", "{words}不低于 {low} 元"),
    "tiers.cond_between": (
        "{words} at least {low} 元 and below {high} 元",
        "{words}不低于 {low} 元且低于 {high} 元",
    ),
    "tiers.cond_share": (
        "{condition} (the top {share} of the profitable customers set it)",
        "{condition}（由盈利客户中前 {share} 确定）",
    ),
    "tiers.cond_positive_below": (
        "{words} above 0 and below {high} 元",
        "{words}大于 0 且低于 {high} 元",
    ),
    "tiers.cond_positive": ("{words} above 0", "{words}大于 0"),
    "tiers.cond_or_useful": (
        "{condition}, or a loss with {volume_words} at least {volume} 元 (useful volume)",
        "{condition}，或虽亏损但{volume_words}不低于 {volume} 元（有用的业务量）",
    ),
    "tiers.cond_loss": ("{words} 0 or below", "{words}不高于 0"),
    "tiers.cond_loss_small": (
        "{words} 0 or below, with {volume_words} below {volume} 元",
        "{words}不高于 0，且{volume_words}低于 {volume} 元",
    ),
    "tiers.cond_none": (
        "nobody: no customer is profitable, so there is no threshold",
        "无：没有盈利客户，无法确定门槛",
    ),
    "tiers.cond_gold_empty": (
        "nobody: the gold threshold is the platinum one",
        "无：黄金层门槛与白金层相同",
    ),
    "tiers.cond_band": (
        "{words} at least {low} 元 (down to the top {share} of customers; ties at the cut "
        "stay in the higher tier)",
        "{words}不低于 {low} 元（至前 {share} 的客户；切分处并列者归入较高层）",
    ),
    "tiers.cond_band_empty": (
        "nobody: the band is smaller than one customer",
        "无：该段不足一位客户",
    ),
    "tiers.cond_rest": ("the other customers", "其余客户"),
    "tiers.rule_line": ("Tier rule — {conditions}", "分层规则——{conditions}"),
    # more than all of the profit: the whale curve
    "tiers.tier_whale": (
        "The {tier} tier ({count} of {customers} customers) brings {part} 元 of {words}: {share} of the net "
        "total of {total} 元, more than all of it, because the {losers} loss-making customers "
        "lose {loss} 元 between them.",
        "{tier}层（{customers} 位客户中的 {count} 位）带来{words} {part} 元，占净总额 {total} 元的 {share}，"
        "超过了全部，因为 {losers} 位亏损客户合计亏损 {loss} 元。",
    ),
    "tiers.pareto_whale": (
        "The top {top} of customers ({count}) bring {part} 元 of {words}: {share} of the "
        "net total of {total} 元, more than all of it, because the {losers} loss-making "
        "customers lose {loss} 元 between them.",
        "前 {top} 的客户（{count} 位）带来{words} {part} 元，占净总额 {total} 元的 {share}，"
        "超过了全部，因为 {losers} 位亏损客户合计亏损 {loss} 元。",
    ),
    "tiers.pareto_plain": (
        "The top {top} of customers ({count}) bring {share} of {words} ({part} of {total} 元).",
        "前 {top} 的客户（{count} 位）带来了 {share} 的{words}（{part} 元，共 {total} 元）。",
    ),
    "tiers.pareto_not_positive": (
        "The net total of {words} is {total} 元 (the {losers} loss-making customers lose "
        "{loss} 元, the others bring {gain} 元): shares of a total that is not positive are "
        "not defined.",
        "{words}净总额为 {total} 元（{losers} 位亏损客户合计亏损 {loss} 元，其余客户带来 "
        "{gain} 元）：总额不为正，无法计算占比。",
    ),
    "tiers.pareto_revenue": (
        "They bring {share} of the revenue ({part} of {total} 元).",
        "他们带来了 {share} 的收入（{part} 元，共 {total} 元）。",
    ),
    # empty store
    "tiers.no_customers": (
        "No customers in {db} yet: import your data with `custvalue import orders FILE` "
        "(and `custvalue import customers FILE`, `custvalue import costs FILE`), or try "
        "the demo company with `custvalue demo`.",
        "{db} 中还没有客户：请用 `custvalue import orders 文件` 导入订单（以及 "
        "`custvalue import customers 文件`、`custvalue import costs 文件`），或用 "
        "`custvalue demo` 试用演示公司。",
    ),
    "tiers.no_orders": (
        "No customer in {db} has orders yet, so there is nothing to score: import them "
        "with `custvalue import orders FILE`, or try the demo company with `custvalue demo`.",
        "{db} 中的客户还没有订单，无法评分：请用 `custvalue import orders 文件` 导入订单，"
        "或用 `custvalue demo` 试用演示公司。",
    ),
    # CLI options of tiers
    "cli.opt_tier_rule": (
        "Tier rule: 'profit' (profit and volume, the seeds' definitions) or 'bands' "
        "(percentile bands of customers, see --bands).",
        "分层规则：profit（按利润与业务量，即原始定义）或 bands（按客户百分位分段，见 --bands）。",
    ),
    "cli.opt_platinum_profit": (
        "Lowest profit (元) of platinum; default: the top 20% of profitable customers.",
        "白金客户的最低利润（元）；默认由盈利客户中前 20% 确定。",
    ),
    "cli.opt_gold_profit": (
        "Lowest profit (元) of gold; default: the top 50% of profitable customers.",
        "黄金客户的最低利润（元）；默认由盈利客户中前 50% 确定。",
    ),
    "cli.opt_iron_revenue": (
        "Revenue (元) from which a loss-maker is iron (useful volume), not lead; default: "
        "the median revenue of profitable customers; inf: every loss-maker is lead.",
        "亏损客户收入（元）达到多少算黑铁（有用的业务量）而非铅；默认为盈利客户收入的中位数；"
        "inf 表示所有亏损客户都是铅。",
    ),
    "cli.reason_bands_rule": (
        "percentile bands go with --rule bands, not --rule profit",
        "百分位分段需配合 --rule bands，而非 --rule profit",
    ),
    "cli.opt_volume": (
        "Volume column of the profit rule (default revenue).",
        "利润规则所用的业务量列（默认 revenue）。",
    ),
    # column labels of the segmentation tables
    "col.recency_days_mean": ("Mean days since last purchase", "平均距最近购买天数"),
    "col.frequency_mean": ("Mean orders", "平均订单数"),
    "col.monetary_mean": ("Mean revenue", "平均消费金额"),
    "col.monetary_sum": ("Revenue", "消费金额合计"),
    "col.class_share": ("Customer share", "客户占比"),
    # metrics of the 80/20 analysis
    "metric.value_column": ("Value ranked", "排序依据"),
    "metric.top": ("Top share of customers", "头部客户比例"),
    "metric.top_customers": ("Top customers", "头部客户数"),
    "metric.total_value": ("Net total value (元)", "价值净总额（元）"),
    "metric.top_value": ("Value of the top customers (元)", "头部客户价值（元）"),
    "metric.top_value_share": ("Top customers' share of the value", "头部客户价值占比"),
    "metric.total_revenue": ("Total revenue (元)", "收入总额（元）"),
    "metric.top_revenue": ("Revenue of the top customers (元)", "头部客户收入（元）"),
    "metric.top_revenue_share": ("Top customers' share of the revenue", "头部客户收入占比"),
    "metric.customers_for_80pct_value": (
        "Share of customers bringing 80% of the value",
        "贡献 80% 价值的客户比例",
    ),
    "metric.customers_for_80pct_revenue": (
        "Share of customers bringing 80% of the revenue",
        "贡献 80% 收入的客户比例",
    ),
    "metric.gini": ("Gini coefficient of the value (0 = equal)", "价值基尼系数（0 = 均等）"),
    "metric.loss_makers": ("Loss-making customers", "亏损客户数"),
    "metric.loss_total": ("Their losses (元)", "亏损合计（元）"),
    "metric.gain_total": ("Value of the profitable customers (元)", "盈利客户价值合计（元）"),
}
