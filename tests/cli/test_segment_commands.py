"""``tiers``, ``pareto``, ``rfm``, ``classify`` as a new user meets them: the seeds' tiers,
the thresholds shown, the whale curve said in words, real labels, and the empty store."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from custvalue.cli.main import main
from custvalue.cli.render import column_label
from custvalue.i18n import set_lang

H12800 = Path(str(files("custvalue") / "examples" / "h12800"))
SEGMENT_COMMANDS = ("tiers", "rfm", "classify", "pareto")
# internal names that must not reach a table
INTERNAL = (
    "value_column",
    "realized_value",
    "top_value_share",
    "top_revenue_share",
    "customers_for_80pct",
    "top_customers",
    "total_value",
    "gini ",
    "loss_total",
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def h12800(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "h.db")
    for kind in ("customers", "orders", "costs"):
        code, _, err = run(capsys, "--db", db, "import", kind, str(H12800 / f"{kind}.csv"))
        assert code == 0, err
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo company as ``custvalue demo`` builds it (default size)."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    assert main(["--db", db, "demo", "--format", "json"]) == 0
    return db


def _customers(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> list[dict]:  # type: ignore[type-arg]
    code, out, err = run(capsys, "--db", db, "tiers", "--customers", "--format", "json", *options)
    assert code == 0, err
    rows: list[dict] = json.loads(out)  # type: ignore[type-arg]
    return rows


# -- the seeds' tiers --------------------------------------------------------------------


def test_12800_no_profitable_customer_in_lead(
    h12800: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _customers(capsys, h12800)
    tiers = {r["customer_id"]: r["tier"] for r in rows}
    assert all(r["realized_value"] > 0 for r in rows)
    assert "lead" not in tiers.values()
    assert tiers == {"A": "platinum", "R1": "gold", "R2": "gold", "R3": "iron", "R4": "iron"}
    # R3 and R4 have the same value: the same tier and rank, whatever their ids
    r3, r4 = (next(r for r in rows if r["customer_id"] == c) for c in ("R3", "R4"))
    assert r3["rank"] == r4["rank"] == 4


def test_demo_no_profitable_customer_in_lead(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _customers(capsys, demo_db)
    assert len(rows) == 3000
    assert not [r for r in rows if r["realized_value"] > 0 and r["tier"] == "lead"]
    assert all(r["tier"] in ("lead", "iron") for r in rows if r["realized_value"] <= 0)
    assert {r["tier"] for r in rows} == {"platinum", "gold", "iron", "lead"}
    seen: dict[tuple[float, float], str] = {}
    for r in rows:  # equal values share a tier
        assert seen.setdefault((r["realized_value"], r["revenue"]), r["tier"]) == r["tier"]


def test_thresholds_are_shown_in_both_languages(
    h12800: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", h12800, "tiers")
    assert code == 0, err
    assert "How the tiers are cut: by profit and volume" in out
    assert "realized value at least 4,700.00 元" in out  # platinum
    assert "at least 2,250.00 元 and below 4,700.00 元" in out  # gold
    assert "revenue at least 2,250.00 元" in out  # iron: useful volume
    code, out, err = run(capsys, "--lang", "zh", "--db", h12800, "tiers")
    assert code == 0, err
    assert "分层规则：按利润与业务量" in out and "划分条件" in out
    assert "既成价值不低于 4,700.00 元" in out
    code, out, _ = run(capsys, "--db", h12800, "tiers", "--format", "json")
    data = json.loads(out)
    assert data["rule"] == {
        "rule": "profit",
        "value": "realized_value",
        "volume": "revenue",
        "platinum_share": 0.2,
        "gold_share": 0.3,
        "platinum_profit": 4700.0,
        "gold_profit": 2250.0,
        "iron_revenue": 2250.0,
    }
    assert [t["customers"] for t in data["tiers"]] == [1, 2, 2, 0]
    assert data["losses"] == {"loss_makers": 0, "loss_total": 0.0, "gain_total": 12800.0}
    code, out, _ = run(capsys, "--db", h12800, "tiers", "--format", "csv")
    header, platinum = out.splitlines()[:2]
    assert header.startswith("\ufefftier,tier_label,customers,")  # UTF-8 with a BOM
    assert header.endswith(",tier_condition")
    assert platinum.startswith("platinum,Platinum,1,") and "4,700.00 元" in platinum


def test_threshold_options(h12800: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _customers(capsys, h12800, "--platinum-profit", "2000", "--gold-profit", "1000")
    assert [r["tier"] for r in rows] == ["platinum", "platinum", "platinum", "gold", "gold"]
    code, out, _ = run(capsys, "--db", h12800, "tiers", "--platinum-profit", "3000")
    assert code == 0 and "at least 3,000.00 元" in out
    code, out, _ = run(capsys, "--db", h12800, "tiers", "--iron-revenue", "inf")
    assert code == 0 and "useful volume" not in out
    rows = _customers(capsys, h12800, "--rule", "bands", "--bands", "20,30,30,20")
    assert [r["tier"] for r in rows] == ["platinum", "gold", "gold", "iron", "iron"]
    rows = _customers(capsys, h12800, "--bands", "40,60")  # --bands alone means the bands rule
    assert [r["tier"] for r in rows] == ["tier_1", "tier_1", "tier_2", "tier_2", "tier_2"]
    code, out, _ = run(capsys, "--db", h12800, "tiers", "--rule", "bands")
    assert code == 0 and "percentile bands 20,30,30,20" in out


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--rule", "percentile"], ("--rule", "percentile", "profit, bands")),
        (
            ["--rule", "profit", "--bands", "20,80"],
            ("--bands", "go with --rule bands", "--rule bands --bands 20,80"),
        ),
        (["--platinum-profit", "-5"], ("--platinum-profit", "-5.0", "--platinum-profit > 0")),
        (["--gold-profit", "nan"], ("--gold-profit", "nan")),
        (["--iron-revenue", "0"], ("--iron-revenue", "--iron-revenue > 0")),
        (["--platinum-profit", "1000", "--gold-profit", "2000"], ("--gold-profit", "2,000.00")),
        (["--volume", "name"], ("--volume", "name")),
    ],
)
def test_bad_tier_options(
    args: list[str], needles: tuple[str, ...], h12800: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", h12800, "tiers", *args)
    assert code == 1 and not out
    assert all(n in err for n in needles), err
    assert "Traceback" not in err
    code, _, err_zh = run(capsys, "--lang", "zh", "--db", h12800, "tiers", *args)
    assert code == 1 and err_zh != err


# -- the whale curve in words ------------------------------------------------------------


def test_whale_curve_in_words(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", demo_db, "pareto", "--format", "json")
    summary = json.loads(out)
    assert summary["top_value_share"] > 1 and summary["loss_total"] < 0  # the demo is a whale
    loss = f"{abs(summary['loss_total']):,.2f} 元"
    for command in ("pareto", "report", "tiers"):
        code, out, err = run(capsys, "--db", demo_db, command)
        assert code == 0, err
        assert "more than all of it" in out and loss in out, command
        assert "loss-making customers lose" in out
        code, out, err = run(capsys, "--lang", "zh", "--db", demo_db, command)
        assert code == 0, err
        assert "超过了全部" in out and "位亏损客户合计亏损" in out and loss in out, command


def test_no_whale_no_such_sentence(h12800: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", h12800, "pareto")
    assert code == 0
    assert "The top 20% of customers (1) bring 36.7% of realized value" in out
    assert "more than all" not in out


# -- real labels -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pareto_table_has_real_labels(
    lang: str, demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--lang", lang, "--db", demo_db, "pareto")
    assert code == 0, err
    for name in INTERNAL:
        assert name not in out, name
    assert "1.86052" not in out  # no raw float
    if lang == "en":
        assert "Top customers' share of the value" in out and "186.1%" in out
        assert "Gini coefficient" in out and "3,000" in out and "Realized value" in out
    else:
        assert "头部客户价值占比" in out and "价值基尼系数" in out and "既成价值" in out
    code, out, _ = run(capsys, "--db", demo_db, "pareto", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "\ufeffmetric,label,value"
    assert lines[1].startswith("value_column,") and lines[1].endswith(",realized_value")


def test_rfm_and_classify_labels(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", demo_db, "rfm")
    assert code == 0, err
    assert "Mean days since last purchase" in out and "Mean orders" in out
    assert "Mean revenue" in out
    code, out, _ = run(capsys, "--lang", "zh", "--db", demo_db, "rfm")
    assert "平均距最近购买天数" in out and "最近购买间隔" not in out
    code, out, _ = run(capsys, "--lang", "zh", "--db", demo_db, "rfm", "--customers")
    assert "最近购买间隔" not in out  # the BTYD label (age at the last purchase)
    assert column_label("recency_days") == "Days since last purchase"
    set_lang("zh")
    assert column_label("recency_days") == "距最近购买天数"
    assert column_label("recency_days") != column_label("recency")
    code, out, _ = run(capsys, "--lang", "zh", "--db", demo_db, "classify")
    for label, treatment in (
        ("重点客户", "用心维护"),
        ("重点发展客户", "用心培养"),
        ("一般客户", "用心参与"),
    ):
        assert label in out and treatment in out
    code, out, _ = run(capsys, "--db", demo_db, "classify")
    assert "Key customer" in out and "Care for them" in out
    assert "Customer to develop" in out and "Cultivate them" in out
    assert "Ordinary customer" in out and "Take part" in out


def test_rfm_summary_numbers_as_people_read_them(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", demo_db, "rfm", "--format", "json")
    champions = json.loads(out)[0]
    days = f"{round(champions['recency_days']):,}"
    orders = f"{round(champions['frequency'], 1):,}"
    code, out, _ = run(capsys, "--db", demo_db, "rfm")
    row = next(line for line in out.splitlines() if "Champions" in line)
    cells = [c.strip() for c in row.split("│") if c.strip()]
    assert cells[0] == "Champions"
    assert days in cells and orders in cells  # whole days, orders with one decimal
    assert f"{champions['revenue']:,.2f}" in cells  # money with separators


# -- the empty store ---------------------------------------------------------------------


@pytest.mark.parametrize("command", SEGMENT_COMMANDS)
def test_empty_store_says_what_to_import(
    command: str, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_url, command)
    assert code == 0, err
    assert "No customers in" in out and "yet" in out
    assert "custvalue import orders FILE" in out and "custvalue demo" in out
    assert "┃" not in out and "None" not in out  # no empty table, no "None"
    code, out, err = run(capsys, "--lang", "zh", "--db", db_url, command)
    assert code == 0, err
    assert "还没有客户" in out and "custvalue import orders 文件" in out
    assert "custvalue demo" in out
    code, out, err = run(capsys, "--db", db_url, command, "--format", "json")
    assert code == 0
    json.loads(out)  # still JSON; the sentence goes to stderr
    assert "custvalue import orders FILE" in err


def test_customers_without_orders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    code, _, err = run(capsys, "--db", db, "import", "customers", str(H12800 / "customers.csv"))
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "rfm")
    assert code == 0, err
    assert "has orders yet" in out and "custvalue import orders FILE" in out
    code, out, err = run(capsys, "--db", db, "tiers")
    assert code == 0 and "Lead" in out  # customers without orders or profit are lead


def test_the_empty_store_message_hides_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from custvalue.cli.common import state, store_url

    monkeypatch.setattr(state, "db_url", "postgresql://ana:s3cret@db.example/cv")
    assert store_url(hide_password=True) == "postgresql://ana:***@db.example/cv"
    assert store_url() == "postgresql://ana:s3cret@db.example/cv"
    monkeypatch.setattr(state, "db_url", "/tmp/x.db")
    assert store_url(hide_password=True) == "/tmp/x.db"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["pareto", "--top", "0"], "0 < --top ≤ 1"),
        (["pareto", "--top", "1.5"], "1.5"),
        (["classify", "--key-share", "2"], "0 < --key-share ≤ 1"),
        (["tiers", "--value", "name"], "--value"),
    ],
)
def test_bad_segment_options(
    args: list[str], needle: str, h12800: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", h12800, *args)
    assert code == 1 and not out and needle in err, err
