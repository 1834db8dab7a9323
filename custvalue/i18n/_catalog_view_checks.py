"""Messages of the offerings' ``group`` column (the part of perceived value of a value
component) and of the option checks of the choice and customer value analyses."""

MESSAGES: dict[str, tuple[str, str]] = {
    "delivered.group_on_cost": (
        "a cost has no part of perceived value; leave 分组/group empty on cost rows",
        "成本不属于感知价值的任何部分；成本行的“分组/group”请留空",
    ),
    "delivered.group_on_cost_frame": (
        "offering '{offering}': '{component}' is a cost, so it has no part of perceived "
        "value (got group '{value}'); leave its group empty.",
        "供应品“{offering}”：“{component}”是成本，不属于感知价值的任何部分（分组填的是"
        "“{value}”）；请把分组留空。",
    ),
    "choice.weights_missing": (
        "weights: no coefficient for {missing}; give one for every name of the design ({names}).",
        "weights：缺少 {missing} 的系数；请为设计中的每个名称给出系数（{names}）。",
    ),
    "cva.quality_weight_needed": (
        "{name}: the importance line needs the weight of quality, a number between 0 and 1 "
        "(or a percentage between 0 and 100 in the CLI).",
        "{name}：重要性价值线需要质量的权重，取值在 0 到 1 之间（命令行中也可写 0 到 100 的百分数）。",
    ),
}
