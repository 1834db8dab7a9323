"""Messages of file reading and row validation (``custvalue import``).

File-level messages (``ImportFileError``) name the file; row-level reasons are
shown next to the line, column and value, so they describe only the problem
and the fix.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the file as a whole ---------------------------------------------------
    "import.unreadable": (
        "{file}: cannot be read ({detail}).",
        "{file}：无法读取（{detail}）。",
    ),
    "import.file_missing": (
        "{file}: no such file. Check the path (relative paths start from {cwd}).",
        "{file}：文件不存在。请检查路径（相对路径从 {cwd} 开始）。",
    ),
    "import.not_a_file": (
        "{file}: is a directory, not a file.",
        "{file}：这是一个目录，不是文件。",
    ),
    "import.unsupported_format": (
        "{file}: unsupported file type '{suffix}'. Use CSV (.csv, .txt, .tsv) or Excel "
        "(.xlsx, .xlsm, .xls, .xlsb, .ods).",
        "{file}：不支持的文件类型“{suffix}”。请使用 CSV（.csv、.txt、.tsv）或 Excel"
        "（.xlsx、.xlsm、.xls、.xlsb、.ods）。",
    ),
    "import.encoding": (
        "{file}: line {line}: the text is neither UTF-8 nor GBK/GB18030 (first undecodable "
        "byte at offset {offset}). Save the file as UTF-8 (Excel: Save As → CSV UTF-8) and "
        "import it again.",
        "{file}：第 {line} 行：文本既不是 UTF-8 也不是 GBK/GB18030（第一个无法解码的字节在偏移 "
        "{offset}）。请把文件另存为 UTF-8（Excel：另存为 → CSV UTF-8）后重新导入。",
    ),
    "import.encoding_utf16": (
        "{file}: starts with the byte-order mark of {encoding} but is not valid {encoding} "
        "(line {line}, byte offset {offset}); the file is damaged. Save it again as UTF-8 "
        "(Excel: Save As → CSV UTF-8).",
        "{file}：文件以 {encoding} 的字节顺序标记开头，但内容不是有效的 {encoding}（第 {line} 行，"
        "字节偏移 {offset}）；文件已损坏。请重新另存为 UTF-8（Excel：另存为 → CSV UTF-8）。",
    ),
    "import.encoding_utf32": (
        "{file}: is UTF-32 text, which custvalue does not read. Save the file as UTF-8 "
        "(Excel: Save As → CSV UTF-8) and import it again.",
        "{file}：这是 UTF-32 文本，custvalue 不读取这种编码。请把文件另存为 UTF-8"
        "（Excel：另存为 → CSV UTF-8）后重新导入。",
    ),
    "import.encoding_no_bom": (
        "{file}: looks like {encoding} text without a byte-order mark, which cannot be read "
        "safely. Save the file as UTF-8 (Excel: Save As → CSV UTF-8) and import it again.",
        "{file}：看起来是没有字节顺序标记的 {encoding} 文本，无法可靠读取。请把文件另存为 UTF-8"
        "（Excel：另存为 → CSV UTF-8）后重新导入。",
    ),
    "import.header_encoding": (
        "{file}: the header (line {line}) is not in the file's encoding, {encoding} (byte "
        "offset {offset}): the file mixes encodings. Save the whole file as UTF-8 (Excel: "
        "Save As → CSV UTF-8) and import it again.",
        "{file}：表头（第 {line} 行）的编码与文件的编码 {encoding} 不一致（字节偏移 {offset}）："
        "文件混用了多种编码。请把整个文件另存为 UTF-8（Excel：另存为 → CSV UTF-8）后重新导入。",
    ),
    "import.header_nul": (
        "{file}: the header (line {line}) contains a zero byte (\\x00): the file is damaged "
        "or is not a text export. Export the table again as CSV.",
        "{file}：表头（第 {line} 行）含有零字节（\\x00）：文件已损坏，或者不是文本导出文件。"
        "请重新导出为 CSV。",
    ),
    "import.unclosed_quote": (
        "{file}: line {line}: the quote at {value!s} is never closed, so every line after it "
        "would be read as one value. Close the quote, or write a quote inside a value as two "
        'quotes ("").',
        "{file}：第 {line} 行：{value!s} 处的引号没有闭合，其后的所有行都会被读成同一个值。"
        '请补上闭合的引号，或把值中的引号写成两个引号（""）。',
    ),
    "import.empty": (
        "{file}: has no header row and no data.",
        "{file}：没有表头，也没有数据。",
    ),
    "import.bad_excel": (
        "{file}: not a readable spreadsheet; the file is damaged or is not a workbook in the "
        "format its name '{suffix}' says. Open it in Excel or WPS and save it again as .xlsx, "
        "or export it as CSV.",
        "{file}：不是可读取的电子表格；文件已损坏，或者并不是文件名“{suffix}”所表示格式的工作簿。"
        "请用 Excel 或 WPS 打开后重新另存为 .xlsx，或导出为 CSV。",
    ),
    "import.excel_is_text": (
        "{file}: named '{suffix}' but the content is plain text, not a spreadsheet (probably a "
        "CSV file renamed). Rename it to .csv and import it again.",
        "{file}：文件名是“{suffix}”，但内容是纯文本而不是电子表格（可能是改了扩展名的 CSV 文件）。"
        "请把扩展名改为 .csv 后重新导入。",
    ),
    "import.no_data_rows": (
        "{file}: has a header row ({headers}) but no data rows; nothing to import. Check that "
        "you exported the data and not only the column names.",
        "{file}：只有表头（{headers}），没有数据行；没有可导入的内容。请检查导出时是否包含了数据，"
        "而不仅仅是列名。",
    ),
    "import.sheet_empty": (
        "{file}: the sheet '{sheet}' is empty. The workbook's sheets: {sheets}; choose the "
        "one that holds the data with --sheet NAME.",
        "{file}：工作表“{sheet}”是空的。工作簿中的工作表：{sheets}；请用 --sheet 名称 选择"
        "存放数据的工作表。",
    ),
    "import.excel_too_large": (
        "{file}: the workbook is {size} on disk but its part {part} unpacks {ratio} times "
        "larger ({inflated} in all): too large to read safely, as a damaged or malicious "
        "file would be. Open it in Excel or WPS and save it again, or export the sheet as CSV.",
        "{file}：工作簿在磁盘上只有 {size}，但其中的 {part} 解压后大 {ratio} 倍（共 {inflated}），"
        "大到无法安全读取（损坏或恶意的文件就是这样）。请在 Excel 或 WPS 中打开后重新保存，"
        "或把工作表导出为 CSV。",
    ),
    "import.excel_sheet_extent": (
        "{file}: the sheet '{sheet}' has a value in cell {cell}, far from the rest of the "
        "data, so reading it would take a grid of {cells} cells (at most {limit}). Delete "
        "the rows and columns after the data (or copy the data to a new sheet) and save again.",
        "{file}：工作表“{sheet}”的单元格 {cell} 中有值，离其余数据很远，读取它需要 {cells} 个"
        "单元格的网格（上限 {limit}）。请删除数据之后的多余行和列（或把数据复制到新工作表）后"
        "重新保存。",
    ),
    "import.sheet_missing": (
        "{file}: no sheet named '{sheet}'. Sheets: {sheets}.",
        "{file}：没有名为“{sheet}”的工作表。现有工作表：{sheets}。",
    ),
    "import.missing_columns": (
        "{file}: required column(s) {missing} not found in the header ({found}). Rename the "
        "header or map it, e.g. {suggestion}",
        "{file}：表头（{found}）中找不到必需的列 {missing}。请修改表头或用映射指定，例如 "
        "{suggestion}",
    ),
    "import.duplicate_column": (
        "{file}: columns '{first}' and '{second}' both mean '{column}'. Remove one, or map "
        "the other elsewhere with --map.",
        "{file}：列“{first}”和“{second}”都表示“{column}”。请删除其中一列，或用 --map 另行映射。",
    ),
    "import.bad_map_source": (
        "--map {pair}: the file {file} has no column '{source}' (columns: {found}).",
        "--map {pair}：文件 {file} 中没有列“{source}”（现有列：{found}）。",
    ),
    "import.bad_map_dest": (
        "--map {pair}: '{dest}' is not a column of {kind} (use one of: {allowed}).",
        "--map {pair}：“{dest}”不是{kind}数据的列（可用：{allowed}）。",
    ),
    "import.kind_customers": ("customers", "客户"),
    "import.kind_orders": ("orders", "订单"),
    "import.kind_costs": ("costs", "成本"),
    # --- one row ---------------------------------------------------------------
    "import.ragged_row": (
        "the row has {found} fields but the header has {expected}; check for an unquoted "
        "separator or a missing field",
        "该行有 {found} 个字段，而表头有 {expected} 个；请检查是否有未加引号的分隔符或缺少字段",
    ),
    "import.line_not_utf8": (
        "this line is not UTF-8 like the rest of the file (byte offset {offset}; probably "
        "GBK), so it is not read; save the whole file as UTF-8 (Excel: Save As → CSV UTF-8) "
        "and import it again",
        "这一行不像文件其余部分那样是 UTF-8（字节偏移 {offset}；可能是 GBK），因此不予读取；"
        "请把整个文件另存为 UTF-8（Excel：另存为 → CSV UTF-8）后重新导入",
    ),
    "import.line_utf8_in_gbk": (
        "this line is UTF-8 while the rest of the file is {encoding} (byte offset {offset}); "
        "read as {encoding} it would be garbled, so it is not read; save the whole file as "
        "UTF-8 (Excel: Save As → CSV UTF-8) and import it again",
        "这一行是 UTF-8，而文件其余部分是 {encoding}（字节偏移 {offset}）；按 {encoding} 读取会"
        "变成乱码，因此不予读取；请把整个文件另存为 UTF-8（Excel：另存为 → CSV UTF-8）后重新导入",
    ),
    "import.quote_spans_rows": (
        "a quote opened on this line closes only on line {end}, so {count} line(s) that look "
        "like rows of their own became part of one value; close the quote on this line, or "
        'write a quote inside a value as two quotes ("")',
        "此行打开的引号直到第 {end} 行才闭合，使 {count} 个看起来是独立数据行的行成了同一个值的"
        '一部分；请在此行闭合引号，或把值中的引号写成两个引号（""）',
    ),
    "import.missing_value": (
        "a value is required here",
        "此处必须有值",
    ),
    "import.bad_date": (
        "not a date; write it like 2023-01-05, 2023/1/5, 2023.01.05, 20230105 or 2023年1月5日",
        "不是日期；请写成 2023-01-05、2023/1/5、2023.01.05、20230105 或 2023年1月5日",
    ),
    "import.invalid_date": (
        "no such calendar date (month 1–12, day within the month)",
        "日历上没有这一天（月份 1–12，日期不超过当月天数）",
    ),
    "import.ambiguous_date": (
        "ambiguous date: day and month cannot be told apart; write the year first, e.g. 2023-01-05",
        "日期有歧义：无法区分日和月；请把年份写在前面，例如 2023-01-05",
    ),
    "import.date_out_of_range": (
        "the year is outside 1900–2100; check the value",
        "年份不在 1900–2100 之间；请检查该值",
    ),
    "import.bad_amount": (
        "not an amount; write it like 1200.50, 1,200.50, ¥300 or 450元",
        "不是金额；请写成 1200.50、1,200.50、¥300 或 450元",
    ),
    "import.amount_precision": (
        "more than 2 decimal places (fen); round the amount to 0.01",
        "小数超过 2 位（分）；请把金额精确到 0.01",
    ),
    "import.amount_too_large": (
        "the amount is too large to be real (over 10¹³ yuan)",
        "金额过大，不可能是真实数据（超过 10¹³ 元）",
    ),
    "import.negative_amount": (
        "must not be negative here",
        "此处不能为负数",
    ),
    "import.bad_choice": (
        "unknown value; use one of: {allowed}",
        "未知的值；可用：{allowed}",
    ),
    "import.bad_id_control": (
        "the value holds the invisible control character {char} (character {position}); "
        "ids and names used as keys may not contain control characters: remove it",
        "该值含有不可见的控制字符 {char}（第 {position} 个字符）；编号和用作键的名称中不能"
        "包含控制字符：请删除它",
    ),
    "import.bad_id_bidi": (
        "the value holds the bidirectional control {char} (character {position}), which "
        "shows text in another order than it is written; remove it",
        "该值含有双向文本控制字符 {char}（第 {position} 个字符），它会让文字的显示顺序与"
        "实际内容不同；请删除它",
    ),
    "import.id_too_long": (
        "{length} characters, more than the {limit} an id or a name used as a key may "
        "hold; check that this is the right column, or shorten the value",
        "共 {length} 个字符，超过了编号或用作键的名称的上限 {limit}；请检查是否选对了列，"
        "或缩短该值",
    ),
    "import.bad_text_control": (
        "the text holds the control character {char} (character {position}); text may "
        "hold tabs and line breaks but no other control characters: remove it",
        "文本中含有控制字符 {char}（第 {position} 个字符）；文本中可以有制表符和换行，"
        "但不能有其他控制字符：请删除它",
    ),
    "import.text_too_long": (
        "{length} characters, more than the {limit} this column may hold; shorten the text",
        "共 {length} 个字符，超过了此列的上限 {limit}；请缩短文本",
    ),
    "import.excel_error": (
        "the cell shows the Excel error {value} (a formula that failed, e.g. a division by "
        "zero or a lookup that found nothing); fix the formula or clear the cell",
        "单元格显示 Excel 错误 {value}（公式出错，例如除以零或查找不到值）；请修正公式或清空"
        "该单元格",
    ),
    "import.excel_formula_no_value": (
        "the cell holds the formula {value} but the file has no result saved for it (it was "
        "written by a program, not saved by Excel); open the file in Excel or WPS and save "
        "it, or paste the values (Paste Special → Values)",
        "单元格中是公式 {value}，但文件中没有保存它的计算结果（文件由程序生成，而不是由 Excel "
        "保存）；请在 Excel 或 WPS 中打开并保存文件，或粘贴为数值（选择性粘贴 → 数值）",
    ),
    "import.self_referral": (
        "a customer cannot refer themselves",
        "客户不能推荐自己",
    ),
    "import.conflicting_duplicate": (
        "{key!s} appears again with different content (first at line {first_line}); keep one",
        "{key!s} 再次出现且内容不同（第一次在第 {first_line} 行）；请只保留一行",
    ),
}
