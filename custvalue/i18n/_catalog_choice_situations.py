"""Texts of ``custvalue choice predict`` for scenario files with several situations."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.choice_by_situation_title": (
        "Shares in each situation",
        "各情境中的选择份额",
    ),
    "cli.choice_rule_by_situation_title": (
        "Deterministic rule in each situation (highest utility wins; V1:V2 = e^difference)",
        "各情境的确定性规则（效用最高者胜出；V1:V2 = e^差额）",
    ),
}
