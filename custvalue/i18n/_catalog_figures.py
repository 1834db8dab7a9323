"""Texts of figures (titles, axes) shared by areas."""

MESSAGES: dict[str, tuple[str, str]] = {
    "figures.clv_tracking": (
        "Cumulative repeat purchases: actual vs predicted",
        "累计重复购买：实际与预测",
    ),
    "figures.clv_by_frequency": (
        "Holdout purchases by calibration frequency",
        "按校准期购买频次的验证期购买",
    ),
    "figures.clv_p_alive": (
        "P(alive) by repeat purchases and age at the last purchase",
        "按重复购买次数和末次购买时客户年龄的存活概率",
    ),
    "figures.clv_expected": (
        "Expected purchases next period by repeat purchases and age at the last purchase",
        "按重复购买次数和末次购买时客户年龄的下一期预期购买",
    ),
    "figures.period_unit": ("period ({unit})", "期（{unit}）"),
    "figures.cumulative_repeats": ("cumulative repeat purchases", "累计重复购买次数"),
    "figures.holdout_mean": ("mean purchases in the holdout", "验证期平均购买次数"),
    "col.expected": ("Expected purchases", "预期购买次数"),
}
