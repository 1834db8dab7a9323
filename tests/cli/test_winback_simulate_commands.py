"""``custvalue winback`` and ``custvalue simulate`` on the demo company (both engines, both
languages): what they print is what the application computes, labelled for people;
every bad option is refused with its key."""

from __future__ import annotations

import json

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.app.simulate import what_if
from custvalue.app.winback import winback
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused


@pytest.fixture
def demo_url(db_url: str) -> str:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=200, seed=20240101), seed=20240101)
    return db_url


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


def test_winback_lists_what_the_application_ranks(
    capsys: pytest.CaptureFixture[str], demo_url: str, wide: None
) -> None:
    cli = ("--db", demo_url)
    document = json.loads(invoke(capsys, *cli, "winback", "--format", "json").out)
    with connect(demo_url) as db:
        result = winback(db)
    assert document["total"] == result.total
    assert [c["customer_id"] for c in document["customers"]] == result.table[
        "customer_id"
    ].to_list()
    assert document["days_only"] is True and document["value_source"] == "ledger"
    expected = {
        "en": ("Former value", "Odds", "left out"),
        "zh": ("以往价值", "挽回成功率", "未使用存活概率"),
    }
    for lang, words in expected.items():
        shown = invoke(capsys, *cli, "--lang", lang, "winback", "--top", "5")
        assert shown.code == 0, shown.err
        assert all(w in shown.out for w in words), shown.out
        assert str(result.total) in shown.out.splitlines()[0]
        assert not any("_" in line for line in shown.out.splitlines() if "┃" in line)
        first = result.table["customer_id"][0]
        assert first in shown.out
    top = json.loads(invoke(capsys, *cli, "winback", "--top", "3", "--format", "json").out)
    assert len(top["customers"]) == 3 and top["total"] == result.total
    spend = json.loads(
        invoke(capsys, *cli, "winback", "--value", "spend", "--odds", "0.2", "--days", "200",
               "--p-alive", "off", "--as-of", "2024-06-30", "--format", "json").out
    )  # fmt: skip
    assert spend["value_source"] == "orders" and spend["rule"]["days"] == 200
    assert spend["as_of"] == "2024-06-30" and spend["asked"]["p_alive_below"] is None
    csv = invoke(capsys, *cli, "winback", "--format", "csv")
    assert csv.code == 0 and csv.out.count("\n") == result.total + 1


def test_winback_refusals(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url)
    refused(capsys, "error.option", *cli, "winback", "--days", "a year")
    refused(capsys, "validation.number_range", *cli, "winback", "--days", "-5")
    refused(capsys, "validation.not_whole", *cli, "winback", "--days", "3.5")
    refused(capsys, "error.option", *cli, "winback", "--p-alive", "low")
    refused(capsys, "validation.number_range", *cli, "winback", "--p-alive", "1.5")
    refused(capsys, "validation.choice", *cli, "winback", "--rule", "either")
    refused(capsys, "validation.number_range", *cli, "winback", "--odds", "2")
    refused(capsys, "validation.number_range", *cli, "winback", "--top", "0")
    refused(capsys, "error.option", *cli, "winback", "--as-of", "2024-13-01")
    refused(capsys, "validation.choice", *cli, "winback", "--value", "profit")
    refused(capsys, "winback.empty_rule", *cli, "winback", "--days", "off", "--p-alive", "off")
    refused(capsys, "winback.needs_scores", *cli, "winback", "--days", "off")
    refused(capsys, "winback.no_orders_by", *cli, "winback", "--as-of", "2019-01-01")


def test_on_an_empty_store(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    for lang in ("en", "zh"):
        done = refused(capsys, "winback.no_orders", "--db", db_url, "--lang", lang, "winback")
        assert "custvalue import orders" in done.err
        done = refused(capsys, "simulate.no_orders", "--db", db_url, "--lang", lang, "simulate")
        assert "custvalue demo" in done.err


def test_simulate_shows_the_inputs_the_years_the_scenarios_and_the_claims(
    capsys: pytest.CaptureFixture[str], demo_url: str, wide: None
) -> None:
    cli = ("--db", demo_url)
    args = ("simulate", "--years", "6", "--scenario", "retention=+0.05",
            "--scenario", "acquisition-cost=-500,margin=0.35")  # fmt: skip
    document = json.loads(invoke(capsys, *cli, *args, "--format", "json").out)
    with connect(demo_url) as db:
        result = what_if(
            db,
            years=6,
            scenarios=[{"retention": "+0.05"}, {"acquisition-cost": "-500", "margin": "0.35"}],
        )
    assert document["totals"]["profit_cents"] == result.projection.profit_cents
    assert [s["label"] for s in document["scenarios"]] == [s.label for s in result.scenarios]
    assert document["baseline"]["sources"]["retention"] == "sbg"
    assert document["claims"]["churn"]["sentence"] == result.churn.sentence()
    english = invoke(capsys, *cli, "--lang", "en", *args, "--claims")
    assert english.code == 0, english.err
    for words in ("Inputs (your orders 2020–2024", "your data", "sBG", "Baseline",
                  "retention=+0.05", "Customers at end", "Claim 1", result.churn.sentence("en"),
                  result.cost_ratio.sentence("en")):  # fmt: skip
        assert words in english.out.replace("\n", " ") or words in english.out, words
    chinese = invoke(capsys, *cli, "--lang", "zh", *args, "--claims")
    assert chinese.code == 0 and "基准" in chinese.out and "说法一" in chinese.out
    assert result.churn.sentence("zh") in chinese.out.replace("\n", "")
    plain = invoke(capsys, *cli, "simulate", "--years", "3")
    assert plain.code == 0 and "--claims" in plain.out
    given = json.loads(
        invoke(capsys, *cli, "simulate", "--retention", "0.6,0.8", "--acquisition-cost", "800",
               "--margin", "0.4", "--new", "30", "--referral-rate", "0.05", "--win-back-rate",
               "0.1", "--discount-rate", "0.08", "--format", "json").out
    )  # fmt: skip
    inputs, sources = given["baseline"]["inputs"], given["baseline"]["sources"]
    assert inputs["retention"] == [0.6, 0.8] and inputs["acquisition_cost"] == 800
    assert inputs["discount_rate"] == 0.08 and inputs["new"] == 30
    mine = ("retention", "acquisition_cost", "margin", "new", "referral_rate", "win_back_rate")
    assert {sources[k] for k in (*mine, "discount_rate")} == {"user"}
    csv = invoke(capsys, *cli, "simulate", "--years", "4", "--format", "csv")
    assert csv.code == 0 and csv.out.count("\n") == 5


def test_simulate_refusals(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url, "simulate")
    refused(capsys, "validation.number_range", *cli, "--years", "0")
    refused(capsys, "validation.number_range", *cli, "--years", "51")
    refused(capsys, "error.option", *cli, "--retention", "high")
    refused(capsys, "validation.number_range", *cli, "--retention", "1.2")
    refused(capsys, "validation.number_range", *cli, "--retention", "0.5,-0.1")
    refused(capsys, "validation.number_range", *cli, "--acquisition-cost", "-1")
    refused(capsys, "validation.number_range", *cli, "--margin", "1.5")
    refused(capsys, "validation.number_range", *cli, "--new", "-3")
    refused(capsys, "validation.number_range", *cli, "--referral-rate", "2")
    refused(capsys, "validation.number_range", *cli, "--win-back-rate", "-0.5")
    refused(capsys, "validation.number_range", *cli, "--discount-rate", "3")
    refused(capsys, "error.option", *cli, "--scenario", "retention")
    refused(capsys, "simulate.unknown_input", *cli, "--scenario", "churn=+0.05")
    refused(capsys, "simulate.bad_change", *cli, "--scenario", "retention=lots")
    refused(capsys, "validation.number_range", *cli, "--scenario", "margin=2")
    done = refused(capsys, "validation.number_range", "--lang", "zh", *cli, "--margin", "1.5")
    assert "--margin" in done.err
