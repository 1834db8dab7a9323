"""``custvalue card …`` on the demo company (both engines, both languages): amounts typed
in 元, what each command prints is what the ledger holds, refusals exit 1 with their key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused


@pytest.fixture
def demo_url(db_url: str) -> str:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=40, seed=11), seed=11)
        # the demo has its own cards: start these tests from none
        db.execute("DELETE FROM card_movements")
        db.execute("DELETE FROM cards")
    return db_url


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    done = invoke(capsys, *args, "--format", "json")
    assert done.code == 0, done.err
    return json.loads(done.out)  # type: ignore[no-any-return]


def test_a_card_worked_through(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    cli = ("--db", demo_url, "--lang", "en")
    opened = invoke(capsys, *cli, "card", "open", "--customer", "C00001", "--at", "2024-01-01")
    assert (
        opened.code == 0 and "Card VIP000001 opened for" in opened.out and "(C00001)" in opened.out
    )
    done = invoke(
        capsys, *cli, "card", "recharge", "VIP000001", "1,000", "--at", "2024-01-02 10:00"
    )
    assert "1,000.00 元 recharged onto card VIP000001" in done.out
    assert "Stored value 0.00 → 1,000.00 元" in done.out
    done = invoke(capsys, *cli, "card", "spend", "VIP000001", "600", "--ref", "R1",
                  "--venue", "客房", "--stored", "600", "--at", "2024-01-03 12:00")  # fmt: skip
    assert done.code == 0, done.err
    assert "Bill R1 at Rooms" in done.out and "3,000 points earned" in done.out
    assert "Tier: Standard → Silver" in done.out
    spent = _json(capsys, *cli, "card", "spend", "vip000001", "200", "--ref", "F1",
                  "--venue", "restaurant", "--points", "2000", "--stored", "180.00",
                  "--at", "2024-02-01 19:00")  # fmt: skip
    assert [m["kind"] for m in spent["movements"]] == ["spend", "redeem", "earn"]
    assert spent["after"] == {"stored_cents": 22_000, "points": 1990}
    shown = _json(capsys, *cli, "card", "show", "VIP000001", "--as-of", "2024-12-31")
    assert (shown["stored_cents"], shown["points"], shown["tier"]["key"]) == (
        22_000,
        1990,
        "silver",
    )
    zh = invoke(capsys, "--db", demo_url, "--lang", "zh", "card", "show", "VIP000001")
    assert "储值 220.00 元" in zh.out and "积分抵扣" in zh.out and "餐厅" in zh.out
    assert "card_" not in zh.out and "redeem" not in zh.out
    expired = invoke(capsys, *cli, "card", "expire", "--today", "2025-01-02")
    assert "1,000 points expired on 1 card(s)" in expired.out
    back = invoke(capsys, "--db", demo_url, "--lang", "zh", "card", "refund", "VIP000001", "R1",
                  "--at", "2025-01-05 10:00")  # fmt: skip
    assert back.code == 0 and "已退款" in back.out and "追回所得积分 990" in back.out
    assert "10.10 元" in back.out and "会员等级：银卡 → 普通会员" in back.out
    statement = _json(capsys, *cli, "card", "statement", "VIP000001", "--from", "2024-01-01",
                      "--to", "2024-12-31")  # fmt: skip
    assert statement["closing"] == {"stored_cents": 22_000, "points": 1990}
    for lang in ("en", "zh"):
        text = invoke(capsys, "--db", demo_url, "--lang", lang, "card", "statement", "VIP000001")
        assert text.code == 0 and "card_" not in text.out
    adjusted = invoke(capsys, *cli, "card", "adjust", "VIP000001", "--reason", "goodwill",
                      "--points", "500", "--stored", "-9.90")  # fmt: skip
    assert adjusted.code == 0 and "809.90 → 800.00 元" in adjusted.out
    listed = _json(capsys, *cli, "card", "list")
    assert listed["total"] == 1 and listed["stored_cents"] == 80_000
    table = invoke(capsys, "--db", demo_url, "--lang", "zh", "card", "list")
    assert "VIP000001" in table.out and "800.00" in table.out and "card_" not in table.out
    csv = invoke(capsys, *cli, "card", "list", "--format", "csv")
    assert csv.code == 0 and "VIP000001" in csv.out


def test_the_member_list_and_the_policy(
    capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path
) -> None:
    cli = ("--db", demo_url, "--lang", "en")
    path = tmp_path / "members.csv"
    path.write_text(
        "card_no,customer_id,holder,opened,balance,points,points expiry\n"
        "M1,C00002,,2023-05-01,300.00,1200,2025-12-31\n"
        "M2,,Li Lei,2023-05-02,50,0,\n"
        "M3,NOBODY,,2023-05-02,50,0,\n"
        "M4,,Han,2023-05-02,12.345,0,\n",
        encoding="utf-8",
    )
    strict = refused(capsys, "store.strict_failed", *cli, "card", "import", str(path), "--strict")
    assert "Rejected rows" in strict.out and "NOBODY" in strict.out and "12.345" in strict.out
    assert "nothing was imported" in strict.err
    done = invoke(capsys, *cli, "card", "import", str(path))
    assert done.code == 0 and "2 card(s) imported" in done.out and "2 row(s) refused" in done.out
    assert "NOBODY" in done.out and "12.345" in done.out
    again = _json(capsys, *cli, "card", "import", str(path))
    assert again["imported"] == 0 and {r["line"] for r in again["rejected"]} == {2, 3, 4, 5}
    shown = _json(capsys, *cli, "card", "show", "M1")
    assert (shown["stored_cents"], shown["points"]) == (30_000, 1200)
    # the policy
    policy = invoke(capsys, "--db", demo_url, "--lang", "zh", "card", "policy")
    assert "实付金额的 5%" in policy.out and "银卡" in policy.out
    saved = invoke(capsys, *cli, "card", "policy", "--set", "earn_rate=0.08",
                   "--set", "expiry_days=never")  # fmt: skip
    assert saved.code == 0 and "8 % of the money paid" in saved.out and "never" in saved.out
    tiers = tmp_path / "tiers.toml"
    tiers.write_text(
        '[member]\nthreshold = 0\nname = "会员"\nname_en = "Member"\n'
        '[star]\nthreshold = 100\nearn_multiplier = "1.5"\nname = "星级"\nname_en = "Star"\n',
        encoding="utf-8",
    )
    changed = _json(capsys, *cli, "card", "policy", "--tiers", str(tiers))
    assert [t["key"] for t in changed["tiers"]] == ["member", "star"]
    assert changed["policy"]["earn_rate"] == "0.08"


def test_refusals(capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path) -> None:
    cli = ("--db", demo_url)
    assert invoke(capsys, *cli, "card", "open", "--holder", "张三", "--at", "2024-01-01").code == 0
    card = ("card", "recharge", "VIP000001")
    for amount in ("600.505", "abc", "0", "1e3", "¥"):
        refused(capsys, "error.option", *cli, *card, amount)
    refused(capsys, "error.option", *cli, *card, "--", "-5")
    refused(capsys, "error.option", *cli, *card, "10", "--at", "yesterday")
    refused(capsys, "cards.future_time", *cli, *card, "10", "--at", "2099-01-01")
    refused(capsys, "error.option", *cli, "card", "open", "--holder", "x", "--points", "-1")
    refused(capsys, "error.option", *cli, "card", "open", "--holder", "x", "--stored", "1.001")
    refused(capsys, "error.option", *cli, "card", "open", "--holder", "x",
            "--points-expire", "2025-02-30")  # fmt: skip
    refused(capsys, "cards.needs_holder", *cli, "card", "open")
    refused(capsys, "cards.unknown_customer", *cli, "card", "open", "--customer", "NOBODY")
    refused(capsys, "cards.card_exists", *cli, "card", "open", "--card", "VIP000001",
            "--holder", "x")  # fmt: skip
    refused(capsys, "cards.unknown_card", *cli, "card", "show", "NOPE")
    refused(capsys, "cards.unknown_card", *cli, "card", "statement", "NOPE")
    refused(capsys, "error.option", *cli, "card", "statement", "VIP000001", "--from", "June")
    assert invoke(capsys, *cli, *card, "100", "--at", "2024-01-02").code == 0
    spend = ("card", "spend", "VIP000001")
    refused(capsys, "error.option", *cli, *spend, "50", "--ref", "b", "--stored", "1.234")
    refused(capsys, "error.option", *cli, *spend, "50", "--ref", "b", "--points", "-3")
    refused(capsys, "cards.stored_short", *cli, *spend, "500", "--ref", "b", "--stored", "500")
    refused(capsys, "card.points_short", *cli, *spend, "50", "--ref", "b", "--points", "10")
    refused(capsys, "cards.exceeds_bill", *cli, *spend, "50", "--ref", "b", "--stored", "60")
    refused(capsys, "cards.needs_text", *cli, *spend, "50", "--ref", " ")
    refused(capsys, "card.unknown_spend", *cli, "card", "refund", "VIP000001", "NOPE")
    refused(capsys, "cards.adjust_nothing", *cli, "card", "adjust", "VIP000001", "--reason", "x")
    refused(capsys, "error.option", *cli, "card", "adjust", "VIP000001", "--reason", "x",
            "--stored", "0")  # fmt: skip
    refused(capsys, "cards.stored_short", *cli, "card", "adjust", "VIP000001", "--reason", "x",
            "--stored", "-100.01")  # fmt: skip
    refused(capsys, "cards.before_last", *cli, "card", "adjust", "VIP000001", "--reason", "x",
            "--points", "5", "--at", "2024-01-01 08:00")  # fmt: skip
    refused(capsys, "error.option", *cli, "card", "expire", "--today", "2025-13-01")
    refused(capsys, "cards.unknown_card", *cli, "card", "expire", "NOPE")
    refused(capsys, "error.option", *cli, "card", "policy", "--set", "earn_rate")
    refused(capsys, "card.unknown_setting", *cli, "card", "policy", "--set", "bonus=1")
    refused(capsys, "card.bad_rate", *cli, "card", "policy", "--set", "earn_rate=-1")
    refused(capsys, "cards.tiers_file", *cli, "card", "policy", "--tiers", str(tmp_path / "x.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("[silver\nthreshold = 1", encoding="utf-8")
    refused(capsys, "cards.tiers_file", *cli, "card", "policy", "--tiers", str(bad))
    refused(capsys, "import.file_missing", *cli, "card", "import", str(tmp_path / "none.csv"))
    empty = tmp_path / "members.csv"
    empty.write_text("card_no,holder\n", encoding="utf-8")
    refused(capsys, "import.missing_columns", *cli, "card", "import", str(empty))
    refused(capsys, "validation.number_range", *cli, "card", "list", "--limit", "0")
    with connect(demo_url) as db:  # nothing refused was written
        assert db.scalar("SELECT count(*) FROM card_movements") == 1
        assert db.scalar("SELECT count(*) FROM cards") == 1
