"""Jobs on screen and in the API: the list, a job's progress and outcome (read from the
store, so a reload shows the same), its error in the reader's language, cancelling."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from custvalue.app import jobs
from custvalue.data.db import connect
from tests.web.conftest import Workbench, csrf_of, logged_in

T0 = datetime(2026, 3, 1, 9, 0, 0)


def _import_job(bench: Workbench, tmp_path: Path, text: str) -> int:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with connect(bench.url) as db:
        job = jobs.submit(
            db, kind="import", params={"kind": "customers", "file": str(path)}, by=None, now=T0
        )
    return job.job_id


def _run(bench: Workbench) -> bool:
    return jobs.run_one(lambda: connect(bench.url, migrate=False), worker="test")


def test_a_job_s_page_follows_it_to_its_outcome(bench: Workbench, tmp_path: Path) -> None:
    job_id = _import_job(bench, tmp_path, "customer_id\nC1\nC2\n\n")
    client = logged_in(bench, "viewer")
    queued = client.get(f"/jobs/{job_id}")
    assert queued.status_code == 200
    assert f'data-job-poll="/api/v1/jobs/{job_id}"' in queued.text
    assert "queued" in queued.text and "automatic" in queued.text
    assert "Cancel this job" not in queued.text  # a viewer cannot
    listed = client.get("/jobs").text
    assert f'<a href="/jobs/{job_id}">{job_id}</a>' in listed and "import" in listed
    assert _run(bench)
    done = client.get(f"/jobs/{job_id}")
    assert "data-job-poll" not in done.text and "The file is imported." in done.text
    assert "<dt>Imported</dt><dd>2</dd>" in done.text.replace("\n", "")
    again = client.get(f"/jobs/{job_id}")  # a reload shows the same outcome
    assert again.text == done.text
    api = client.get(f"/api/v1/jobs/{job_id}").json()
    assert (api["state"], api["finished"], api["progress"]) == ("done", True, 1.0)
    assert api["result"]["imported"] == 2
    zh = client.get(f"/jobs/{job_id}?lang=zh").text
    assert "文件已导入。" in zh and "已完成" in zh


def test_a_failed_job_shows_its_error_in_the_reader_s_language(
    bench: Workbench, tmp_path: Path
) -> None:
    job_id = _import_job(bench, tmp_path, "customer_id\nC1\n")
    (tmp_path / "c.csv").unlink()  # gone before the worker takes it
    assert _run(bench)
    client = logged_in(bench, "viewer")
    page = client.get(f"/jobs/{job_id}").text
    assert 'role="alert"' in page and "does not exist (any more)" in page
    zh = client.get(f"/jobs/{job_id}?lang=zh").text
    assert "不存在（或已删除）" in zh
    api = client.get(f"/api/v1/jobs/{job_id}?lang=en").json()
    assert api["state"] == "failed" and api["error"]["code"] == "job.no_file"


def test_an_analyst_cancels_a_queued_job_a_viewer_cannot(bench: Workbench, tmp_path: Path) -> None:
    job_id = _import_job(bench, tmp_path, "customer_id\nC1\n")
    viewer = logged_in(bench, "viewer")
    token = csrf_of(viewer.get(f"/jobs/{job_id}").text)
    refused = viewer.post(f"/jobs/{job_id}/cancel", data={"csrf_token": token})
    assert refused.status_code == 403
    analyst = logged_in(bench, "analyst")
    page = analyst.get(f"/jobs/{job_id}").text
    assert "Cancel this job" in page
    sent = analyst.post(
        f"/jobs/{job_id}/cancel", data={"csrf_token": csrf_of(page)}, follow_redirects=False
    )
    assert sent.status_code == 303
    assert "The job was cancelled before it ran." in analyst.get(f"/jobs/{job_id}").text
    assert not _run(bench)  # nothing left to run
    twice = analyst.post(f"/api/v1/jobs/{job_id}/cancel", headers={"x-csrf-token": csrf_of(page)})
    assert twice.status_code == 400 and twice.json()["code"] == "job.not_queued"
    with connect(bench.url) as db:
        assert db.scalar("SELECT COUNT(*) FROM customers") == 0


def test_the_jobs_api_pages_newest_first(bench: Workbench, tmp_path: Path) -> None:
    ids = [_import_job(bench, tmp_path, "customer_id\nC1\n") for _ in range(5)]
    client = logged_in(bench, "viewer")
    seen: list[int] = []
    after = None
    while True:
        body = client.get(
            "/api/v1/jobs", params={"limit": 2, **({"after": after} if after else {})}
        ).json()
        seen += [j["job_id"] for j in body["items"]]
        after = body["next"]
        if after is None:
            break
    assert seen == sorted(ids, reverse=True) and body["total"] == 5
    assert client.get("/jobs/999").status_code == 404
    assert client.get("/api/v1/jobs/999").json()["code"] == "job.not_found"
    assert client.get("/api/v1/jobs?after=%%%").json()["code"] == "api.bad_cursor"
