"""Messages of the output layer: exports (--output, --format xlsx, --no-bom), tables
fitted to the terminal (--wide), charts and files written."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.opt_output": (
        "Write csv, json or xlsx to this file.",
        "把 csv、json 或 xlsx 写入此文件。",
    ),
    "cli.opt_no_bom": ("CSV without the UTF-8 BOM.", "CSV 不带 UTF-8 BOM。"),
    "cli.opt_wide": ("Show every column of a table.", "表格显示全部列。"),
    "output.is_folder": (
        "Cannot write {path}: it is a folder. Name a file in it, e.g. {example}.",
        "无法写入 {path}：这是一个文件夹。请指定其中的一个文件，例如 {example}。",
    ),
    "output.no_folder": (
        "Cannot write {path}: the folder {folder} does not exist. Create it first or "
        "name a file in an existing folder.",
        "无法写入 {path}：文件夹 {folder} 不存在。请先创建它，或指定已有文件夹中的文件。",
    ),
    "output.not_a_folder": (
        "Cannot write {path}: {folder} is a file, not a folder. Name a file in a folder.",
        "无法写入 {path}：{folder} 是文件而不是文件夹。请指定某个文件夹中的文件。",
    ),
    "output.not_writable": (
        "Cannot write {path}: no permission to write there (folder {folder}). Choose a "
        "path you may write to.",
        "无法写入 {path}：没有写入权限（文件夹 {folder}）。请换一个可写的路径。",
    ),
    "output.cannot_write": (
        "Cannot write {path}: {reason}. Nothing was written there; choose another path.",
        "无法写入 {path}：{reason}。该处未写入任何内容；请换一个路径。",
    ),
    "output.xlsx_terminal": (
        "--format xlsx writes an Excel file, which a terminal cannot show: add "
        "--output FILE.xlsx (or redirect the output to a file).",
        "--format xlsx 输出的是 Excel 文件，终端无法显示：请加 --output 文件.xlsx（或把输出重定向到文件）。",
    ),
    "output.which_format": (
        "--output {path}: say which format to write with --format csv, json or xlsx (or "
        "name the file .csv, .json or .xlsx).",
        "--output {path}：请用 --format csv、json 或 xlsx 指定格式（或把文件命名为 .csv、.json 或 .xlsx）。",
    ),
    "output.one_table": (
        "--format csv writes one table, and {command} has several: use --format xlsx "
        "--output FILE.xlsx (one sheet each) or --format json.",
        "--format csv 只能写一张表，而 {command} 有多张：请用 --format xlsx --output 文件.xlsx"
        "（每张表一个工作表）或 --format json。",
    ),
    "output.too_many_rows": (
        "{rows} rows do not fit one Excel sheet (at most {limit}): use --format csv.",
        "{rows} 行超出 Excel 单个工作表的上限（{limit} 行）：请用 --format csv。",
    ),
    "output.written": ("Written: {path} ({what}).", "已写入：{path}（{what}）。"),
    "output.what_csv": ("CSV, {rows} rows", "CSV，{rows} 行"),
    "output.what_csv_nobom": ("CSV without BOM, {rows} rows", "CSV（无 BOM），{rows} 行"),
    "output.what_json": ("JSON", "JSON"),
    "output.what_xlsx": (
        "Excel, {sheets} sheet(s), {rows} rows",
        "Excel，{sheets} 个工作表，{rows} 行",
    ),
    "output.columns_dropped": (
        "Not shown, to fit {width} columns: {columns}. --wide shows every column.",
        "为适应 {width} 列宽未显示：{columns}。加 --wide 可显示全部列。",
    ),
    "output.sheet": ("Sheet", "工作表"),
    "output.separator": (", ", "、"),
    "cli.report_top_sheet": ("Top customers", "价值最高的客户"),
    "cli.value_sheet": ("Customer value", "客户价值"),
    "cli.years_sheet": ("By year", "逐年价值"),
    "cli.clv_metrics_sheet": ("Holdout check", "保留期检验"),
    "cli.clv_customers_sheet": ("Customers", "客户"),
    "cli.cva_attributes_sheet": ("Attributes", "属性"),
    "cli.cva_overall_sheet": ("Overall", "总体"),
    "cli.delivered_part_offerings": ("Offerings", "供应品"),
    "cli.delivered_part_choice": ("Choice", "选择"),
    "cli.delivered_part_comparison": ("Comparison", "比较"),
    "cli.delivered_part_flip": ("Flip points", "翻转点"),
    "cli.delivered_part_sweep": ("Sweep", "逐点变化"),
}
