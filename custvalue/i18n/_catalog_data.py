"""Messages of the data layer: the one import writer, frames, declared kinds, and the safe
edges of ``--db`` and file reading."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.write_failed": (
        "the store {db} refused the import ({detail}); nothing was written. Check that the "
        "database is not used by another program and is not damaged, then import again.",
        "数据库 {db} "
        "拒绝了本次导入（{detail}）；没有写入任何数据。请确认数据库没有被其他程序占用且未"
        "损坏，然后重新导入。",
    ),
    "store.count_mismatch": (
        "the store holds {found} row(s) of this import in {table} but {expected} were "
        "written; nothing was kept. Import again; if it repeats, the database may be damaged.",
        "本次导入在表 {table} 中写入了 {expected} 行，但数据库中只有 "
        "{found} 行；没有保留任何数据。请重新导入；如果再次出现，数据库可能已损坏。",
    ),
    "db.unsupported_scheme": (
        "Cannot use database URL {url!r}: only DuckDB files ({suffixes}, or "
        "duckdb:///path/file.db) and PostgreSQL (postgresql+psycopg://user@host:port/dbname) "
        "are supported.",
        "无法使用数据库地址 {url!r}：只支持 DuckDB "
        "文件（{suffixes}，或 duckdb:///路径/文件.db）和 "
        "PostgreSQL（postgresql+psycopg://用户@主机:端口/库名）"
        "。",
    ),
    "db.not_a_db_name": (
        "--db {path}: not a database file name ('{suffix}'). A new database file must end in "
        "{suffixes}, e.g. --db custvalue.db; to import a file use custvalue import KIND FILE.",
        "--db {path}：不是数据库文件名（“{suffix}”）。新建的数据库文件名必须"
        "以 {suffixes} 结尾，例如 --db "
        "custvalue.db；导入数据文件请用 custvalue import 类型 "
        "文件。",
    ),
    "db.not_duckdb": (
        "--db {path}: this file exists but is not a custvalue (DuckDB) database; nothing was "
        "opened. Name a database file ({suffixes}); to import this file use custvalue import "
        "KIND {path}.",
        "--db {path}：该文件已存在，但不是 "
        "custvalue（DuckDB）数据库；没有打开任何数据库。请指定数据库文件（{suf"
        "fixes}）；导入该文件请用 custvalue import 类型 {path}。",
    ),
    "db.is_folder": (
        "--db {path}: is a folder; name a database file in it, e.g. {path}/custvalue.db.",
        "--db {path}：这是一个文件夹；请指定其中的数据库文件，例如 {path}/custvalue.db。",
    ),
    "db.folder_missing": (
        "--db {path}: the folder {folder} does not exist; create it first or choose another path.",
        "--db {path}：文件夹 {folder} 不存在；请先创建该文件夹或换一个路径。",
    ),
    "kinds.incomplete_spec": (
        "table kind {kind}: a declared kind needs a name, a store table and a natural key.",
        "表类型 {kind}：声明的类型必须有名称、存储表和自然键。",
    ),
    "frames.bad_attributes": (
        "a customers frame's attributes must be JSON objects as text, e.g. "
        '{{"city": "南京"}}; found {value!r}.',
        '客户数据的 attributes 列必须是 JSON 对象文本，例如 {{"city": "南京"}}；收到 {value!r}。',
    ),
}
