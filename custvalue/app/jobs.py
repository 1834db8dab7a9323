"""Long work as jobs: recorded in the store, run by a worker (docs/web.md §4).

A front submits a job (:func:`submit`: the kind and its parameters are checked at once, the
submission is audited) and shows it (:func:`get_job`, :func:`list_jobs`); a worker
(:class:`Worker`, or :func:`run_one` for one job) claims the oldest queued job, runs it and
records its progress, its result or its error.

* Each kind names its runner in :data:`KINDS` as ``"module:function"``, imported only when
  a job of that kind runs. A runner is ``run(db, params, progress) -> dict``: ``db`` is a
  connection of its own, ``progress(fraction)`` reports 0–1, the dict is the job's result.
  A kind may name a checker in :data:`CHECKS` (``check(params) -> params``) that
  :func:`submit` calls, so a bad job is refused before it is queued.
* PostgreSQL: :func:`claim` takes a job with ``FOR UPDATE SKIP LOCKED``, so each job runs
  once however many workers there are. DuckDB: one process writes a file (the single-writer
  rule), so the server's own worker is the only one; ``custvalue worker`` refuses DuckDB.
* Progress and the heartbeat go through a second connection (the worker's control
  connection), so they are seen while the runner's transaction is still open; progress is
  written at most every :data:`PROGRESS_EVERY` seconds.
* A running job whose heartbeat is older than :data:`STALE_AFTER` is marked failed
  (``job.worker_stopped``) by the next claim, never run again silently.
* A :class:`~custvalue.exceptions.CustValueError` in a runner fails the job with that
  error; any other exception fails it with ``job.unexpected`` (and is logged): the worker
  goes on with the next job.

Times are naive UTC (:func:`custvalue.app.users.utcnow`).
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from custvalue._validation import check_choice, check_number
from custvalue.app.users import audit, utcnow
from custvalue.exceptions import CustValueError, DataValidationError, NotFoundError

if TYPE_CHECKING:
    from custvalue.app.users import User
    from custvalue.data.db import Database

__all__ = [
    "CHECKS",
    "KINDS",
    "PROGRESS_EVERY",
    "STALE_AFTER",
    "STATES",
    "Job",
    "Runner",
    "Worker",
    "cancel",
    "check_worker_store",
    "claim",
    "count_jobs",
    "get_job",
    "kind_label",
    "list_jobs",
    "reap",
    "run_one",
    "start_worker",
    "state_label",
    "submit",
    "watch_snapshots",
]

log = logging.getLogger(__name__)

State = Literal["queued", "running", "done", "failed", "cancelled"]
STATES: tuple[State, ...] = ("queued", "running", "done", "failed", "cancelled")
#: a running job whose heartbeat is older than this has lost its worker
STALE_AFTER = timedelta(minutes=2)
#: seconds between two progress writes of one job (the last one is always written)
PROGRESS_EVERY = 0.25
#: seconds between two heartbeats of a running job
HEARTBEAT_EVERY = 20.0

Runner = Callable[["Database", dict[str, Any], Callable[[float], None]], dict[str, Any]]

#: kind -> "module:function" of its runner, imported when a job of that kind runs
KINDS: dict[str, str] = {
    "import": "custvalue.app.imports:run_import_job",
    "snapshot": "custvalue.app.snapshots:run_refresh_job",
    "clv_score": "custvalue.app.clv:run_score_job",
    "clv_validate": "custvalue.app.clv:run_validate_job",
    "choice_fit": "custvalue.app.choice:run_fit_job",
}
#: kind -> "module:function" checking a job's parameters before it is queued
CHECKS: dict[str, str] = {
    "import": "custvalue.app.imports:check_import_job",
    "clv_score": "custvalue.app.clv:check_score_job",
    "clv_validate": "custvalue.app.clv:check_validate_job",
    "choice_fit": "custvalue.app.choice:check_fit_job",
}
#: kinds whose success changes what the snapshot holds: a refresh is queued after them
REFRESH_AFTER = ("import", "clv_score")

_COLUMNS = (
    "job_id, kind, params, created_by, created_by_name, created_at, started_at, finished_at,"
    " state, progress, message, result, error, worker, heartbeat"
)


@dataclass(frozen=True)
class Job:
    """One job as the store holds it."""

    job_id: int
    kind: str
    params: dict[str, Any]
    created_by: int | None
    created_by_name: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    state: State
    progress: float
    message: str | None
    result: dict[str, Any] | None
    error: dict[str, Any] | None
    worker: str | None
    heartbeat: datetime | None

    @property
    def finished(self) -> bool:
        """Whether the job has ended (done, failed or cancelled)."""
        return self.state in ("done", "failed", "cancelled")

    def error_message(self, lang: str | None = None) -> str | None:
        """The error in ``lang`` (rendered from its code and parameters), if it failed."""
        if not self.error:
            return None
        from custvalue.i18n import get_lang, t

        rendered = (self.error.get("messages") or {}).get(get_lang(lang))
        if rendered:
            return str(rendered)
        params = self.error.get("params") or {}
        try:
            return t(str(self.error["code"]), lang=lang, **params)
        except Exception:  # noqa: BLE001 - an old code no longer in the catalogs
            return str(self.error.get("message") or self.error["code"])

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready description; the error as ``CustValueError.to_dict()`` gives it."""
        error: dict[str, Any] | None = None
        if self.error:
            error = {
                "code": self.error["code"],
                "message": self.error_message(lang),
                **(self.error.get("params") or {}),
            }

        def when(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "job_id": self.job_id,
            "kind": self.kind,
            "params": self.params,
            "created_by": self.created_by,
            "created_by_name": self.created_by_name,
            "created_at": self.created_at.isoformat(),
            "started_at": when(self.started_at),
            "finished_at": when(self.finished_at),
            "state": self.state,
            "progress": self.progress,
            "message": self.message,
            "result": self.result,
            "error": error,
            "worker": self.worker,
            "heartbeat": when(self.heartbeat),
        }


def state_label(state: str, lang: str | None = None) -> str:
    """A job's state as a user reads it (never the stored value)."""
    from custvalue.i18n import t

    return t("job.state_" + check_choice("state", state, STATES), lang=lang)


def kind_label(kind: str, lang: str | None = None) -> str:
    """A job's kind as a user reads it; a kind without a label shows as it is named."""
    from custvalue.i18n import has_key, t

    key = "job.kind_" + kind
    return t(key, lang=lang) if has_key(key) else kind


def _job(row: tuple[Any, ...]) -> Job:
    def loaded(text: str | None) -> Any:
        return json.loads(text) if text else None

    return Job(
        job_id=int(row[0]),
        kind=row[1],
        params=loaded(row[2]) or {},
        created_by=None if row[3] is None else int(row[3]),
        created_by_name=row[4],
        created_at=row[5],
        started_at=row[6],
        finished_at=row[7],
        state=row[8],
        progress=float(row[9]),
        message=row[10],
        result=loaded(row[11]),
        error=loaded(row[12]),
        worker=row[13],
        heartbeat=row[14],
    )


def _load(target: str) -> Callable[..., Any]:
    module, _, function = target.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def _json(value: Any, name: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise DataValidationError("job.bad_params", option=name) from exc


def submit(
    db: Database,
    *,
    kind: str,
    params: dict[str, Any],
    by: User | None,
    now: datetime,
) -> Job:
    """Queue a job of ``kind``; its parameters are checked now (the kind's checker), so a
    job that cannot run is refused here with a clear error. Audited as ``job.submit``."""
    check_choice("kind", kind, sorted(KINDS))
    if not isinstance(params, dict):
        raise DataValidationError("job.bad_params", option="params")
    if kind in CHECKS:
        params = _load(CHECKS[kind])(params)
    text = _json(params, "params")
    with db.transaction():
        job_id = int(db.scalar("SELECT nextval('jobs_seq')"))
        db.execute(
            f"INSERT INTO jobs ({_COLUMNS}) VALUES"
            " (?, ?, ?, ?, ?, ?, NULL, NULL, 'queued', 0, NULL, NULL, NULL, NULL, NULL)",
            (job_id, kind, text, by.user_id if by else None, by.name if by else None, now),
        )
        audit(
            db, action="job.submit", by=by, target=f"job:{job_id}", details={"kind": kind}, now=now
        )
    return get_job(db, job_id=job_id)


def get_job(db: Database, *, job_id: int) -> Job:
    """The job ``job_id``; :class:`NotFoundError` (``job.not_found``) if there is none."""
    rows = db.fetchall(f"SELECT {_COLUMNS} FROM jobs WHERE job_id = ?", (int(job_id),))
    if not rows:
        raise NotFoundError("job.not_found", job_id=job_id)
    return _job(rows[0])


def list_jobs(db: Database, *, limit: int = 50, before: int | None = None) -> list[Job]:
    """The newest jobs first, ``limit`` of them (1–1000) with ids below ``before``."""
    limit = int(check_number("limit", limit, minimum=1, maximum=1000, integer=True))
    rows = db.fetchall(
        f"SELECT {_COLUMNS} FROM jobs WHERE job_id < ? ORDER BY job_id DESC LIMIT ?",
        (before if before is not None else 2**62, limit),
    )
    return [_job(row) for row in rows]


def count_jobs(db: Database) -> int:
    """How many jobs the store holds."""
    return int(db.scalar("SELECT COUNT(*) FROM jobs") or 0)


def cancel(db: Database, *, job_id: int, by: User | None, now: datetime) -> Job:
    """Cancel a queued job (a running one cannot be stopped half-way: its transaction
    decides). ``job.not_queued`` if it has started or ended. Audited as ``job.cancel``."""
    job = get_job(db, job_id=job_id)
    with db.transaction():
        changed = db.fetchall(
            "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE job_id = ?"
            " AND state = 'queued' RETURNING job_id",
            (now, job.job_id),
        )
        if not changed:  # started, ended or cancelled already (by anyone)
            state = get_job(db, job_id=job.job_id).state
            raise DataValidationError("job.not_queued", job_id=job.job_id, state=state_label(state))
        audit(db, action="job.cancel", by=by, target=f"job:{job.job_id}", now=now)
    return get_job(db, job_id=job.job_id)


def reap(db: Database, *, now: datetime) -> int:
    """Mark failed (``job.worker_stopped``) every running job whose heartbeat is older than
    :data:`STALE_AFTER`: its worker has stopped, and running it again could do its writes
    twice. Returns how many were marked."""
    limit = now - STALE_AFTER
    stale = db.fetchall(
        "SELECT job_id FROM jobs WHERE state = 'running' AND heartbeat < ?", (limit,)
    )
    error = json.dumps({"code": "job.worker_stopped", "params": {}})
    for (job_id,) in stale:
        db.execute(
            "UPDATE jobs SET state = 'failed', finished_at = ?, error = ? WHERE job_id = ?"
            " AND state = 'running' AND heartbeat < ?",
            (now, error, int(job_id), limit),
        )
    return len(stale)


def claim(db: Database, *, worker: str, now: datetime) -> Job | None:
    """Take the oldest queued job for ``worker`` (state running), or ``None``.

    PostgreSQL locks the chosen row with ``FOR UPDATE SKIP LOCKED``: two workers never
    take the same job. DuckDB has one writing process (the server's worker); the
    ``state = 'queued'`` condition still keeps a job from being taken twice."""
    reap(db, now=now)
    if db.dialect == "postgresql":
        rows = db.fetchall(
            "UPDATE jobs SET state = 'running', worker = ?, started_at = ?, heartbeat = ?"
            " WHERE job_id = (SELECT job_id FROM jobs WHERE state = 'queued'"
            " ORDER BY job_id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING job_id",
            (worker, now, now),
        )
    else:
        rows = db.fetchall(
            "UPDATE jobs SET state = 'running', worker = ?, started_at = ?, heartbeat = ?"
            " WHERE state = 'queued' AND job_id = (SELECT MIN(job_id) FROM jobs"
            " WHERE state = 'queued') RETURNING job_id",
            (worker, now, now),
        )
    if not rows:
        return None
    return get_job(db, job_id=int(rows[0][0]))


class _Control:
    """The worker's own connection for progress and heartbeats, shared by the runner's
    thread and the heartbeat thread under a lock; progress writes are throttled."""

    def __init__(self, db: Database, job_id: int, now: Callable[[], datetime]) -> None:
        self.db = db
        self.job_id = job_id
        self.now = now
        self.lock = threading.Lock()
        self.last = 0.0

    def progress(self, fraction: float, *, force: bool = False) -> None:
        value = min(max(float(fraction), 0.0), 1.0) if fraction == fraction else 0.0
        moment = time.monotonic()
        if not force and moment - self.last < PROGRESS_EVERY:
            return
        self.last = moment
        with self.lock:
            self.db.execute(
                "UPDATE jobs SET progress = ?, heartbeat = ? WHERE job_id = ?"
                " AND state = 'running'",
                (value, self.now(), self.job_id),
            )

    def beat(self) -> None:
        with self.lock:
            self.db.execute(
                "UPDATE jobs SET heartbeat = ? WHERE job_id = ? AND state = 'running'",
                (self.now(), self.job_id),
            )

    def finish(
        self,
        state: State,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        with self.lock:
            self.db.execute(
                "UPDATE jobs SET state = ?, finished_at = ?, heartbeat = ?, result = ?,"
                " error = ?, progress = CASE WHEN ? THEN 1 ELSE progress END"
                " WHERE job_id = ? AND state = 'running'",
                (
                    state,
                    self.now(),
                    self.now(),
                    None if result is None else json.dumps(result, ensure_ascii=False, default=str),
                    None if error is None else json.dumps(error, ensure_ascii=False, default=str),
                    state == "done",
                    self.job_id,
                ),
            )


def _error_of(exc: CustValueError) -> dict[str, Any]:
    params = {
        key: value if isinstance(value, (int, float, str, bool, type(None))) else str(value)
        for key, value in exc.params.items()
    }
    # the message in both languages as the error renders it (some, such as a table's bad
    # rows, say more than their parameters hold), so a reader in either sees it whole
    messages = {lang: exc.message(lang) for lang in ("en", "zh")}
    return {"code": exc.code, "params": params, "messages": messages}


def run_one(
    db_factory: Callable[[], Database],
    *,
    worker: str,
    now: Callable[[], datetime] = utcnow,
    heartbeat_every: float = HEARTBEAT_EVERY,
) -> bool:
    """Claim one job and run it to its end; ``False`` when no job was waiting.

    ``db_factory`` opens a connection (two are used: the runner's and the control one for
    progress, heartbeats and the outcome). The job's end is always recorded: done with the
    runner's result, or failed with its error; the worker itself never raises for a job."""
    control_db = db_factory()
    try:
        job = claim(control_db, worker=worker, now=now())
        if job is None:
            return False
        control = _Control(control_db, job.job_id, now)
        stop = threading.Event()

        def beating() -> None:
            while not stop.wait(heartbeat_every):
                try:
                    control.beat()
                except Exception:  # noqa: BLE001 - a missed beat is retried next time
                    log.exception("heartbeat of job %s failed", job.job_id)

        beater = threading.Thread(target=beating, name=f"{worker}-heartbeat", daemon=True)
        beater.start()
        try:
            outcome = _run(db_factory, job, control)
        finally:
            stop.set()
            beater.join()
        state, result, error = outcome
        control.finish(state, result=result, error=error)
        if outcome[0] == "done":
            _follow_up(control_db, job, now())
        return True
    finally:
        control_db.close()


def _run(
    db_factory: Callable[[], Database], job: Job, control: _Control
) -> tuple[State, dict[str, Any] | None, dict[str, Any] | None]:
    try:
        runner: Runner = _load(KINDS[job.kind])
        work = db_factory()
        try:
            result = runner(work, dict(job.params), control.progress)
        finally:
            work.close()
    except CustValueError as exc:
        return "failed", None, _error_of(exc)
    except Exception:  # noqa: BLE001 - recorded as the job's error; the worker goes on
        log.exception("job %s (%s) failed unexpectedly", job.job_id, job.kind)
        return "failed", None, {"code": "job.unexpected", "params": {"job_id": job.job_id}}
    return "done", dict(result or {}), None


def _follow_up(db: Database, job: Job, now: datetime) -> None:
    """After a successful import or scoring run, queue a refresh of the snapshots."""
    if job.kind in REFRESH_AFTER:
        try:
            submit(db, kind="snapshot", params={"after_job": job.job_id}, by=None, now=now)
        except CustValueError:
            log.exception("could not queue the snapshot refresh after job %s", job.job_id)


def watch_snapshots(db: Database, *, now: datetime, seen: object = None) -> object:
    """Queue a snapshot refresh when the store holds imports or a CLV run the ready
    snapshot does not (an import from the command line, a fit by ``custvalue clv score``)
    and no refresh is queued or running. Returns the store's state as last seen: given
    back as ``seen``, the same state is not queued twice, so a refresh that failed is not
    retried in a loop (a new import or fit changes the state)."""
    from custvalue.app.snapshots import freshness

    fresh = freshness(db)
    state = (fresh.imports_total, fresh.clv_run_since, fresh.snapshot_id)
    if state == seen or fresh.imports_total == 0 or not fresh.stale:
        return state
    pending = db.scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'snapshot' AND state IN ('queued', 'running')"
    )
    if not pending:
        submit(db, kind="snapshot", params={}, by=None, now=now)
    return state


class Worker(threading.Thread):
    """A thread that runs jobs until :meth:`stop`: it claims a job, runs it, and waits
    ``poll`` seconds when none is queued. Errors of the store (a lost connection) are
    logged and retried after ``poll``; they never end the thread. When idle it looks every
    ``watch`` seconds whether the snapshots have fallen behind the store
    (:func:`watch_snapshots`; ``watch=None`` never looks)."""

    def __init__(
        self,
        db_factory: Callable[[], Database],
        *,
        name: str = "worker",
        poll: float = 1.0,
        heartbeat_every: float = HEARTBEAT_EVERY,
        watch: float | None = 5.0,
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.db_factory = db_factory
        self.poll = poll
        self.heartbeat_every = heartbeat_every
        self.watch = watch
        self.stopping = threading.Event()
        self.ran = 0
        self._seen: object = None
        self._watched = 0.0

    def _watch(self) -> None:
        if self.watch is None or time.monotonic() - self._watched < self.watch:
            return
        self._watched = time.monotonic()
        db = self.db_factory()
        try:
            self._seen = watch_snapshots(db, now=utcnow(), seen=self._seen)
        finally:
            db.close()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                ran = run_one(
                    self.db_factory, worker=self.name, heartbeat_every=self.heartbeat_every
                )
            except Exception:  # noqa: BLE001 - the worker outlives a store that is away
                log.exception("worker %s could not take a job", self.name)
                ran = False
            if ran:
                self.ran += 1
                continue
            try:
                self._watch()
            except Exception:  # noqa: BLE001 - looked at again after the next wait
                log.exception("worker %s could not look at the snapshots", self.name)
            self.stopping.wait(self.poll)

    def stop(self, timeout: float | None = None) -> None:
        """Ask the thread to stop after the job it runs, and wait for it."""
        self.stopping.set()
        if self.is_alive():
            self.join(timeout)


def check_worker_store(url: str | None) -> str:
    """The resolved URL of a store a separate worker may run on, its schema brought up to
    date. A DuckDB store is refused (``job.worker_duckdb``) before it is opened: one
    process writes a DuckDB file, and ``custvalue serve`` runs that file's worker itself."""
    from custvalue.data.db import connect, dialect_of, resolve_url
    from custvalue.exceptions import DatabaseError

    resolved = resolve_url(url)
    if dialect_of(resolved) == "duckdb":
        raise DatabaseError("job.worker_duckdb", url=resolved)
    connect(resolved).close()
    return resolved


def start_worker(url: str, *, name: str, poll: float = 1.0, watch: float | None = 5.0) -> Worker:
    """A started :class:`Worker` on the store at ``url`` (its connections are opened per
    job, without migrating: the caller has opened the store once already)."""
    from custvalue.data.db import connect

    worker = Worker(lambda: connect(url, migrate=False), name=name, poll=poll, watch=watch)
    worker.start()
    return worker
