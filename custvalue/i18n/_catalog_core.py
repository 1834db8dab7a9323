"""Core messages: generic errors, database, CLI chrome."""

MESSAGES: dict[str, tuple[str, str]] = {
    "error.generic": ("Error: {detail}", "错误：{detail}"),
    "error.invalid": ("Invalid value: {detail}", "无效的值：{detail}"),
    "error.not_found": ("Not found: {what}", "未找到：{what}"),
    "error.option": (
        "Option {option}: {reason} (got {value!r}). {hint}",
        "选项 {option}：{reason}（收到 {value!r}）。{hint}",
    ),
    "db.error": ("Database error: {detail}", "数据库错误：{detail}"),
    "db.locked": (
        "The database file {path} is in use by another custvalue process; close it and "
        "retry (custvalue import can wait for it: --wait SECONDS).",
        "数据库文件 {path} 正被另一个 custvalue 进程使用；请先关闭后重试"
        "（custvalue import 可用 --wait 秒数 等待）。",
    ),
    "db.connect_failed": (
        "Cannot connect to {url}: {detail}",
        "无法连接到 {url}：{detail}",
    ),
    "db.newer_schema": (
        "The database schema version {found} is newer than this custvalue ({known}); upgrade custvalue.",
        "数据库结构版本 {found} 比当前 custvalue 支持的版本（{known}）更新；请升级 custvalue。",
    ),
    # the label before an error message, with its punctuation (a full-width colon in Chinese)
    "cli.error_prefix": ("Error: ", "错误："),
}
