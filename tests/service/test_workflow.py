"""The complaint workflow: every allowed and refused move, closing with the call-back,
reopening with a reason, milestones, configured workflows, and complaint numbers."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.service import Move, Status, Workflow, complaint_number, parse_complaint_number

FLOW = Workflow()
CODES = ("received", "investigating", "resolving", "replied", "callback", "closed")


def test_the_default_statuses_and_labels() -> None:
    assert FLOW.codes == CODES
    assert (FLOW.first, FLOW.final) == ("received", "closed")
    zh = [FLOW.label(c, "zh") for c in CODES]
    assert zh == ["受理", "调查", "处理", "反馈", "回访", "结案"]
    assert FLOW.label("callback", "en") == "call-back"
    assert FLOW.reopen_from == ("replied", "callback", "closed")


def test_milestones() -> None:
    assert FLOW.reaches("received") == ()
    assert FLOW.reaches("investigating") == ("response",)  # the first move out of received
    assert FLOW.reaches("resolving") == ("response",)
    assert FLOW.reaches("replied") == ("response", "resolution")
    assert FLOW.reaches("closed") == ("response", "resolution")


@pytest.mark.parametrize(
    ("current", "target", "kind"),
    [
        ("received", "investigating", "forward"),
        ("received", "replied", "forward"),  # a skip: solved on the phone
        ("investigating", "resolving", "forward"),
        ("replied", "callback", "forward"),
    ],
)
def test_forward_moves(current: str, target: str, kind: str) -> None:
    move = FLOW.check_move(current, target)
    assert (move.kind, move.target) == (kind, target)
    assert move.reaches == FLOW.reaches(target)


def test_closing_needs_the_call_back() -> None:
    with pytest.raises(DataValidationError) as err:
        FLOW.check_move("callback", "closed")
    assert err.value.code == "service.close_needs_callback"
    assert "1–5" in str(err.value)
    scored = FLOW.check_move("callback", "closed", satisfaction=4)
    assert (scored.kind, scored.satisfaction, scored.unreachable) == ("close", 4, False)
    gone = FLOW.check_move("replied", "closed", unreachable=True)
    assert (gone.kind, gone.satisfaction, gone.unreachable) == ("close", None, True)
    assert gone.to_dict()["kind"] == "close"
    assert Workflow(close_needs_callback=False).check_move("callback", "closed").kind == "close"


@pytest.mark.parametrize("score", [0, 6, 4.5, "5"])
def test_a_bad_satisfaction_is_refused(score: object) -> None:
    with pytest.raises(DataValidationError, match="satisfaction"):
        FLOW.check_move("callback", "closed", satisfaction=score)  # type: ignore[arg-type]


def test_a_score_and_unreachable_together_are_refused() -> None:
    with pytest.raises(DataValidationError) as err:
        FLOW.check_move("callback", "closed", satisfaction=3, unreachable=True)
    assert err.value.code == "service.callback_conflict"


@pytest.mark.parametrize("current", ["replied", "callback", "closed"])
def test_reopening_needs_a_reason(current: str) -> None:
    with pytest.raises(DataValidationError) as err:
        FLOW.check_move(current, "resolving", reason="  ")
    assert err.value.code == "service.reopen_needs_reason"
    move = FLOW.check_move(current, "resolving", reason=" the fix did not hold ")
    assert move == Move(current, "resolving", "reopen", ("response",), "the fix did not hold")


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("investigating", "received"),  # back, but not a reopen
        ("resolving", "investigating"),
        ("closed", "investigating"),  # a reopen goes to resolving only
        ("replied", "replied"),  # staying put is not a move
        ("closed", "closed"),
    ],
)
def test_refused_moves_name_the_allowed_ones(current: str, target: str) -> None:
    with pytest.raises(DataValidationError) as err:
        FLOW.check_move(current, target, reason="why not")
    assert err.value.code == "service.bad_move"
    allowed = ", ".join(FLOW.allowed_moves(current)) or "—"
    assert allowed in str(err.value)


def test_allowed_moves() -> None:
    assert FLOW.allowed_moves("received") == CODES[1:]
    assert FLOW.allowed_moves("callback") == ("resolving", "closed")
    assert FLOW.allowed_moves("closed") == ("resolving",)


def test_unknown_statuses_are_refused() -> None:
    with pytest.raises(DataValidationError) as err:
        FLOW.check_move("received", "done")
    assert err.value.code == "service.unknown_status"
    assert "callback" in str(err.value)
    with pytest.raises(DataValidationError) as err:
        FLOW.reaches("open")
    assert err.value.code == "service.unknown_status"


@given(
    current=st.sampled_from(CODES),
    target=st.sampled_from(CODES),
    score=st.none() | st.integers(1, 5),
)
def test_every_pair_is_either_a_move_or_refused(
    current: str, target: str, score: int | None
) -> None:
    """A move is allowed exactly when the target is in allowed_moves (given the facts)."""
    try:
        move = FLOW.check_move(current, target, reason="r", satisfaction=score)
    except DataValidationError as err:
        assert err.code in ("service.bad_move", "service.close_needs_callback")
        assert target not in FLOW.allowed_moves(current) or (target == "closed" and score is None)
    else:
        assert move.target in FLOW.allowed_moves(current)


# -- configured workflows ----------------------------------------------------------------------


def test_a_workflow_of_ones_own() -> None:
    flow = Workflow.from_mapping(
        {
            "statuses": [
                "new",
                {"code": "assigned", "en": "assigned", "zh": "已分派"},
                "solved",
                "done",
            ],
            "responded": "assigned",
            "resolved": "solved",
            "reopen_to": "assigned",
            "close_needs_callback": False,
        }
    )
    assert flow.codes == ("new", "assigned", "solved", "done")
    assert flow.label("assigned", "zh") == "已分派"
    assert flow.label("new", "zh") == "new"  # no label given: the code
    assert flow.reopen_from == ("solved", "done")
    assert flow.check_move("done", "assigned", reason="again").kind == "reopen"
    assert flow.check_move("new", "done").kind == "close"
    assert flow.reaches("solved") == ("response", "resolution")
    two = Workflow(statuses=(Status("a"), Status("b")), responded="b", resolved="b", reopen_to=None)
    assert (two.final, two.reopen_from, two.allowed_moves("b")) == ("b", (), ())


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"statuses": ["only"]}, "service.workflow_too_short"),
        ({"statuses": ["a", "a", "b"]}, "service.workflow_bad_status"),
        ({"statuses": ["New", "b"]}, "service.workflow_bad_status"),
        ({"responded": "answered"}, "service.workflow_unknown_status"),
        ({"reopen_from": ["gone"]}, "service.workflow_unknown_status"),
        ({"responded": "replied", "resolved": "investigating"}, "service.workflow_order"),
        ({"reopen_to": "callback"}, "service.workflow_order"),
        ({"stages": ["a", "b"]}, "service.workflow_bad_key"),
    ],
)
def test_bad_workflows_are_refused(options: dict[str, object], code: str) -> None:
    with pytest.raises(DataValidationError) as err:
        Workflow.from_mapping(options)
    assert err.value.code == code


# -- complaint numbers -------------------------------------------------------------------------


def test_complaint_numbers() -> None:
    assert complaint_number(datetime(2026, 12, 4, 23, 59), 1) == "TS20261204-0001"
    assert complaint_number(datetime(2026, 1, 2, 0, 0), 9999, prefix="KS") == "KS20260102-9999"
    assert parse_complaint_number(" TS20261204-0042 ") == ("TS", date(2026, 12, 4), 42)


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    sequence=st.integers(1, 9999),
)
def test_numbers_read_back_and_sort_in_order(day: date, sequence: int) -> None:
    number = complaint_number(datetime.combine(day, datetime.min.time()), sequence)
    assert parse_complaint_number(number) == ("TS", day, sequence)
    later = complaint_number(datetime.combine(day, datetime.min.time()), min(sequence + 1, 9999))
    assert number <= later


@pytest.mark.parametrize("sequence", [0, 10000, 1.5])
def test_a_bad_sequence_is_refused(sequence: object) -> None:
    with pytest.raises(DataValidationError, match="sequence"):
        complaint_number(datetime(2026, 12, 4), sequence)  # type: ignore[arg-type]


@pytest.mark.parametrize("prefix", ["ts", "", "TOOLONGX", "T1"])
def test_a_bad_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(DataValidationError) as err:
        complaint_number(datetime(2026, 12, 4), 1, prefix=prefix)
    assert err.value.code == "service.bad_number_prefix"


@pytest.mark.parametrize(
    "text", ["TS2026124-0001", "TS20261304-0001", "TS20261204-0000", "20261204-0001", 42]
)
def test_bad_numbers_are_refused(text: object) -> None:
    with pytest.raises(DataValidationError) as err:
        parse_complaint_number(text)  # type: ignore[arg-type]
    assert err.value.code == "service.bad_complaint_number"
