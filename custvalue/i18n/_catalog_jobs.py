"""Jobs and the worker: states, errors, ``custvalue worker``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "job.not_found": ("There is no job {job_id}.", "没有编号为 {job_id} 的任务。"),
    "job.bad_params": (
        "The job's parameter {option!r} is not one this kind of job takes or has a wrong "
        "value: give the parameters its form or command names.",
        "任务参数 {option!r} 不被此类任务接受或取值有误：请按表单或命令给出的参数提交。",
    ),
    "job.no_file": (
        "The file {file!r} to import does not exist (any more): upload it again.",
        "要导入的文件 {file!r} 不存在（或已删除）：请重新上传。",
    ),
    "job.not_queued": (
        "Job {job_id} is {state} already: only a job still waiting can be cancelled.",
        "任务 {job_id} 已处于「{state}」状态：只能取消仍在排队的任务。",
    ),
    "job.worker_stopped": (
        "The worker running this job stopped before it ended (no heartbeat for 2 minutes); "
        "it was not run again, so nothing is done twice: check the store and submit it anew.",
        "执行此任务的工作进程在任务完成前停止（2 分钟无心跳）；为避免重复写入，任务未被重新执行："
        "请检查数据库后重新提交。",
    ),
    "job.unexpected": (
        "Job {job_id} failed on an unexpected error; the server's log has the details.",
        "任务 {job_id} 因意外错误失败；详情见服务器日志。",
    ),
    "job.state_queued": ("queued", "排队中"),
    "job.state_running": ("running", "运行中"),
    "job.state_done": ("done", "已完成"),
    "job.state_failed": ("failed", "失败"),
    "job.state_cancelled": ("cancelled", "已取消"),
    "job.kind_import": ("import", "导入"),
    "job.kind_snapshot": ("snapshot refresh", "快照刷新"),
    "job.kind_clv_score": ("CLV scoring", "CLV 评分"),
    "job.kind_clv_validate": ("CLV validation", "CLV 验证"),
    "job.kind_choice_fit": ("Choice model fit", "选择模型拟合"),
    "job.worker_duckdb": (
        "A separate worker cannot run on the DuckDB file {url}: DuckDB allows one writing "
        "process per file (the single-writer rule), and `custvalue serve` runs the worker "
        "of that file itself. Use `custvalue serve`, or a PostgreSQL store for several "
        "workers.",
        "不能在 DuckDB 文件 {url} 上单独运行工作进程：DuckDB 每个文件只允许一个写入进程"
        "（单写入者规则），该文件的工作进程由 `custvalue serve` 自行运行。请使用 "
        "`custvalue serve`，或改用 PostgreSQL 数据库以运行多个工作进程。",
    ),
    "cli.worker_help": (
        "Run jobs (imports, fits, refreshes) of a PostgreSQL store beside `custvalue serve`; "
        "several may run. A DuckDB file's jobs are run by `custvalue serve` itself.",
        "在 `custvalue serve` 之外运行 PostgreSQL 数据库的任务（导入、拟合、刷新），可同时运行多个。"
        "DuckDB 文件的任务由 `custvalue serve` 自行运行。",
    ),
    "cli.worker_opt_poll": (
        "Seconds to wait before looking again when no job is queued.",
        "无排队任务时，再次查看前等待的秒数。",
    ),
    "cli.worker_started": (
        "Worker {name} is running jobs; press Ctrl-C to stop it after the job it runs.",
        "工作进程 {name} 正在运行任务；按 Ctrl-C 可在当前任务结束后停止。",
    ),
    "cli.worker_stopping": (
        "Stopping after the job in progress…",
        "当前任务结束后停止……",
    ),
    "cli.serve_worker": (
        "A worker runs the jobs of this store in this process (imports, fits, refreshes).",
        "本进程中的工作线程负责运行此数据库的任务（导入、拟合、刷新）。",
    ),
}
