"""``custvalue loyalty …`` on the demo company (both engines, both languages), its
figures equal to the library's, a bad rules file refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.app.loyalty import loyalty
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused


@pytest.fixture
def demo_url(db_url: str) -> str:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=200, seed=7), seed=7)
    return db_url


def test_stages_types_and_lists(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    with connect(demo_url) as db:
        result = loyalty(db)
    assert result.stages["customers"].sum() == result.customers.height == 200
    assert set(result.lists["false_loyalty"]["customer_id"]) == set(
        result.customers.filter(result.customers["loyalty_type"] == "spurious")["customer_id"]
    )
    stages = json.loads(
        invoke(capsys, "--db", demo_url, "loyalty", "stages", "--format", "json").out
    )
    assert [r["customers"] for r in stages["stages"]] == result.stages["customers"].to_list()
    for command in ("stages", "types", "kinds", "index", "at-risk", "false-loyalty", "promoters"):
        english = invoke(capsys, "--db", demo_url, "--lang", "en", "loyalty", command)
        chinese = invoke(capsys, "--db", demo_url, "--lang", "zh", "loyalty", command)
        assert english.code == chinese.code == 0, english.err + chinese.err
        assert "_" not in english.out.splitlines()[0]
    assert "custvalue clv score" in invoke(capsys, "--db", demo_url, "loyalty", "at-risk").out


def test_refusals(capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[lapse]\ndays = 0\n", encoding="utf-8")
    refused(
        capsys, "loyalty.bad_rule", "--db", demo_url, "loyalty", "stages", "--rules", str(rules)
    )
    empty = str(tmp_path / "empty.db")
    refused(capsys, "loyalty.no_customers", "--db", empty, "loyalty", "stages")


def test_at_risk_after_a_clv_run(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    scored = invoke(capsys, "--db", demo_url, "clv", "score")
    assert scored.code == 0, scored.err
    done = invoke(capsys, "--db", demo_url, "loyalty", "at-risk", "--format", "json")
    assert done.code == 0
    customers = json.loads(done.out)["customers"]
    assert customers, "the demo has satisfied customers the model thinks are leaving"
    # satisfied, and the model thinks they are leaving or they complained this year
    assert all(c["attitude"] >= 7 and (c["p_alive"] < 0.5 or c["complaints"] > 0)
               for c in customers)  # fmt: skip
    assert any(c["p_alive"] < 0.5 for c in customers)
    values = [c["realized_value"] for c in customers]
    assert values == sorted(values, reverse=True)


def test_total_value(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    from custvalue.app.loyalty import total_customer_value

    with connect(demo_url) as db:
        result = total_customer_value(db)
    table = result.customers
    assert table.height == 200 and table["total"].is_between(0, 100).all()
    assert table["future"].null_count() == 200  # no CLV run yet: left out, not zero
    assert (table["parts"] == 4 - table["satisfaction"].is_null().cast(int)).all()
    done = invoke(capsys, "--db", demo_url, "loyalty", "total", "--format", "json",
                  "--weights", "consumption=3,satisfaction=1")  # fmt: skip
    document = json.loads(done.out)
    assert document["weights"]["consumption"] == pytest.approx(0.75)
    assert len(document["customers"]) == 200 and len(document["deciles"]) == 10
    for lang in ("en", "zh"):
        assert invoke(capsys, "--db", demo_url, "--lang", lang, "loyalty", "total").code == 0
    refused(capsys, "error.option", "--db", demo_url, "loyalty", "total", "--weights", "much")
    refused(
        capsys, "loyalty.unknown_part", "--db", demo_url, "loyalty", "total", "--weights", "love=1"
    )
    refused(capsys, "validation.choice", "--db", demo_url, "loyalty", "total", "--method", "zscore")


def test_kinds_and_index(capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path) -> None:
    with connect(demo_url) as db:
        result = loyalty(db)
    measured = result.customers.filter(result.customers["loyalty_kind"] != "not_measured")
    assert measured.height > 0 and result.kinds["customers"].sum() == 200
    kinds = json.loads(invoke(capsys, "--db", demo_url, "loyalty", "kinds", "--format", "json").out)
    assert [r["customers"] for r in kinds["kinds"]] == result.kinds["customers"].to_list()
    index = json.loads(invoke(capsys, "--db", demo_url, "loyalty", "index", "--format", "json").out)
    rows = index["customers"]
    assert len(rows) == result.customers["loyalty_index"].is_not_null().sum()
    assert [r["dimensions"] for r in rows] == sorted((r["dimensions"] for r in rows), reverse=True)
    english = invoke(capsys, "--db", demo_url, "--lang", "en", "loyalty", "index")
    assert "Loyalty index" in english.out and "Means: satisfaction" in english.out
    chinese = invoke(capsys, "--db", demo_url, "--lang", "zh", "loyalty", "kinds")
    assert "行为型（习惯）" in chinese.out and "位回答了这些陈述" in chinese.out
    # a stricter threshold: fewer customers hold a kind, nobody is lost
    strict = json.loads(invoke(capsys, "--db", demo_url, "loyalty", "kinds", "--agree", "6.5",
                               "--format", "json").out)  # fmt: skip
    held = {r["loyalty_kind"]: r["customers"] for r in strict["kinds"]}
    before = {r["loyalty_kind"]: r["customers"] for r in kinds["kinds"]}
    assert held["none_held"] >= before["none_held"] and sum(held.values()) == 200
    # a map without the shipped statements: everything answered is named as unmatched
    items = tmp_path / "items.toml"
    items.write_text('[[item]]\nid = "Q1"\nzh = "甲"\nen = "a"\nkind = "habit"\n', "utf-8")
    refused(capsys, "loyalty.bad_item", "--db", demo_url, "loyalty", "kinds", "--items", str(items))
    items.write_text('[[item]]\nid = "Q1"\nzh = "甲"\nen = "a"\nkind = "impulse"\n', "utf-8")
    other = invoke(capsys, "--db", demo_url, "--lang", "en", "loyalty", "kinds", "--items",
                   str(items))  # fmt: skip
    assert other.code == 0 and "not in the statement map" in other.out
    assert invoke(capsys, "--db", demo_url, "loyalty", "kinds", "--agree", "8").code == 2


def test_one_customer_equals_the_whole_store(demo_url: str) -> None:
    from custvalue.app.loyalty import customer_loyalty

    with connect(demo_url) as db:
        everyone = loyalty(db)
        rows = everyone.customers.sort("customer_id")
        for row in rows.head(60).iter_rows(named=True):
            one = customer_loyalty(db, customer_id=row["customer_id"], as_of=everyone.as_of)
            assert (one.stage, one.loyalty_type, one.loyalty_kind, one.lapsed) == (
                row["stage"], row["loyalty_type"], row["loyalty_kind"], row["lapsed"]
            ), row["customer_id"]  # fmt: skip
            assert one.attitude == row["attitude"] and one.dimensions == (row["dimensions"] or 0)
            assert one.loyalty_index == pytest.approx(row["loyalty_index"])
