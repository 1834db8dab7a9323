"""Messages of the data layer added with the one import writer, the frame importer and the
safe edges of ``--db`` and file reading."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.write_failed": (
        "the store {db} refused the import ({detail}); nothing was written. Check that the "
        "database is not used by another program and is not damaged, then import again.",
        "数据库 {db} 拒绝了本次导入（{detail}）；没有写入任何数据。请确认数据库没有被其他程序"
        "占用且未损坏，然后重新导入。",
    ),
    "store.count_mismatch": (
        "the store holds {found} row(s) of this import in {table} but {expected} were "
        "written; nothing was kept. Import again; if it repeats, the database may be damaged.",
        "本次导入在表 {table} 中写入了 {expected} 行，但数据库中只有 {found} 行；没有保留任何"
        "数据。请重新导入；如果再次出现，数据库可能已损坏。",
    ),
}
