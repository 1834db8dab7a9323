"""The command line: outputs, errors in both languages, exit codes."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from custvalue.cli.main import COMMANDS, main
from custvalue.data.db import connect
from tests.cli.helpers import refused

H12800 = Path(str(files("custvalue") / "examples" / "h12800"))
EXAMPLES = Path(str(files("custvalue") / "examples"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def h12800(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    for kind in ("customers", "orders", "costs"):
        code, out, err = run(capsys, "--db", db_url, "import", kind, str(H12800 / f"{kind}.csv"))
        assert code == 0, err
    return db_url


def test_h12800_value_json(h12800: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--db", h12800, "value", "--customer", "A", "--by-year", "--format", "json"
    )
    assert code == 0, err
    a = json.loads(out)
    assert a["customer_id"] == "A" and a["sustained_value"] == 12800
    assert [y["profit"] for y in a["years"]] == [-50, 1450, 2150, 3450, 5800]
    for key in ("orders", "revenue", "referral_revenue", "cost", "realized_value"):
        assert key in a
    for key in ("year", "revenue", "upsell", "cross_sell", "referral_revenue", "cost", "profit"):
        assert key in a["years"][0]


def test_value_table_and_csv(h12800: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", h12800, "value", "--by-year", "--top", "1")
    assert code == 0 and "12,800.00" in out and "5,800.00" in out
    code, out, _ = run(capsys, "--db", h12800, "value", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("\ufeffcustomer_id,")
    assert len(out.splitlines()) == 6


def test_value_in_chinese(h12800: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "zh", "--db", h12800, "value", "--top", "2")
    assert code == 0 and "持续价值" in out


def test_import_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    path = tmp_path / "o.csv"
    path.write_text(
        "order_id,customer_id,date,amount\n1,A,2023-01-01,5\n2,A,2023-13-01,5\n1,A,2023-01-01,5\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "import", "orders", str(path), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["file"] == str(path)
    assert (report["imported"], report["duplicates"]) == (1, 1)
    [bad] = report["rejected"]
    assert (bad["line"], bad["column"], bad["value"]) == (3, "date", "2023-13-01")
    assert bad["reason"]


def test_import_strict_exits_non_zero_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    path = tmp_path / "o.csv"
    path.write_text("customer_id,date,amount\nA,2023-01-01,5\nB,bad,5\n", encoding="utf-8")
    done = refused(
        capsys,
        "store.strict_failed",
        "--db",
        db,
        "import",
        "orders",
        str(path),
        "--strict",
        "--format",
        "json",
    )
    out, err = done.out, done.err
    assert json.loads(out)["rejected"][0]["line"] == 3
    assert "--strict" in err
    with connect(db) as store:
        assert store.scalar("SELECT COUNT(*) FROM orders") == 0


def test_unreadable_file_is_an_error_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    missing = str(tmp_path / "nope.csv")
    err = refused(capsys, "import.file_missing", "--db", db, "import", "orders", missing).err
    assert "nope.csv" in err
    err_zh = refused(
        capsys, "import.file_missing", "--lang", "zh", "--db", db, "import", "orders", missing
    ).err
    assert "nope.csv" in err_zh and err_zh != err


@pytest.mark.parametrize(
    ("args", "key", "needle"),
    [
        (["import", "invoices", "x.csv"], "validation.choice", "invoices"),
        (["import", "orders", "x.csv", "--map", "novalue"], "error.option", "--map"),
        (["value", "--as-of", "2023-02-30"], "error.option", "--as-of"),
        (["value", "--customer", "NOBODY"], "error.not_found", "NOBODY"),
        (["value", "--sort", "shoe_size"], "error.option", "shoe_size"),
        (["value", "--referral-depth", "0"], "error.option", "--referral-depth"),
        (["tiers", "--bands", "20,x"], "error.option", "--bands"),
        (["tiers", "--value", "name"], "error.option", "name"),
        (["pareto", "--top", "1.5"], "validation.number_range", "--top"),
        (["demo", "--customers", "3"], "error.option", "--customers"),
    ],
)
def test_bad_options_get_clear_errors(
    args: list[str], key: str, needle: str, h12800: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, key, "--db", h12800, *args).err
    assert needle in err


def test_bad_database_url(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "db.unsupported_scheme", "--db", "mysql://x/y", "value").err
    assert "mysql://x/y" in err


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = [c.name for c in COMMANDS]
    assert {
        "import",
        "imports",
        "value",
        "rfm",
        "tiers",
        "pareto",
        "classify",
        "demo",
        "report",
    } <= set(names)
    for command in COMMANDS:
        assert command.help_key, command.name
        code, out, _ = run(capsys, command.name, "--help")
        assert code == 0 and "--help" in out, command.name
        assert command.name in out and "Usage" in out, out


def test_demo_then_segment_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.db")
    code, out, err = run(capsys, "--db", db, "demo", "--no-serve", "--customers", "300")
    assert code == 0, err
    assert "300" in out
    for args in (
        ["rfm"],
        ["rfm", "--map", "cn8"],
        ["tiers"],
        ["pareto"],
        ["classify"],
        ["report"],
        ["imports"],
    ):
        code, out, err = run(capsys, "--db", db, *args)
        assert code == 0, (args, err)
        assert out.strip()
    code, out, _ = run(capsys, "--db", db, "tiers", "--format", "json")
    tiers = json.loads(out)["tiers"]
    assert sum(t["customers"] for t in tiers) == 300
    code, out, _ = run(capsys, "--db", db, "pareto", "--format", "json")
    assert 0 < json.loads(out)["top_revenue_share"] <= 1


def test_demo_refuses_to_overwrite_user_data(
    h12800: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(
        capsys, "db.demo_refuses", "--db", h12800, "demo", "--no-serve", "--customers", "50"
    ).err
    assert "--force" in err
    code, _, err = run(capsys, "--db", h12800, "demo", "--no-serve", "--customers", "50", "--force")
    assert code == 0, err


def test_imports_on_an_empty_store_says_what_to_do(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_url, "imports")
    assert code == 0 and "No imports yet" in out and "custvalue demo" in out, err
    code, out, _ = run(capsys, "--db", db_url, "--lang", "zh", "imports")
    assert code == 0 and "还没有导入记录" in out
    code, out, _ = run(capsys, "--db", db_url, "imports", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "--db", db_url, "import", "orders", str(H12800 / "orders.csv"))
    assert code == 0
    code, out, _ = run(capsys, "--db", db_url, "imports", "--format", "json")
    [first] = json.loads(out)
    assert (first["kind"], first["imported"], first["rows_total"]) == ("orders", 20, 20)
