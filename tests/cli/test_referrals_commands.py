"""``custvalue referrals …`` on the demo company (both engines, both languages): what
each command prints is what the store holds; running credit twice pays nothing twice;
refusals exit 1 with their key."""

from __future__ import annotations

import json

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused


@pytest.fixture
def demo_url(db_url: str) -> str:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=60, seed=7), seed=7)
        # the demo has its own referral claims: start these tests from none
        db.execute("DELETE FROM referral_payouts")
        db.execute("DELETE FROM referral_claims")
        db.execute("DELETE FROM settings WHERE key LIKE 'referral.%'")
    return db_url


def _headers(out: str) -> list[str]:
    """The header lines of the tables printed."""
    return [line for line in out.splitlines() if line.startswith("┃")]


def test_a_programme_worked_through(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url)
    assert "No reward rules yet" in invoke(capsys, *cli, "--lang", "en", "referrals", "rules").out
    rules = invoke(capsys, *cli, "--lang", "en", "referrals", "rules", "--referrer-reward", "500",
                   "--kind", "points", "--min-order", "100", "--freeze-days", "30")  # fmt: skip
    assert rules.code == 0 and "referrer's reward: 500 points" in rules.out
    assert "100.00 yuan" in rules.out
    assert "500 积分" in invoke(capsys, *cli, "--lang", "zh", "referrals", "rules").out
    imported = invoke(capsys, *cli, "--lang", "en", "referrals", "import-ledger")
    with connect(demo_url) as db:
        referred = db.scalar("SELECT count(*) FROM customers WHERE referred_by IS NOT NULL")
        assert db.scalar("SELECT count(*) FROM referral_claims WHERE source = 'import'") == referred
    assert imported.code == 0 and f"{referred} claim(s) made" in imported.out
    again = invoke(capsys, *cli, "--lang", "en", "referrals", "import-ledger")
    assert f"0 claim(s) made from the ledger's referrals. Left out: {referred} already" in again.out
    claims = json.loads(invoke(capsys, *cli, "referrals", "claims", "--format", "json").out)
    assert {c["status"] for c in claims["claims"]} == {"credited"}
    dry = json.loads(
        invoke(capsys, *cli, "referrals", "credit", "--dry-run", "--format", "json").out
    )
    assert dry["dry_run"] and len(dry["payouts"]) > 0
    with connect(demo_url) as db:
        assert db.scalar("SELECT count(*) FROM referral_payouts") == 0
    paid = invoke(capsys, *cli, "--lang", "en", "referrals", "credit", "--limit", "5")
    assert paid.code == 0 and f"Paid now: {len(dry['payouts'])} payout(s)" in paid.out
    assert "5 of" in paid.out
    with connect(demo_url) as db:
        assert db.scalar("SELECT count(*) FROM referral_payouts") == len(dry["payouts"])
    twice = json.loads(invoke(capsys, *cli, "referrals", "credit", "--format", "json").out)
    assert twice["payouts"] == []
    assert "没有新的奖励需要发放" in invoke(capsys, *cli, "--lang", "zh", "referrals", "credit").out
    csv = invoke(capsys, *cli, "referrals", "credit", "--dry-run", "--format", "csv")
    assert csv.code == 0 and "happened_at" in csv.out.splitlines()[0]
    # a later claim for a credited referee is kept and shown refused
    credited = claims["claims"][0]
    other = "C00060" if credited["referrer_id"] != "C00060" else "C00059"
    bound = invoke(capsys, *cli, "--lang", "en", "referrals", "bind", credited["referee_id"],
                   "--by", other, "--source", "link")  # fmt: skip
    assert bound.code == 0 and "another referrer was bound first" in bound.out
    assert credited["referrer_id"] in bound.out
    itself = invoke(capsys, *cli, "--lang", "zh", "referrals", "bind", "C00001", "--by", "C00001")
    assert "自己推荐自己" in itself.out
    shown = invoke(capsys, *cli, "--lang", "en", "referrals", "claims", "--customer", other)
    assert "refused" in shown.out
    board = json.loads(invoke(capsys, *cli, "referrals", "leaderboard", "--format", "json").out)
    assert board["months"] and {r["month"] for r in board["leaderboard"]} == {board["months"][0]}
    for lang in ("en", "zh"):
        for command in (("claims",), ("leaderboard", "--all"), ("credit", "--dry-run")):
            done = invoke(capsys, *cli, "--lang", lang, "referrals", *command)
            assert done.code == 0 and not any("_" in h for h in _headers(done.out)), done.out


def test_excellent_and_the_plan(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url)
    found = json.loads(
        invoke(capsys, *cli, "referrals", "excellent", "--min-orders-per-year", "2",
               "--min-contribution", "1000", "--format", "json").out
    )  # fmt: skip
    assert found["criteria"] == {"min_orders_per_year": 2, "min_contribution_cents": 100000}
    rows = {r["customer_id"]: r for r in found["table"]}
    assert found["to_ask"] and all(
        rows[c]["excellent"] and rows[c]["referred"] == 0 for c in found["to_ask"]
    )
    assert [rows[c]["ask_rank"] for c in found["to_ask"]] == list(
        range(1, len(found["to_ask"]) + 1)
    )
    zh = invoke(capsys, *cli, "--lang", "zh", "referrals", "excellent", "--min-orders-per-year",
                "2", "--top", "3")  # fmt: skip
    assert zh.code == 0 and "满足全部标准" in zh.out and "显示" in zh.out
    en = invoke(capsys, *cli, "--lang", "en", "referrals", "excellent", "--min-years", "1",
                "--industry", "制造", "--industry", "零售")  # fmt: skip
    assert en.code == 0 and "industry: 制造, 零售" in en.out
    assert not any("_" in h for h in _headers(en.out + zh.out))
    plan = invoke(capsys, *cli, "--lang", "en", "referrals", "plan", "--start", "2023-01-01",
                  "--periods", "4", "--unit", "quarter", "--as-of", "2023-08-15")  # fmt: skip
    assert plan.code == 0 and "Goal saved." in plan.out and "×2 in 4 quarter(s)" in plan.out
    assert not any("_" in h for h in _headers(plan.out))
    progress = json.loads(
        invoke(capsys, *cli, "referrals", "plan", "--as-of", "2023-08-15", "--format", "json").out
    )
    assert progress["goal"]["start"] == "2023-01-01" and progress["base"] > 0
    statuses = [p["status"] for p in progress["periods"]]
    assert statuses == ["done", "done", "current", "future"]
    with connect(demo_url) as db:
        base = db.scalar("SELECT count(*) FROM customers WHERE acquired_on < DATE '2023-01-01'")
    assert progress["base"] == base
    zh_plan = invoke(capsys, *cli, "--lang", "zh", "referrals", "plan", "--as-of", "2023-08-15")
    assert "个季度内达到 ×2" in zh_plan.out and "进行中" in zh_plan.out


def test_refusals(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    cli = ("--db", demo_url, "referrals")
    # before any rules or goal
    refused(capsys, "referrals.no_rules", *cli, "credit")
    refused(capsys, "referrals.no_rules", *cli, "leaderboard")
    refused(capsys, "referrals.no_rules", *cli, "rules", "--freeze-days", "7")
    refused(capsys, "referrals.no_goal", *cli, "plan")
    # bind
    refused(capsys, "referrals.unknown_customer", *cli, "bind", "ZZ", "--by", "C00001")
    refused(capsys, "referrals.unknown_customer", *cli, "bind", "C00002", "--by", "ZZ")
    refused(capsys, "validation.choice", *cli, "bind", "C00002", "--by", "C00001", "--source", "x")
    refused(capsys, "error.option", *cli, "bind", "C00002", "--by", "C00001", "--at", "2024-13-01")
    refused(capsys, "referrals.in_future", *cli, "bind", "C00002", "--by", "C00001", "--at",
            "2999-01-01 10:00")  # fmt: skip
    # rules
    refused(capsys, "validation.choice", *cli, "rules", "--referrer-reward", "5", "--kind", "gift")
    refused(capsys, "error.option", *cli, "rules", "--referrer-reward", "5", "--min-order", "1.234")
    refused(capsys, "validation.number_range", *cli, "rules", "--referrer-reward", "-5")
    refused(capsys, "validation.not_whole", *cli, "rules", "--referrer-reward", "2.5")
    refused(capsys, "validation.number_range", *cli, "rules", "--referrer-reward", "5",
            "--freeze-days", "-1")  # fmt: skip
    assert invoke(capsys, *cli, "rules", "--referrer-reward", "500").code == 0
    refused(capsys, "referrals.restate_rewards", *cli, "rules", "--kind", "cash")
    refused(capsys, "error.option", *cli, "rules", "--kind", "cash", "--referrer-reward", "1.005")
    # claims, credit, leaderboard
    refused(capsys, "error.option", *cli, "claims", "--as-of", "yesterday")
    refused(capsys, "validation.number_range", *cli, "claims", "--limit", "0")
    refused(capsys, "error.option", *cli, "credit", "--as-of", "2024-02-30")
    refused(capsys, "referrals.in_future", *cli, "credit", "--as-of", "2999-01-01")
    refused(capsys, "referrals.bad_month", *cli, "leaderboard", "--month", "2024-13")
    refused(capsys, "error.option", *cli, "leaderboard", "--as-of", "2024-1-1 9")
    # excellent
    refused(capsys, "referral.no_criteria", *cli, "excellent")
    refused(capsys, "validation.choice", *cli, "excellent", "--min-years", "1", "--contribution",
            "profit")  # fmt: skip
    refused(capsys, "referrals.no_snapshot", *cli, "excellent", "--min-years", "1",
            "--contribution", "value")  # fmt: skip
    refused(capsys, "validation.number_range", *cli, "excellent", "--min-years", "-1")
    refused(capsys, "validation.number_range", *cli, "excellent", "--min-years", "1", "--top", "0")
    refused(capsys, "error.option", *cli, "excellent", "--min-contribution", "0.001")
    refused(capsys, "error.option", *cli, "excellent", "--min-years", "1", "--as-of", "2024/01/01")
    # plan
    refused(capsys, "error.option", *cli, "plan", "--start", "January")
    refused(capsys, "validation.choice", *cli, "plan", "--start", "2023-01-01", "--unit", "week")
    refused(capsys, "validation.number_range", *cli, "plan", "--start", "2023-01-01",
            "--factor", "1")  # fmt: skip
    refused(capsys, "validation.number_range", *cli, "plan", "--start", "2023-01-01",
            "--periods", "0")  # fmt: skip
    refused(capsys, "referral.empty_base", *cli, "plan", "--start", "2019-01-01")
    refused(capsys, "referrals.no_goal", *cli, "plan")  # the goal refused was not kept
    refused(capsys, "error.option", *cli, "plan", "--as-of", "2023-02-30")
