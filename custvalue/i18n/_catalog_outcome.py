"""Messages of what the store holds when a command stops early (Ctrl-C, an error) and of
imports that meet another import (custvalue/data/journal.py, custvalue/data/writer.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "outcome.interrupted": ("Interrupted.", "已中断。"),
    "outcome.interrupted_start": (
        "Interrupted while starting; nothing was done.",
        "启动时被中断；未执行任何操作。",
    ),
    "outcome.nothing_written": (
        "Nothing was written to the store.",
        "没有向数据库写入任何数据。",
    ),
    "outcome.rolled_back": (
        "The import of {files} was rolled back: nothing from it is stored in {db}.",
        "{files} 的导入已回滚：数据库 {db} 中没有保存它的任何数据。",
    ),
    "outcome.rolled_back_checked": (
        "The import of {files} was rolled back: nothing from it is stored in {db} "
        "(import {ids} is not in its imports table).",
        "{files} 的导入已回滚：数据库 {db} 中没有保存它的任何数据（imports 表中没有导入 {ids}）。",
    ),
    "outcome.stored": (
        "Import {ids} of {files} was committed before the command stopped and is kept in "
        "{db}: {imported} new row(s), {updated} updated (see custvalue imports); importing "
        "the file again adds nothing.",
        "导入 {ids}（{files}）在命令停止前已提交，保留在数据库 {db} 中：新增 {imported} 行，"
        "更新 {updated} 行（见 custvalue imports）；重新导入该文件不会重复添加。",
    ),
    "outcome.unknown": (
        "Whether import {ids} of {files} is stored in {db} could not be checked "
        "({detail}); run custvalue imports to see. Importing the file again stores only "
        "what is missing.",
        "无法核对导入 {ids}（{files}）是否已保存在数据库 {db} 中（{detail}）；请运行 "
        "custvalue imports 查看。重新导入该文件只会补上缺少的数据。",
    ),
    "outcome.write_kept": (
        "A change this command committed to {db} before it stopped is kept.",
        "本命令在停止前已提交到数据库 {db} 的更改会保留。",
    ),
    "outcome.write_rolled_back": (
        "An unfinished change to {db} was rolled back.",
        "对数据库 {db} 未完成的更改已回滚。",
    ),
    "outcome.write_unknown": (
        "A change to {db} was being committed when the command stopped; whether it is "
        "stored is not known.",
        "命令停止时，对数据库 {db} 的一项更改正在提交；无法确定它是否已保存。",
    ),
    "cli.opt_wait": (
        "Seconds to wait for another import on the store (or another process holding the "
        "DuckDB file) to finish; default 0: refuse at once.",
        "等待数据库上另一个导入（或占用该 DuckDB 文件的其他进程）完成的秒数；默认 0：立即拒绝。",
    ),
    "store.import_busy": (
        "another import is running on the database {db}; nothing was written. Wait for it "
        "to finish and import again, or use --wait SECONDS to wait for it.",
        "数据库 {db} 上正在进行另一个导入；没有写入任何数据。请等它完成后重新导入，"
        "或用 --wait 秒数 等待它完成。",
    ),
    "store.import_busy_waited": (
        "another import was still running on the database {db} after waiting {seconds} s; "
        "nothing was written. Import again when it has finished, or wait longer with "
        "--wait SECONDS.",
        "等待 {seconds} 秒后，数据库 {db} 上的另一个导入仍在进行；没有写入任何数据。"
        "请在它完成后重新导入，或用 --wait 秒数 等待更久。",
    ),
    "db.locked_waited": (
        "The database file {path} was still in use by another process after waiting "
        "{seconds} s; nothing was written. Close that program and retry, or wait longer "
        "with --wait SECONDS.",
        "等待 {seconds} 秒后，数据库文件 {path} 仍被另一个进程占用；没有写入任何数据。"
        "请关闭该程序后重试，或用 --wait 秒数 等待更久。",
    ),
    "store.commit_unknown": (
        "the store {db} reported an error while committing import {ids} ({detail}), and "
        "whether the import is stored could not be checked. Run custvalue imports to see; "
        "importing the file again stores only what is missing.",
        "数据库 {db} 在提交导入 {ids} 时报错（{detail}），且无法核对该导入是否已保存。"
        "请运行 custvalue imports 查看；重新导入该文件只会补上缺少的数据。",
    ),
    "store.commit_error_kept": (
        "the store {db} reported an error while committing import {ids} ({detail}), but "
        "the import is stored (checked in its imports table); importing the file again "
        "adds nothing.",
        "数据库 {db} 在提交导入 {ids} 时报错（{detail}），但该导入已保存（已在 imports "
        "表中核对）；重新导入该文件不会重复添加。",
    ),
}
