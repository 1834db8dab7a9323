"""``custvalue complaints …`` (both engines, both languages): a complaint recorded,
watched on its clock, moved to closure; what is printed is what the store holds;
refusals exit 1 with their key and change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import connect
from custvalue.data.importing import import_frames
from tests.cli.helpers import invoke, refused


@pytest.fixture
def store(db_url: str) -> str:
    with connect(db_url) as db:
        import_frames(
            db, {"customers": pl.DataFrame({"customer_id": ["C1"], "name": ["甲"]})}, source="p"
        )
    return db_url


def test_a_complaint_from_record_to_close(capsys: pytest.CaptureFixture[str], store: str) -> None:
    cli = ("--db", store)
    done = invoke(
        capsys, *cli, "--lang", "zh", "complaints", "record", "--customer", "C1",
        "--category", "送货延迟", "--text", "三天未到货", "--severity", "紧急",
        "--at", "2026-12-04 17:00",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "TS20261204-0001" in done.out and "2026-12-04 19:00 前与您联系" in done.out
    shown = invoke(capsys, *cli, "--lang", "en", "complaints", "show", "TS20261204-0001",
                   "--as-of", "2026-12-04 18:00")  # fmt: skip
    assert "Response due 2026-12-04 19:00: running" in shown.out and "1 h left" in shown.out
    listed = json.loads(invoke(capsys, *cli, "complaints", "list", "--as-of",
                               "2026-12-05 18:00", "--format", "json").out)  # fmt: skip
    (row,) = listed["complaints"]
    assert (row["response_state"], row["resolution_state"], row["overdue"]) == (
        "failed", "failed", True,
    )  # fmt: skip
    late = invoke(capsys, *cli, "--lang", "zh", "complaints", "overdue", "--as-of",
                  "2026-12-05 18:00")  # fmt: skip
    assert late.code == 0 and "TS20261204-0001" in late.out and "紧急" in late.out
    assert invoke(capsys, *cli, "complaints", "assign", "TS20261204-0001", "--team", "物流组",
                  "--to", "刘工").code == 0  # fmt: skip
    moved = invoke(capsys, *cli, "--lang", "en", "complaints", "move", "TS20261204-0001",
                   "replied", "--at", "2026-12-04 18:30", "--root-cause", "仓库漏发")  # fmt: skip
    assert moved.code == 0 and "Response target: met" in moved.out
    refused(capsys, "service.close_needs_callback", *cli, "complaints", "move",
            "TS20261204-0001", "closed")  # fmt: skip
    closed = invoke(capsys, *cli, "complaints", "close", "TS20261204-0001", "--score", "5",
                    "--at", "2026-12-05 10:00")  # fmt: skip
    assert closed.code == 0
    with connect(store) as db:
        assert db.fetchall(
            "SELECT status, team, assignee, root_cause, callback_score FROM complaints"
        ) == [("closed", "物流组", "刘工", "仓库漏发", 5)]
        assert db.scalar("SELECT count(*) FROM complaint_events") == 4
    report = invoke(capsys, *cli, "--lang", "zh", "complaints", "report", "--by", "team")
    assert report.code == 0 and "物流组" in report.out
    for lang in ("en", "zh"):
        out = invoke(capsys, *cli, "--lang", lang, "complaints", "list")
        assert out.code == 0 and "_" not in out.out.splitlines()[0]


def test_settings_and_refusals(
    capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path
) -> None:
    cli = ("--db", store)
    written = tmp_path / "calendar.toml"
    assert invoke(capsys, *cli, "complaints", "settings", "--write", str(written)).code == 0
    assert "2026-10-01" in written.read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('[hours]\nday = ["25:00-26:00"]\n', encoding="utf-8")
    refused(capsys, "service.calendar_bad_time", *cli, "complaints", "settings", "--load", str(bad))
    refused(capsys, "service.file_unreadable", *cli, "complaints", "settings", "--load",
            str(tmp_path / "missing.toml"))  # fmt: skip
    loaded = invoke(capsys, *cli, "complaints", "settings", "--load", str(written))
    assert loaded.code == 0
    refused(capsys, "complaints.needs_customer", *cli, "complaints", "record", "--category",
            "x", "--text", "y")  # fmt: skip
    refused(capsys, "complaints.unknown_customer_id", *cli, "complaints", "record",
            "--customer", "C9", "--category", "x", "--text", "y")  # fmt: skip
    refused(capsys, "error.option", *cli, "complaints", "record", "--customer", "C1",
            "--category", "x", "--text", "y", "--at", "yesterday")  # fmt: skip
    refused(capsys, "complaints.unknown_number", *cli, "complaints", "show", "TS1")
    refused(capsys, "validation.choice", *cli, "complaints", "report", "--by", "colour")
    with connect(store) as db:
        assert db.scalar("SELECT count(*) FROM complaints") == 0
