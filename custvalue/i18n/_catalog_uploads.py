"""Uploads and the imports page: upload, check before storing, commit or discard."""

MESSAGES: dict[str, tuple[str, str]] = {
    "upload.too_large": (
        "{file} is larger than {limit}: split it, or import it on the server with "
        "custvalue import.",
        "{file} 超过 {limit}：请拆分文件，或在服务器上用 custvalue import 导入。",
    ),
    "upload.empty": (
        "{file} is empty: choose the file again.",
        "{file} 是空文件：请重新选择文件。",
    ),
    "upload.suffix": (
        "{file} is not a file the importer reads: give one of {allowed} (save Excel files "
        "as .xlsx).",
        "{file} 不是可导入的文件类型：请使用 {allowed} 之一（Excel 文件请另存为 .xlsx）。",
    ),
    "upload.not_found": (
        "There is no upload {token} waiting: it was imported or discarded already. See the "
        "import history.",
        "没有待导入的上传 {token}：它已被导入或丢弃。请查看导入历史。",
    ),
    "upload.reason_mapping": (
        "pair {n} is not written as header = column",
        "第 {n} 组没有写成 表头 = 列名",
    ),
    "upload.hint_mapping": (
        "write each pair as 客户编号 = customer_id, separated by commas",
        "每组写成 客户编号 = customer_id，多组用逗号分隔",
    ),
    "imports.title": ("Imports", "导入"),
    "imports.kind_demo": ("demo data", "示例数据"),
    "imports.intro": (
        "Upload a file ({suffixes}, up to {mb} MB; CSV in UTF-8 or GBK). It is checked "
        "first: you see what would be imported and every refused row before anything is "
        "stored.",
        "上传文件（{suffixes}，最大 {mb} MB；CSV 可为 UTF-8 或 GBK）。系统会先检查文件：在写入任何数据之前，"
        "您可以看到将导入的内容和每一行被拒绝的原因。",
    ),
    "imports.viewer": (
        "Analysts and administrators import files; here is what was imported.",
        "分析师和管理员可以导入文件；以下是导入历史。",
    ),
    "imports.field_kind": ("What the file holds", "文件内容"),
    "imports.field_file": ("File", "文件"),
    "imports.field_sheet": ("Excel sheet", "Excel 工作表"),
    "imports.sheet_hint": ("the first one", "默认第一个"),
    "imports.field_mapping": ("Headers to columns", "表头对应"),
    "imports.mapping_hint": ("e.g. 客户号 = customer_id", "例如 客户号 = customer_id"),
    "imports.upload": ("Upload and check", "上传并检查"),
    "imports.waiting": ("Checked, waiting to be imported", "已检查、等待导入"),
    "imports.col_good": ("Would import", "可导入"),
    "imports.col_refused": ("Refused", "被拒绝"),
    "imports.col_by": ("Uploaded by", "上传人"),
    "imports.col_when": ("Uploaded (UTC)", "上传时间（UTC）"),
    "imports.history": ("Import history", "导入历史"),
    "imports.history_empty": ("Nothing has been imported yet.", "尚未导入任何数据。"),
    "imports.notice_discarded": (
        "The upload was discarded; nothing was imported.",
        "上传已丢弃，未导入任何数据。",
    ),
    "imports.preview_title": ("Check of {file}", "{file} 的检查结果"),
    "imports.preview_intro": (
        "Read as {kind}. Nothing is stored until you import.",
        "按「{kind}」读取。在您确认导入之前不会写入任何数据。",
    ),
    "imports.kpi_total": ("Rows read", "读取行数"),
    "imports.kpi_good": ("Rows to import", "可导入行数"),
    "imports.kpi_refused": ("Rows refused", "被拒绝行数"),
    "imports.kpi_duplicates": ("Repeats counted once", "重复行（只计一次）"),
    "imports.fact_encoding": ("Encoding", "编码"),
    "imports.fact_ignored": ("Columns ignored", "忽略的列"),
    "imports.fact_kept": ("Other columns, kept as attributes", "其他列（作为附加属性保存）"),
    "col.attributes": ("Attributes", "附加属性"),
    "col.referred_by": ("Referred by", "推荐人"),
    "imports.nothing_good": (
        "No row can be imported: fix the refused rows below in the file and upload it again.",
        "没有可以导入的行：请按下方被拒绝行的原因修改文件后重新上传。",
    ),
    "imports.some_refused": (
        "{good} rows can be imported; {refused} are refused and would be left out (listed "
        "below with the reason: fix them in the file and upload it again, or import the "
        "good rows now).",
        "{good} 行可导入；{refused} 行被拒绝，将不会导入（下方列出原因：可修改文件后重新上传，或现在先导入正确的行）。",
    ),
    "imports.all_good": ("All {good} rows can be imported.", "全部 {good} 行均可导入。"),
    "imports.store_checks": (
        "Checked against the file. The import also checks against the store (an order of "
        "an unknown customer, a referral loop) and names any row it refuses then.",
        "以上为文件本身的检查。导入时还会与数据库核对（如未知客户的订单、循环推荐），届时被拒绝的行也会逐一列出。",
    ),
    "imports.commit": ("Import {n} rows", "导入 {n} 行"),
    "imports.discard": ("Discard", "丢弃"),
    "imports.discard_confirm": (
        "Discard this upload without importing it?",
        "确定丢弃此上传而不导入？",
    ),
    "imports.rejected_table": ("Refused rows", "被拒绝的行"),
    "imports.rejected_none": ("No row is refused.", "没有被拒绝的行。"),
    "imports.rejected_kept": (
        "The first {n} refused rows are listed.",
        "仅列出前 {n} 个被拒绝的行。",
    ),
    "imports.col_line": ("Line", "行号"),
    "imports.col_column": ("Column", "列"),
    "imports.col_value": ("Value", "值"),
    "imports.col_reason": ("Why, and how to fix it", "原因及修改方法"),
    "imports.headers_table": ("How the headers were read", "表头识别结果"),
    "imports.col_header": ("Header in the file", "文件中的表头"),
    "imports.col_as": ("Read as", "识别为"),
    "imports.sample_table": ("The first {n} rows to import", "前 {n} 行待导入数据"),
    "imports.sample_none": ("No row to show.", "没有可显示的行。"),
}
