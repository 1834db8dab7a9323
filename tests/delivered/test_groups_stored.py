"""The offerings file's ``group`` column and quantity units: read, checked, stored
(migration 6, DuckDB and PostgreSQL), loaded back and used by ``prepare()``."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.cva.store import load_offerings
from custvalue.data.db import Database
from custvalue.data.importing import import_file
from custvalue.data.surveys import read_survey_table
from custvalue.delivered import delivered_value, prepare, read_offerings

FILE = """供应商,构成,类别,金额,单位,每分金额,分组
苏宁,产品价值,,4600,元,,
苏宁,保修年限,价值,5,年,100,功能价值
苏宁,门店,价值,4,分,50,社会价值
苏宁,货币成本,,4000,元,,
苏宁,时间成本,,0.5,小时,50,
国美,产品价值,,4600,元,,
国美,保修年限,价值,6,year,100,functional
国美,门店,价值,3,个,50,social
国美,货币成本,,3700,元,,
国美,时间成本,,2,hours,50,
"""


@pytest.fixture
def offers(tmp_path: Path) -> Path:
    path = tmp_path / "offers.csv"
    path.write_text(FILE, encoding="utf-8")
    return path


def test_group_and_quantity_units_are_read(offers: Path) -> None:
    checked = read_survey_table("offerings", offers)
    assert checked.rejected == []
    assert checked.column_map["group"] == "分组"
    rows = checked.rows
    assert set(rows["unit"].to_list()) == {"money", "score"}
    warranty = rows.filter(pl.col("component") == "保修年限")
    assert warranty["group"].to_list() == ["functional", "functional"]
    assert warranty["unit"].to_list() == ["score", "score"]
    assert rows.filter(pl.col("kind") == "cost")["group"].null_count() == 4


@pytest.mark.parametrize("header", ["价值类型", "价值部分", "group", "part"])
def test_group_header_synonyms(tmp_path: Path, header: str) -> None:
    path = tmp_path / "o.csv"
    path.write_text(f"供应商,构成,类别,金额,{header}\nA,技术支持,价值,30,情感价值\n", "utf-8")
    checked = read_survey_table("offerings", path)
    assert checked.rejected == [] and checked.rows["group"].to_list() == ["emotional"]


def test_bad_groups_are_refused_by_line(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "供应商,构成,类别,金额,分组\nA,技术支持,价值,30,fun\nA,时间成本,,2,功能价值\n", "utf-8"
    )
    checked = read_survey_table("offerings", path)
    reasons = {(r.line, r.column, r.reason) for r in checked.rejected}
    assert (2, "分组", "import.bad_choice") in reasons
    assert (3, "分组", "delivered.group_on_cost") in reasons


def test_stored_groups_come_back_and_count(db: Database, offers: Path) -> None:
    result = import_file(db, "offerings", offers)
    assert result.imported == 10 and not result.rejected
    stored = load_offerings(db)
    assert "group" in stored.columns
    assert dict(
        stored.filter(pl.col("offering") == "苏宁").select("component", "group").rows()
    ) == {
        "product": None,
        "保修年限": "functional",
        "门店": "social",
        "monetary": None,
        "time": None,
    }
    totals = delivered_value(prepare(stored)).sort("offering")
    from_file = delivered_value(read_offerings(offers)).sort("offering")
    assert totals.equals(from_file)
    suning = totals.filter(pl.col("offering") == "苏宁").row(0, named=True)
    assert suning["functional_value"] == 4600 + 5 * 100  # product value + the warranty
    assert suning["social_value"] == 4 * 50
    assert suning["other_value"] == 0
    # the same file again: all duplicates; a different group for a stored row is refused
    assert import_file(db, "offerings", offers).duplicates == 10
    changed = offers.with_name("changed.csv")
    changed.write_text(FILE.replace("5,年,100,功能价值", "5,年,100,情感价值"), "utf-8")
    again = import_file(db, "offerings", changed)
    assert again.imported == 0 and len(again.rejected) == 1


def test_delivered_value_needs_no_scipy() -> None:
    """The deterministic rule delivered value uses is imported without the logit."""
    import subprocess
    import sys

    script = (
        "import sys\nimport custvalue.delivered as d\n"
        "from custvalue.choice import deterministic_choice\n"
        "d.market_choice(d.read_offerings(d.example_path('coil')))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))\n"
        "import custvalue.choice as c\nc.ConditionalLogit\n"
        "print('scipy.stats' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "True"]  # the logit still comes when asked for
