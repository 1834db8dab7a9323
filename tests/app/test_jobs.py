"""app.jobs: submitting, claiming (once, with racing workers), running, failing, reaping."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from custvalue.app import jobs
from custvalue.app.users import list_audit
from custvalue.data.db import Database, connect
from custvalue.exceptions import DataValidationError, NotFoundError
from tests.app.conftest import json_ready

T0 = datetime(2026, 12, 1, 9, 0, 0)


# -- runners the tests register (a job names its runner as "module:function") ------------
def echo_runner(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    progress(0.5)
    return {"echo": params["value"], "customers": int(db.scalar("SELECT COUNT(*) FROM customers"))}


def refusing_runner(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    raise DataValidationError("job.bad_params", option="value")


def crashing_runner(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    return {"ratio": 1 // int(params["value"])}


def progress_runner(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    """Reports twice in a row: the second write comes too soon and is dropped."""
    job_id = int(params["job_id_query"] and db.scalar("SELECT MAX(job_id) FROM jobs"))
    seen = []
    progress(0.3)
    seen.append(float(db.scalar("SELECT progress FROM jobs WHERE job_id = ?", (job_id,))))
    progress(0.6)
    seen.append(float(db.scalar("SELECT progress FROM jobs WHERE job_id = ?", (job_id,))))
    time.sleep(jobs.PROGRESS_EVERY + 0.05)
    progress(0.9)
    seen.append(float(db.scalar("SELECT progress FROM jobs WHERE job_id = ?", (job_id,))))
    return {"seen": seen}


@pytest.fixture
def kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("echo", "refusing", "crashing", "progress"):
        monkeypatch.setitem(jobs.KINDS, name, f"tests.app.test_jobs:{name}_runner")


def factory(db: Database) -> Callable[[], Database]:
    return lambda: connect(db.url)


def test_a_submitted_job_is_queued_and_audited(db: Database, kinds: None) -> None:
    job = jobs.submit(db, kind="echo", params={"value": "x"}, by=None, now=T0)
    assert (job.state, job.progress, job.params, job.created_at) == (
        "queued",
        0.0,
        {"value": "x"},
        T0,
    )
    assert jobs.get_job(db, job_id=job.job_id) == job
    assert [j.job_id for j in jobs.list_jobs(db)] == [job.job_id]
    document = json_ready(job.to_dict())
    assert document["state"] == "queued" and document["error"] is None
    assert document["created_at"] == "2026-12-01T09:00:00"
    entry = list_audit(db)[0]
    assert (entry.action, entry.target, entry.details) == (
        "job.submit",
        f"job:{job.job_id}",
        {"kind": "echo"},
    )


def test_bad_submissions_are_refused_before_anything_is_queued(
    db: Database, kinds: None, tmp_path: Path
) -> None:
    with pytest.raises(DataValidationError, match="kind") as raised:
        jobs.submit(db, kind="nothing", params={}, by=None, now=T0)
    assert raised.value.code == "validation.choice"
    with pytest.raises(DataValidationError) as raised:
        jobs.submit(db, kind="echo", params={"value": float("nan")}, by=None, now=T0)
    assert raised.value.code == "job.bad_params"
    with pytest.raises(DataValidationError) as raised:
        jobs.submit(
            db,
            kind="import",
            params={"kind": "orders", "file": str(tmp_path / "no.csv")},
            by=None,
            now=T0,
        )
    assert raised.value.code == "job.no_file"
    assert (
        raised.value.message("zh")
        == f"要导入的文件 {str(tmp_path / 'no.csv')!r} 不存在（或已删除）：请重新上传。"
    )
    path = tmp_path / "c.csv"
    path.write_text("customer_id\nC1\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        jobs.submit(
            db,
            kind="import",
            params={"kind": "customers", "file": str(path), "strict": True},
            by=None,
            now=T0,
        )
    assert raised.value.code == "job.bad_params" and raised.value.params["option"] == "strict"
    with pytest.raises(DataValidationError) as raised:
        jobs.submit(
            db, kind="import", params={"kind": "people", "file": str(path)}, by=None, now=T0
        )
    assert raised.value.code == "validation.choice"
    assert jobs.count_jobs(db) == 0


def test_an_unknown_job_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError) as raised:
        jobs.get_job(db, job_id=42)
    assert raised.value.code == "job.not_found"
    assert raised.value.message("en") == "There is no job 42."


def test_a_job_runs_once_and_records_its_result(db: Database, kinds: None) -> None:
    job = jobs.submit(db, kind="echo", params={"value": "x"}, by=None, now=T0)
    assert jobs.run_one(factory(db), worker="w1", now=lambda: T0 + timedelta(seconds=5)) is True
    done = jobs.get_job(db, job_id=job.job_id)
    assert (done.state, done.progress, done.result, done.error) == (
        "done",
        1.0,
        {"echo": "x", "customers": 0},
        None,
    )
    assert (done.worker, done.started_at, done.finished_at) == (
        "w1",
        T0 + timedelta(seconds=5),
        T0 + timedelta(seconds=5),
    )
    assert jobs.run_one(factory(db), worker="w1") is False  # nothing is left to run


def test_a_refused_job_fails_with_its_error_and_an_unexpected_one_generically(
    db: Database, kinds: None
) -> None:
    refused = jobs.submit(db, kind="refusing", params={}, by=None, now=T0)
    crashed = jobs.submit(db, kind="crashing", params={"value": 0}, by=None, now=T0)
    after = jobs.submit(db, kind="echo", params={"value": "still"}, by=None, now=T0)
    worker = jobs.Worker(factory(db), name="w", poll=0.05)
    worker.start()
    deadline = time.monotonic() + 30
    while worker.ran < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop(timeout=10)
    assert not worker.is_alive()
    first, second, third = (jobs.get_job(db, job_id=j.job_id) for j in (refused, crashed, after))
    assert first.state == "failed" and first.error is not None
    assert (first.error["code"], first.error["params"]) == ("job.bad_params", {"option": "value"})
    assert set(first.error["messages"]) == {"en", "zh"}
    assert first.to_dict("zh")["error"]["message"].startswith("任务参数 'value'")
    assert second.state == "failed" and second.error is not None
    assert second.error["code"] == "job.unexpected"
    assert (
        second.error_message("en")
        == f"Job {crashed.job_id} failed on an unexpected error; the server's log has the details."
    )
    assert (third.state, third.result) == ("done", {"echo": "still", "customers": 0})


def test_progress_is_seen_while_running_and_throttled(db: Database, kinds: None) -> None:
    job = jobs.submit(db, kind="progress", params={"job_id_query": True}, by=None, now=T0)
    jobs.run_one(factory(db), worker="w")
    done = jobs.get_job(db, job_id=job.job_id)
    assert done.state == "done"
    assert done.result == {"seen": [0.3, 0.3, 0.9]}  # 0.6 came too soon after 0.3


def test_a_job_whose_worker_stopped_is_failed_not_run_again(db: Database, kinds: None) -> None:
    job = jobs.submit(db, kind="echo", params={"value": "x"}, by=None, now=T0)
    taken = jobs.claim(db, worker="gone", now=T0)
    assert taken is not None and taken.state == "running"
    # a minute later another worker finds it running, with a fresh enough heartbeat
    assert jobs.claim(db, worker="w2", now=T0 + timedelta(minutes=1)) is None
    assert jobs.get_job(db, job_id=job.job_id).state == "running"
    # three minutes later the heartbeat is stale: failed, and still not taken again
    assert jobs.claim(db, worker="w2", now=T0 + timedelta(minutes=3)) is None
    stale = jobs.get_job(db, job_id=job.job_id)
    assert (stale.state, stale.worker) == ("failed", "gone")
    assert stale.error == {"code": "job.worker_stopped", "params": {}}
    assert stale.error_message("en") is not None and "2 minutes" in stale.error_message("en")  # type: ignore[operator]


def test_a_queued_job_can_be_cancelled_but_not_a_running_one(db: Database, kinds: None) -> None:
    first = jobs.submit(db, kind="echo", params={"value": 1}, by=None, now=T0)
    second = jobs.submit(db, kind="echo", params={"value": 2}, by=None, now=T0)
    assert jobs.cancel(db, job_id=second.job_id, by=None, now=T0).state == "cancelled"
    jobs.claim(db, worker="w", now=T0)
    with pytest.raises(DataValidationError) as raised:
        jobs.cancel(db, job_id=first.job_id, by=None, now=T0)
    assert raised.value.code == "job.not_queued"
    assert "is running already" in raised.value.message()
    with pytest.raises(DataValidationError):  # nor twice, nor audited twice
        jobs.cancel(db, job_id=second.job_id, by=None, now=T0)
    assert jobs.claim(db, worker="w", now=T0) is None  # the cancelled one is never run
    cancels = [e.action for e in list_audit(db) if e.action == "job.cancel"]
    assert cancels == ["job.cancel"]


def test_an_import_job_imports_the_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("customer_id,name\nC1,Ana\nC2,Bo\nC3,\n", encoding="utf-8")
    job = jobs.submit(
        db, kind="import", params={"kind": "customers", "file": str(path)}, by=None, now=T0
    )
    assert job.params == {"kind": "customers", "file": str(path), "sheet": None, "mapping": {}}
    assert jobs.run_one(factory(db), worker="w") is True
    done = jobs.get_job(db, job_id=job.job_id)
    assert done.state == "done", done.error
    assert done.result is not None and done.result["imported"] == 3
    assert db.scalar("SELECT COUNT(*) FROM customers") == 3
    assert db.scalar("SELECT COUNT(*) FROM imports") == 1
    # the import's success queues a snapshot refresh, which the next claim runs
    (refresh,) = [j for j in jobs.list_jobs(db) if j.kind == "snapshot"]
    assert (refresh.state, refresh.params) == ("queued", {"after_job": job.job_id})
    assert jobs.run_one(factory(db), worker="w") is True
    refreshed = jobs.get_job(db, job_id=refresh.job_id)
    assert refreshed.state == "done", refreshed.error
    assert refreshed.result is not None and refreshed.result["customers"] == 3
    assert db.scalar("SELECT customers FROM snapshots WHERE state = 'ready'") == 3
    assert jobs.run_one(factory(db), worker="w") is False  # a refresh queues nothing more


@pytest.mark.postgres
def test_racing_workers_take_each_job_exactly_once(pg_server: Any) -> None:
    url = pg_server.new_database()
    with connect(url) as db:
        for _n in range(40):
            jobs.submit(
                db, kind="import", params={"kind": "customers", "file": __file__}, by=None, now=T0
            )
    taken: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def work(name: str) -> None:
        mine: list[int] = []
        with connect(url) as db:
            start.wait()
            while (job := jobs.claim(db, worker=name, now=T0)) is not None:
                mine.append(job.job_id)
        taken[name] = mine

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(j for mine in taken.values() for j in mine)
    assert every == list(range(1, 41))  # all taken, none twice
    with connect(url) as db:
        workers = dict(db.fetchall("SELECT job_id, worker FROM jobs"))
    assert all(workers[j] == name for name, mine in taken.items() for j in mine)


def test_states_and_kinds_are_labelled_in_both_languages() -> None:
    assert [jobs.state_label(s, "en") for s in jobs.STATES] == [
        "queued",
        "running",
        "done",
        "failed",
        "cancelled",
    ]
    assert jobs.state_label("done", "zh") == "已完成"
    assert (jobs.kind_label("import", "zh"), jobs.kind_label("import", "en")) == ("导入", "import")
    assert jobs.kind_label("made_up", "en") == "made_up"
    with pytest.raises(DataValidationError):
        jobs.state_label("lost", "en")


def test_a_started_worker_runs_what_is_queued_and_stops(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("customer_id\nC1\nC2\n", encoding="utf-8")
    job = jobs.submit(
        db, kind="import", params={"kind": "customers", "file": str(path)}, by=None, now=T0
    )
    worker = jobs.start_worker(db.url, name="serve-test", poll=0.05)
    deadline = time.monotonic() + 30
    while jobs.get_job(db, job_id=job.job_id).state != "done" and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop(timeout=10)
    assert not worker.is_alive()
    done = jobs.get_job(db, job_id=job.job_id)
    assert (done.state, done.worker) == ("done", "serve-test")
    assert db.scalar("SELECT COUNT(*) FROM customers") == 2


def test_a_separate_worker_is_refused_on_duckdb_only(tmp_path: Path, pg_server: Any) -> None:
    with pytest.raises(Exception) as raised:
        jobs.check_worker_store(str(tmp_path / "s.db"))
    assert getattr(raised.value, "code", None) == "job.worker_duckdb"
    jobs.check_worker_store(pg_server.new_database())  # PostgreSQL: allowed


def test_the_worker_refreshes_snapshots_that_fell_behind_once_per_state(
    db: Database, tmp_path: Path
) -> None:
    from custvalue.app.imports import import_file

    assert jobs.watch_snapshots(db, now=T0) == (0, None, None)  # an empty store: nothing
    assert jobs.count_jobs(db) == 0
    path = tmp_path / "c.csv"
    path.write_text("customer_id\nC1\nC2\n", encoding="utf-8")
    import_file(db, kind="customers", file=path)  # from the command line: no job queued
    seen = jobs.watch_snapshots(db, now=T0)
    (refresh,) = jobs.list_jobs(db)
    assert (refresh.kind, refresh.state, refresh.created_by) == ("snapshot", "queued", None)
    assert jobs.watch_snapshots(db, now=T0) == seen  # one is queued: not a second
    assert jobs.count_jobs(db) == 1
    jobs.cancel(db, job_id=refresh.job_id, by=None, now=T0)
    assert jobs.watch_snapshots(db, now=T0, seen=seen) == seen  # the same state: not again
    assert jobs.count_jobs(db) == 1
    jobs.watch_snapshots(db, now=T0)  # a worker that has not seen it queues it
    assert jobs.run_one(factory(db), worker="w") is True
    assert db.scalar("SELECT customers FROM snapshots WHERE state = 'ready'") == 2
    jobs.watch_snapshots(db, now=T0)  # fresh now: nothing to do
    assert [j.state for j in jobs.list_jobs(db)] == ["done", "cancelled"]
