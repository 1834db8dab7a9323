"""Messages of custvalue.delivered in the seeds' terms: the seed's value items, the
functional / social / emotional parts of perceived value, and the worth options."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the seed's value items (coil example) ---
    "delivered.component_product_brand": ("product brand value", "产品品牌价值"),
    "delivered.component_influence": ("corporate influence value", "企业影响力价值"),
    "delivered.component_good_service": ("good service value", "良好的服务价值"),
    "delivered.component_cooperation": (
        "value of years of good cooperation",
        "多年的合作愉快价值",
    ),
    "delivered.component_buyer_benefit": (
        "benefit to the people who buy",
        "购买相关人员的利益",
    ),
    "delivered.component_buyer_emotion": (
        "emotional value to the people who buy",
        "购买相关人员的情感价值",
    ),
    # --- parts of perceived value ---
    "delivered.group_functional": ("functional value", "功能价值"),
    "delivered.group_social": ("social value", "社会价值"),
    "delivered.group_emotional": ("emotional value", "情感价值"),
    "delivered.group_other": ("other value (no group)", "其他价值（未分组）"),
    "col.functional_value": ("Functional value", "功能价值"),
    "col.social_value": ("Social value", "社会价值"),
    "col.emotional_value": ("Emotional value", "情感价值"),
    "col.other_value": ("Other value", "其他价值"),
    "col.tied": ("Tied at the top", "并列第一"),
    # --- worth and group options (library and CLI) ---
    "delivered.worth_unknown": (
        "'{component}' is not a score component of these offerings, so a worth per point "
        "cannot apply to it (score components: {known}).",
        "“{component}”不是这些供应品中的评分构成项，无法设置每分折合金额（评分构成项：{known}）。",
    ),
    "delivered.group_unknown": (
        "'{component}' is not a value component of these offerings, so it cannot be given "
        "a group (value components: {known}).",
        "“{component}”不是这些供应品中的价值构成项，无法指定分组（价值构成项：{known}）。",
    ),
    "cli.delivered_opt_worth": (
        "COMPONENT=MONEY: money per point of a score component (a warranty year, a store or salesperson point); repeatable.",
        "构成项=金额：评分构成项每分折合的金额（如一年保修、门店或导购的一分）；可重复。",
    ),
    "cli.delivered_opt_group": (
        "COMPONENT=GROUP: your own component's part of perceived value: functional, social or emotional; repeatable.",
        "构成项=分组：自定义构成项属于功能价值、社会价值或情感价值；可重复。",
    ),
    "cli.delivered_parts_title": (
        "Perceived value by part (functional, social, emotional)",
        "感知价值的组成（功能价值、社会价值、情感价值）",
    ),
    "cli.delivered_other_note": (
        "Value components without a group (counted as other): {components}. Name their "
        "group with --group COMPONENT=functional|social|emotional.",
        "未分组的价值构成项（计入其他价值）：{components}。可用 --group 构成项=功能价值|社会价值|"
        "情感价值 指定。",
    ),
}
MESSAGES.update(
    {
        "cli.reason_pair": ("expected NAME=VALUE", "格式应为 名称=值"),
        "cli.hint_worth": ("For example: --worth 保修年限=100", "例如：--worth 保修年限=100"),
        "cli.hint_group": (
            "For example: --group 保修年限=functional",
            "例如：--group 保修年限=功能价值",
        ),
        "cli.reason_worth": (
            "expected a number of money per point",
            "应为每分折合的金额（数字）",
        ),
    }
)
MESSAGES.update(
    {
        "delivered.sweep_empty": (
            "give at least one worth per point of '{component}' to try.",
            "请至少给出一个“{component}”的每分折合金额。",
        ),
        "cli.delivered_opt_sweep": (
            "COMPONENT=W1,W2,…: the choice at each of these worths per point.",
            "构成项=金额1,金额2,…：该构成项取各个每分金额时的选择。",
        ),
        "cli.hint_sweep": (
            "For example: --sweep 保修年限=100,200,400,500",
            "例如：--sweep 保修年限=100,200,400,500",
        ),
        "cli.reason_sweep": (
            "expected numbers of money per point separated by commas",
            "应为用逗号分隔的每分折合金额（数字）",
        ),
        "cli.delivered_sweep_needed": (
            "--part sweep needs --sweep COMPONENT=W1,W2,… (e.g. --sweep 保修年限=100,200,400).",
            "--part sweep 需要 --sweep 构成项=金额1,金额2,…（如 --sweep 保修年限=100,200,400）。",
        ),
        "cli.delivered_sweep_title": (
            "How the choice moves with the worth of one point of {component}",
            "“{component}”每分价值变化时，选择如何变化",
        ),
        "cli.delivered_sweep_note": (
            "Each row is the same offerings with only this worth changed; all else equal.",
            "每行只改变这一项的每分金额，其他不变。",
        ),
        "col.worth": ("Worth per point", "每分金额"),
    }
)
