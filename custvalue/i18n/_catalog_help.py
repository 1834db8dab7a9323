"""Help screens: the names of value types shown beside each option and argument."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.type_text": ("TEXT", "文本"),
    "help.type_integer": ("INTEGER", "整数"),
    "help.type_number": ("NUMBER", "数值"),
    "help.type_path": ("PATH", "路径"),
    "help.type_file": ("FILE", "文件"),
    "help.type_dir": ("FOLDER", "文件夹"),
    "help.type_date": ("DATE", "日期"),
}
