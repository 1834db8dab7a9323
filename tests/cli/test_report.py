"""``custvalue report``: the headline report, and a clear word on an empty database."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from custvalue.cli.main import main

H12800 = Path(str(files("custvalue") / "examples" / "h12800"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_empty_database_says_what_to_import(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_url, "report")
    assert code == 0, err
    text = " ".join(out.split())
    assert "nothing to report yet" in text and "holds no orders" in text
    assert "custvalue import orders FILE" in text and "custvalue demo" in text
    assert "Traceback" not in out + err and "TypeError" not in out + err
    assert "Customer pyramid" not in out  # no empty tables


def test_empty_database_in_chinese_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "empty.db")
    code, out, err = run(capsys, "--lang", "zh", "--db", db, "report")
    assert code == 0, err
    text = "".join(out.split())
    assert "暂无可报告的内容" in text and "custvalueimportordersFILE" in text
    code, out, err = run(capsys, "--db", db, "report", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["customers_with_orders"] == 0 and "custvalue demo" in data["message"]


def test_customers_without_orders_are_nothing_to_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.db")
    code, _, err = run(capsys, "--db", db, "import", "customers", str(H12800 / "customers.csv"))
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "report")
    assert code == 0, err
    assert "holds no orders" in " ".join(out.split())


def test_before_the_first_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "h.db")
    for kind in ("customers", "orders", "costs"):
        code, _, err = run(capsys, "--db", db, "import", kind, str(H12800 / f"{kind}.csv"))
        assert code == 0, err
    code, out, err = run(capsys, "--db", db, "report", "--as-of", "1990-01-01")
    assert code == 0, err
    text = " ".join(out.split())
    assert "no orders up to 1990-01-01" in text and "--as-of" in text


def test_report_with_orders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "h.db")
    for kind in ("customers", "orders", "costs"):
        code, _, err = run(capsys, "--db", db, "import", kind, str(H12800 / f"{kind}.csv"))
        assert code == 0, err
    code, out, err = run(capsys, "--db", db, "report")
    assert code == 0, err
    assert "Customer pyramid" in out and "RFM segments" in out and "nothing to report" not in out
    code, out, err = run(capsys, "--db", db, "report", "--format", "json")
    assert code == 0, err
    parts = json.loads(out)
    assert set(parts) == {"top_customers", "tiers", "pareto", "rfm_segments", "tier_rule"}
    assert parts["top_customers"]
