"""Every refusal of the card ledger and its operations, by its error code."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from custvalue.card import CardPolicy, Movement, adjust, recharge, refund, replay, spend, statement
from custvalue.card.ledger import CardState
from custvalue.exceptions import CustValueError, DataValidationError, NotFoundError
from custvalue.i18n import t

T0 = datetime(2024, 1, 1, 9)


def mv(i: int, kind: str, **fields: Any) -> Movement:
    """Movement ``i`` of card C1, ``i`` hours after T0 unless ``at`` is given."""
    card = fields.pop("card_id", "C1")
    at = fields.pop("at", T0 + timedelta(hours=i))
    return Movement(i, card, at, kind, **fields)


# recharge 1 000 元, spend 600 元 in rooms (bill R1), earn 3 000 points in lot 3
BASE = [
    mv(1, "recharge", stored_cents=100_000, ref="P1"),
    mv(2, "spend", venue="rooms", stored_cents=-60_000, paid_cents=60_000, ref="R1"),
    mv(3, "earn", venue="rooms", points=3_000, ref="R1", expires_on=date(2025, 1, 1)),
]
REFUNDED = mv(4, "refund", stored_cents=60_000, paid_cents=-60_000, ref="R1")
POINTS_BILL = mv(4, "spend", venue="bar", paid_cents=0, ref="F1")  # a bill paid with points


@pytest.mark.parametrize(
    "extra, code",
    [
        (
            [mv(4, "spend", stored_cents=-50_000, paid_cents=50_000, ref="R2")],
            "card.insufficient_stored",
        ),
        (
            [POINTS_BILL, mv(5, "redeem", points=-3_001, lot=3, ref="F1")],
            "card.insufficient_points",
        ),
        ([mv(4, "earn", points=10, ref="NOPE")], "card.unknown_spend"),
        ([mv(4, "refund", ref="NOPE")], "card.unknown_spend"),
        (
            [REFUNDED, mv(5, "refund", stored_cents=60_000, paid_cents=-60_000, ref="R1")],
            "card.already_refunded",
        ),
        ([REFUNDED, mv(5, "earn", points=5, ref="R1")], "card.already_refunded"),
        ([mv(4, "spend", stored_cents=-1, paid_cents=1, ref="R1")], "card.duplicate_ref"),
        ([mv(4, "recharge", stored_cents=1, ref="P1")], "card.duplicate_ref"),
        ([mv(4, "spend", paid_cents=100, ref="")], "card.missing_ref"),
        ([mv(3, "recharge", stored_cents=1, at=T0 + timedelta(hours=5))], "card.out_of_order"),
        ([mv(4, "recharge", stored_cents=1, at=T0)], "card.out_of_order"),
        ([mv(4, "recharge", stored_cents=1, card_id="C2")], "card.other_card"),
        ([mv(4, "transfer", stored_cents=1)], "card.bad_kind"),
        ([mv(4, "recharge", stored_cents=-5)], "card.bad_field"),
        ([mv(4, "recharge", stored_cents=5, paid_cents=5)], "card.bad_field"),
        ([mv(4, "earn", points=5, ref="R1", lot=3)], "card.bad_field"),
        ([mv(4, "spend", stored_cents=-100, paid_cents=50, ref="X")], "card.bad_field"),
        ([mv(4, "adjust", note="nothing")], "card.bad_field"),
        ([mv(4, "adjust", stored_cents=1.5, note="float")], "card.bad_field"),
        ([POINTS_BILL, mv(5, "redeem", points=-1, lot=99, ref="F1")], "card.unknown_lot"),
        ([POINTS_BILL, mv(5, "redeem", points=-1, ref="F1")], "card.unknown_lot"),
        (
            [
                mv(4, "spend", paid_cents=0, ref="F1", at=datetime(2025, 1, 1)),
                mv(5, "redeem", points=-1, lot=3, ref="F1", at=datetime(2025, 1, 1)),
            ],
            "card.lot_expired",
        ),
        ([mv(4, "expire", points=-3_000, lot=3)], "card.not_expired"),
        (
            [mv(4, "refund", stored_cents=50_000, paid_cents=-60_000, ref="R1")],
            "card.refund_mismatch",
        ),
        (
            [mv(4, "refund", stored_cents=60_000, paid_cents=-50_000, ref="R1")],
            "card.refund_mismatch",
        ),
        ([REFUNDED, mv(5, "refund", points=1, lot=3, ref="R1")], "card.refund_mismatch"),
        ([REFUNDED, mv(5, "refund", points=-3_001, lot=3, ref="R1")], "card.refund_mismatch"),
        ([REFUNDED, mv(5, "refund", stored_cents=-3_001, ref="R1")], "card.refund_mismatch"),
        ([mv(4, "opening", stored_cents=5)], "card.opening_late"),
        ([mv(4, "adjust", stored_cents=5, note=" ")], "card.no_reason"),
    ],
)
def test_an_invalid_ledger_is_refused(extra: list[Movement], code: str) -> None:
    replay(BASE)  # the base is valid
    with pytest.raises(DataValidationError) as err:
        replay([*BASE, *extra])
    assert err.value.code == code
    assert "{" not in err.value.message("en") and "{" not in err.value.message("zh")


def test_a_lot_that_never_expires_cannot_be_expired() -> None:
    ledger = [mv(1, "opening", points=10), mv(2, "expire", points=-10, lot=1)]
    with pytest.raises(DataValidationError) as err:
        replay(ledger)
    assert err.value.code == "card.not_expired"


def test_times_must_be_datetimes_all_naive_or_all_aware() -> None:
    aware = mv(2, "recharge", stored_cents=1, at=datetime(2024, 1, 2, tzinfo=UTC))
    with pytest.raises(DataValidationError) as err:
        replay([BASE[0], aware])
    assert err.value.code == "card.bad_time"
    with pytest.raises(DataValidationError) as err:
        replay([mv(1, "recharge", stored_cents=1, at=date(2024, 1, 1))])
    assert err.value.code == "card.bad_time"
    with pytest.raises(DataValidationError) as err:
        recharge(replay(BASE), 100, date(2024, 2, 1))  # type: ignore[arg-type]
    assert err.value.code == "card.bad_time"


def _state() -> CardState:
    return replay(BASE)


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda s: recharge(s, 0, T0.replace(year=2025)), "card.bad_amount"),
        (lambda s: recharge(s, 10.5, T0.replace(year=2025)), "card.bad_amount"),
        (lambda s: recharge(s, True, T0.replace(year=2025)), "card.bad_amount"),
        (
            lambda s: spend(s, 100, T0.replace(year=2025), "bar", "B", points_used=-1),
            "card.bad_amount",
        ),
        (lambda s: adjust(s, T0.replace(year=2025), reason="x"), "card.bad_amount"),
        (lambda s: adjust(s, T0.replace(year=2025), reason="x", points=0.5), "card.bad_amount"),
        (lambda s: adjust(s, T0.replace(year=2025), reason="", points=5), "card.no_reason"),
        (
            lambda s: spend(
                s, 100, T0.replace(year=2025), "bar", "B", from_stored=80, points_used=21
            ),
            "card.exceeds_bill",
        ),
        (
            lambda s: spend(s, 100, T0.replace(year=2025), "bar", "", from_stored=100),
            "card.missing_ref",
        ),
        (
            lambda s: spend(s, 100, T0.replace(year=2025), "bar", "R1", from_stored=100),
            "card.duplicate_ref",
        ),
        (
            lambda s: spend(s, 50_000, T0.replace(year=2025), "bar", "B", from_stored=50_000),
            "card.insufficient_stored",
        ),
        (
            lambda s: spend(
                s, 5_000, T0.replace(year=2024, month=6), "bar", "B", points_used=3_001
            ),
            "card.points_short",
        ),
        # on 2025-01-01 lot 3 is past its date: no points are usable
        (
            lambda s: spend(s, 5_000, datetime(2025, 1, 1, 9), "bar", "B", points_used=1),
            "card.points_short",
        ),
        (
            lambda s: spend(s, 100, T0.replace(year=2025), "bar", "B", earn_multiplier="x"),
            "card.bad_rate",
        ),
        (
            lambda s: spend(s, 100, T0.replace(year=2025), "bar", "B", earn_multiplier=0),
            "card.bad_rate",
        ),
        (
            lambda s: spend(s, 100, T0.replace(year=2025), "bar", "B", earn_multiplier=30),
            "card.earn_above_value",
        ),
        (lambda s: recharge(s, 100, T0), "card.out_of_order"),
    ],
)
def test_an_invalid_operation_is_refused(call: Any, code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        call(_state())
    assert err.value.code == code


def test_unknown_things_are_not_found() -> None:
    state = _state()
    with pytest.raises(NotFoundError) as err:
        refund(state, "NOPE", T0.replace(year=2025))
    assert err.value.code == "card.unknown_spend"
    with pytest.raises(NotFoundError) as err:
        state.lot(99)
    assert err.value.code == "card.unknown_lot"


def test_an_operation_needs_a_card() -> None:
    with pytest.raises(DataValidationError) as err:
        recharge(replay([]), 100, T0)
    assert err.value.code == "card.no_card"


@pytest.mark.parametrize(
    "settings, code",
    [
        ({"earn_rate": "abc"}, "card.bad_rate"),
        ({"earn_rate": 2}, "card.bad_rate"),
        ({"earn_rate": float("nan")}, "card.bad_rate"),
        ({"earn_rate": None}, "card.bad_rate"),
        ({"earn_rate": "0.5", "point_value_cents": 3}, "card.earn_above_value"),
        ({"point_value_cents": 0}, "validation.number_range"),
        ({"expiry_days": 1.5}, "validation.not_whole"),
        ({"rounding": "ceil"}, "validation.choice"),
        ({"rate": "0.05"}, "card.unknown_setting"),
    ],
)
def test_a_bad_policy_is_refused(settings: dict[str, Any], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        CardPolicy.from_mapping(settings)
    assert err.value.code == code


def test_a_statement_needs_a_period() -> None:
    with pytest.raises(DataValidationError) as err:
        statement(BASE, start=date(2024, 2, 1), end=date(2024, 1, 1))
    assert err.value.code == "card.bad_period"
    with pytest.raises(DataValidationError) as err:
        statement(BASE, start="2024-01-01", end=date(2024, 1, 1))  # type: ignore[arg-type]
    assert err.value.code == "card.bad_period"


def test_messages_exist_in_both_languages() -> None:
    err: CustValueError = DataValidationError(
        "card.insufficient_points", movement_id=7, lot=3, need=5, balance=2
    )
    assert "lot 3" in err.message("en")
    assert "积分批次 3" in t(
        "card.insufficient_points", lang="zh", movement_id=7, lot=3, need=5, balance=2
    )
