"""Messages of long-format tables (surveys, deals, offerings, choices)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "table.bad_number": (
        "not a number; write it like 7, 7.5, 1,200, 25%, ¥28,800 or 2.88万",
        "不是数字；请写成 7、7.5、1,200、25%、¥28,800 或 2.88万",
    ),
    "table.out_of_range": (
        "out of range: must be between {minimum} and {maximum}",
        "超出范围：应在 {minimum} 与 {maximum} 之间",
    ),
    "table.bad_rows": (
        "{file}: {count} bad row(s); nothing was used. First: line {line}, column "
        "'{column}', value '{value}': {detail}. Fix the rows and run again.",
        "{file}：有 {count} 行错误，未使用任何数据。第一处：第 {line} 行，列“{column}”，"
        "值“{value}”：{detail}。请修正后重新运行。",
    ),
}
