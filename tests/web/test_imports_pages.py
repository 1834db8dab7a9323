"""Imports in the workbench: a GBK file with Chinese headers is checked before anything
is stored, its refused rows named by line, column and value; commit imports exactly the
good rows once; discard stores nothing; bad uploads are refused clearly."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pytest

from custvalue.app import jobs, uploads
from custvalue.data.db import connect
from custvalue.exceptions import ImportFileError
from tests.web.conftest import Workbench, csrf_of, logged_in

GBK = "客户编号,客户名称\nC1,甲公司\nC2,乙公司\n,丙公司\nC4,丁公司\n".encode("gb18030")


@pytest.fixture(autouse=True)
def _uploads_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTVALUE_UPLOADS", str(tmp_path / "uploads"))


def _upload(client, data: bytes, name: str = "客户.csv", **form: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/imports").text)
    fields = {"csrf_token": token, "kind": "customers", **form}
    return client.post(
        "/imports", data=fields, files={"file": (name, data, "text/csv")}, follow_redirects=False
    )


def _customers(bench: Workbench) -> int:
    with connect(bench.url) as db:
        return int(db.scalar("SELECT COUNT(*) FROM customers"))


def _run(bench: Workbench) -> None:
    while jobs.run_one(lambda: connect(bench.url, migrate=False), worker="test"):
        pass


def test_a_file_is_checked_before_anything_is_stored_then_imported_once(
    engine_bench: Workbench, tmp_path: Path
) -> None:
    client = logged_in(engine_bench, "analyst")
    sent = _upload(client, GBK)
    assert sent.status_code == 303
    preview_url = sent.headers["location"]
    assert _customers(engine_bench) == 0  # nothing stored yet
    page = client.get(preview_url)
    assert page.status_code == 200
    text = page.text
    assert re.search(r'id="kpi-good"><div class="value">3<', text)
    assert re.search(r'id="kpi-refused"><div class="value">1<', text)
    assert "gb18030" in text.lower() or "gbk" in text.lower()
    assert "<td>客户编号</td>" in text and "<td>Customer · customer_id</td>" in text
    assert "甲公司" in text  # the sample
    rejected = client.get(preview_url + "?export=csv&table=rejected").content.decode("utf-8-sig")
    lines = rejected.splitlines()
    assert lines[0] == 'Line,Column,Value,"Why, and how to fix it"'
    assert lines[1].startswith("4,客户编号,")
    zh = client.get(preview_url + "?lang=zh").text
    assert "被拒绝的行" in zh and "导入 3 行" in zh
    client.get("/imports?lang=en")  # back to English (the choice is remembered)
    commit = client.post(
        preview_url + "/commit", data={"csrf_token": csrf_of(text)}, follow_redirects=False
    )
    assert commit.status_code == 303 and commit.headers["location"].startswith("/jobs/")
    twice = client.post(preview_url + "/commit", data={"csrf_token": csrf_of(text)})
    assert twice.status_code == 404 and "imported or discarded already" in twice.text
    _run(engine_bench)
    assert _customers(engine_bench) == 3
    done = client.get(commit.headers["location"]).text
    assert "The file is imported." in done
    assert client.get(preview_url).status_code == 404  # the upload is gone
    assert not list((tmp_path / "uploads").iterdir())
    history = client.get("/imports?lang=en").text
    assert "客户.csv" in history and "Nothing has been imported yet." not in history
    api = client.get("/api/v1/imports").json()
    assert api["total"] == 1 and api["items"][0]["imported"] == 3
    with connect(engine_bench.url) as db:  # the snapshot followed the import
        assert db.scalar("SELECT customers FROM snapshots WHERE state = 'ready'") == 3


def test_discard_stores_nothing(bench: Workbench, tmp_path: Path) -> None:
    client = logged_in(bench, "analyst")
    preview_url = _upload(client, GBK).headers["location"]
    page = client.get(preview_url).text
    gone = client.post(
        preview_url + "/discard", data={"csrf_token": csrf_of(page)}, follow_redirects=False
    )
    assert gone.headers["location"] == "/imports?notice=discarded"
    assert "nothing was imported" in client.get(gone.headers["location"]).text
    assert client.get(preview_url).status_code == 404
    assert _customers(bench) == 0 and not list((tmp_path / "uploads").iterdir())


def test_bad_uploads_are_refused_with_the_reason_and_kept_nowhere(
    bench: Workbench, tmp_path: Path
) -> None:
    client = logged_in(bench, "analyst")
    empty = _upload(client, b"")
    assert empty.status_code == 400 and "is empty" in empty.text
    pdf = _upload(client, b"%PDF-1.4", name="report.pdf")
    assert pdf.status_code == 400 and ".xlsx" in pdf.text
    with pytest.raises(ImportFileError) as raised:  # the codes behind those two
        uploads.save_upload(
            bench.url,
            kind="customers",
            file_name="x.pdf",
            content=io.BytesIO(b"1"),
            by=None,
            now=datetime(2026, 3, 1),
        )
    assert raised.value.code == "upload.suffix"
    with pytest.raises(ImportFileError) as raised:
        uploads.save_upload(
            bench.url,
            kind="customers",
            file_name="x.csv",
            content=io.BytesIO(b""),
            by=None,
            now=datetime(2026, 3, 1),
        )
    assert raised.value.code == "upload.empty"
    no_id = _upload(client, "名称\n甲\n".encode())
    assert no_id.status_code == 400 and "customer_id" in no_id.text
    assert "Traceback" not in no_id.text
    mapping = _upload(client, GBK, mapping="客户编号 customer_id")
    assert mapping.status_code == 400 and "header = column" in mapping.text
    kind = _upload(client, GBK, kind="planets")
    assert kind.status_code == 400 and "planets" in kind.text
    root = tmp_path / "uploads"
    assert not root.exists() or not list(root.iterdir())
    mapped = _upload(client, "编号,名称\nC9,庚\n".encode(), mapping="编号 = customer_id")
    assert mapped.status_code == 303
    assert "<td>编号</td>" in client.get(mapped.headers["location"]).text


def test_viewers_see_the_history_only(bench: Workbench) -> None:
    analyst = logged_in(bench, "analyst")
    preview_url = _upload(analyst, GBK).headers["location"]
    viewer = logged_in(bench, "viewer")
    page = viewer.get("/imports")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' not in page.text
    assert viewer.get(preview_url).status_code == 403
    token = csrf_of(page.text)
    refused = viewer.post(
        "/imports", data={"csrf_token": token}, files={"file": ("a.csv", GBK, "text/csv")}
    )
    assert refused.status_code == 403


def test_the_api_uploads_checks_and_commits(bench: Workbench) -> None:
    client = logged_in(bench, "analyst")
    token = csrf_of(client.get("/imports").text)
    sent = client.post(
        "/api/v1/imports/uploads",
        data={"kind": "customers"},
        files={"file": ("c.csv", io.BytesIO(GBK), "text/csv")},
        headers={"x-csrf-token": token},
    )
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert (body["good_rows"], body["rejected_total"]) == (3, 1)
    assert body["rejected"][0]["line"] == 4 and body["rejected"][0]["column"] == "客户编号"
    again = client.get(f"/api/v1/imports/uploads/{body['token']}").json()
    assert again["token"] == body["token"]
    job = client.post(
        f"/api/v1/imports/uploads/{body['token']}/commit", headers={"x-csrf-token": token}
    )
    assert job.status_code == 202 and job.json()["kind"] == "import"
    _run(bench)
    assert _customers(bench) == 3
    missing = client.get("/api/v1/imports/uploads/" + "x" * 24)
    assert missing.status_code == 404 and missing.json()["code"] == "upload.not_found"


def test_a_file_over_the_limit_is_refused_and_not_kept(
    bench: Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(ImportFileError) as raised:
        uploads.save_upload(
            bench.url,
            kind="customers",
            file_name="big.csv",
            content=io.BytesIO(b"customer_id\n" + b"C1\n" * 100),
            by=None,
            now=datetime(2026, 3, 1),
        )
    assert raised.value.code == "upload.too_large" and "big.csv" in raised.value.message()
    assert not list((tmp_path / "uploads").iterdir())
