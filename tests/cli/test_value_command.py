"""``custvalue value``: realized, influence, potential and total value; value added from
service orders; an empty store."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from custvalue.cli.main import main
from tests.cli.helpers import refused

EXAMPLES = Path(str(files("custvalue") / "examples"))
CDNOW = EXAMPLES / "cdnow" / "cdnow_sample_orders.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ([], "table"),
        (["--by-year"], "table"),
        (["--format", "json"], "[]"),
        (["--format", "csv"], "csv"),
    ],
)
def test_an_empty_store_says_what_to_import(
    db_url: str, capsys: pytest.CaptureFixture[str], args: list[str], shown: str
) -> None:
    """Nothing yet is not an error (exit 0, as tiers and rfm): the message says what to
    import; JSON and CSV stay machine-readable, with the message on stderr."""
    code, out, err = run(capsys, "--db", db_url, "value", *args)
    assert code == 0
    message = out if shown == "table" else err
    for command in ("custvalue import customers FILE", "custvalue import orders FILE"):
        assert command in message
    assert "custvalue demo" in message and "None" not in out + err
    if shown == "[]":
        assert json.loads(out) == []
    elif shown == "csv":
        assert out.splitlines()[0].lstrip("\ufeff").startswith("customer_id,name,")
        assert len(out.splitlines()) == 1
    code, out, err = run(capsys, "--db", db_url, "--lang", "zh", "value", *args)
    assert code == 0 and "数据库中还没有客户或订单" in out + err and "custvalue demo" in out + err


def test_an_unknown_customer_in_an_empty_store_is_refused(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    done = refused(capsys, "value.customer_nothing_yet", "--db", db_url, "value", "--customer", "A")
    assert done.out == "" and "custvalue demo" in done.err


@pytest.fixture
def cdnow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "cdnow.db")
    code, _, err = run(capsys, "--db", db, "import", "orders", str(CDNOW))
    assert code == 0, err
    return db


def test_without_scores_the_potential_columns_are_absent_and_a_note_says_how(
    cdnow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", cdnow, "value", "--top", "3")
    assert code == 0, err
    assert "Potential value" not in out and "Total value" not in out
    assert "custvalue clv score" in out
    code, out, _ = run(capsys, "--db", cdnow, "value", "--format", "json")
    assert "potential_value" not in json.loads(out)[0]


def test_potential_and_total_value_after_clv_score(
    cdnow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "--db",
        cdnow,
        "clv",
        "score",
        "--calibration-end",
        "1997-09-30",
        "--margin",
        "0.3",
        "--format",
        "json",
    )
    assert code == 0, err
    clv = {s["customer_id"]: s["clv"] for s in json.loads(out)["scores"]}
    code, out, err = run(capsys, "--db", cdnow, "value", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 2357
    for row in rows[:100]:
        assert row["potential_value"] == pytest.approx(clv[row["customer_id"]])
        assert row["overall_value"] == pytest.approx(
            row["realized_value"] + row["potential_value"] + row["referral_net"]
        )
    code, out, err = run(capsys, "--db", cdnow, "value", "--top", "5")
    assert code == 0, err
    assert "Potential value" in out and "Total value" in out
    assert "BG/NBD + Gamma-Gamma, 52 weeks, margin 30.0%" in out
    assert "custvalue clv score" not in out
    code, out, _ = run(capsys, "--db", cdnow, "--lang", "zh", "value", "--top", "5")
    assert "潜在价值" in out and "价值合计" in out and "52 周" in out and "利润率 30.0%" in out
    code, out, _ = run(
        capsys, "--db", cdnow, "value", "--sort", "overall_value", "--format", "json"
    )
    totals = [r["overall_value"] for r in json.loads(out)]
    known = [v for v in totals if v is not None]
    assert known == sorted(known, reverse=True) and totals[: len(known)] == known


def test_service_orders_are_the_value_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "客户编号,下单日期,金额,产品,类别\n"
        "K1,2024-01-05,1000,打印机,设备\n"
        "K1,2024-02-05,300,上门维修,售后服务\n"
        "K1,2024-03-05,200,年度维护包,Care pack\n"
        "K2,2024-01-09,800,打印机,设备\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.db")
    code, _, err = run(capsys, "--db", db, "import", "orders", str(orders))
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "value", "--customer", "K1", "--format", "json")
    assert code == 0, err
    k1 = json.loads(out)
    assert (k1["value_added"], k1["basic_value"], k1["service"]) == (300.0, 1200.0, 300.0)
    assert k1["cross_sell"] == 200.0  # an unknown category is a product line
    code, out, err = run(
        capsys,
        "--db",
        db,
        "value",
        "--customer",
        "K1",
        "--service-category",
        "售后服务",
        "--service-category",
        "*pack",
        "--format",
        "json",
    )
    assert code == 0, err
    k1 = json.loads(out)
    assert (k1["value_added"], k1["basic_value"]) == (500.0, 1000.0)
    code, out, err = run(capsys, "--db", db, "value")
    assert code == 0, err
    assert "Value added" in out and "…服务" in out and "*" not in out
    code, out, _ = run(capsys, "--db", db, "--lang", "zh", "value")
    assert "增值价值" in out and "增值服务订单" in out
    code, out, err = run(capsys, "--db", db, "value", "--customer", "K1", "--by-year")
    assert code == 0 and "Services" in out and "300.00" in out, err
    code, out, _ = run(capsys, "--db", db, "value", "--customer", "K2", "--by-year")
    assert "Services" not in out and "Value added" not in out.split("by year")[-1]


def test_bad_options_are_named_before_the_empty_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "e.db")
    code, _, err = run(capsys, "--db", db, "value", "--sort", "shoe_size")
    assert code == 1 and "shoe_size" in err and "overall_value" in err
    code, _, err = run(capsys, "--db", db, "value", "--customer", "NOBODY")
    assert code == 1 and "NOBODY" in err and "custvalue demo" in err
    for top in ("0", "-3"):
        code, _, err = run(capsys, "--db", db, "value", "--top", top)
        assert code == 1 and "--top" in err and top in err


def test_sorting_by_total_value_needs_scores(
    cdnow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", cdnow, "value", "--sort", "overall_value")
    assert code == 1 and "overall_value" in err and "custvalue clv score" in err
