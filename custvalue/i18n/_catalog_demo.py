"""Messages of the demo tools and of ``custvalue report`` on an empty database."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "demo.usage": (
        "Unknown command: {given}. Use 'python -m custvalue.demo regenerate [FOLDER]' to "
        "rewrite the bundled examples (default: the package's own custvalue/examples) or "
        "'python -m custvalue.demo list' to list them.",
        "未知命令：{given}。用 'python -m custvalue.demo regenerate [FOLDER]' 重新生成内置示例"
        "（默认写入包内的 custvalue/examples），或用 'python -m custvalue.demo list' 列出示例。",
    ),
    "demo.cannot_write": (
        "Cannot write the examples to {path} ({reason}). Name a folder you can write to: "
        "'python -m custvalue.demo regenerate FOLDER'.",
        "无法把示例写入 {path}（{reason}）。请指定一个可写的文件夹："
        "'python -m custvalue.demo regenerate FOLDER'。",
    ),
    "report.empty": (
        "There is nothing to report yet: the database {db} holds no orders. Import your "
        "orders with 'custvalue import orders FILE' (customers and costs too, if you have "
        "them), or try the demo company with 'custvalue demo'.",
        "暂无可报告的内容：数据库 {db} 中还没有订单。请用 'custvalue import orders FILE' "
        "导入订单（如有客户和成本数据也一并导入），或用 'custvalue demo' 试用演示公司。",
    ),
    "report.empty_as_of": (
        "There is nothing to report yet: the database {db} holds no orders up to {as_of}. "
        "Import your orders with 'custvalue import orders FILE', try the demo company with "
        "'custvalue demo', or give a later --as-of.",
        "暂无可报告的内容：数据库 {db} 中截至 {as_of} 还没有订单。请用 "
        "'custvalue import orders FILE' 导入订单，或用 'custvalue demo' 试用演示公司，"
        "或指定更晚的 --as-of。",
    ),
}
