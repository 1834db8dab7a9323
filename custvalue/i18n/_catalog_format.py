"""Words used when formatting values (booleans, headers of metric tables)."""

MESSAGES = {
    "fmt.yes": ("yes", "是"),
    "fmt.no": ("no", "否"),
    "fmt.metric": ("Metric", "指标"),
    "fmt.value": ("Value", "数值"),
}
