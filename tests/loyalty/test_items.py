"""The kinds of loyalty and the loyalty index from the loyalty statements: every rule
by hand (ties, reversed statements, a dimension supplied from elsewhere, the latest
wave, several respondents of one customer), the index staying in 0–100 (hypothesis),
and the statement file checked by entry and key."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.loyalty import DIMENSIONS, KINDS, load_items, loyalty_index, loyalty_kinds
from custvalue.loyalty.items import match_items


def _answers(rows: list[tuple[str | None, str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema=["customer_id", "wave", "item", "score"], orient="row"
    ).with_columns(pl.col("score").cast(pl.Float64))


def test_the_shipped_statements_cover_every_kind_and_dimension() -> None:
    items = load_items()
    assert {i.kind for i in items} - {None} == set(KINDS)
    assert {i.dimension for i in items} - {None} == set(DIMENSIONS)
    assert len({i.id for i in items}) == len(items)


def test_each_kind_by_hand() -> None:
    answers = _answers([
        ("A", "w1", "L15", 6), ("A", "w1", "L16", 7),  # behavioural 6.5
        ("A", "w1", "L11", 7), ("A", "w1", "L12", 6),  # affective 6.5: a tie, the stronger wins
        ("B", "w1", "L09", 6), ("B", "w1", "L10", 5),  # impulse 5.5
        ("B", "w1", "L13", 4),  # cognitive 4
        ("C", "w1", "L13", 4), ("C", "w1", "L11", 3),  # agrees with no kind
        ("D", "w1", "L07", 7),  # no kind's statement answered
        ("E", "w1", "  i like THIS brand ", 6),  # matched by its English text
        (None, "w1", "L15", 7),  # anonymous: no customer to classify
    ])  # fmt: skip
    table = loyalty_kinds(answers)
    kinds = dict(table.select("customer_id", "loyalty_kind").iter_rows())
    assert kinds == {
        "A": "behavioural", "B": "impulse", "C": "none_held", "D": "not_measured",
        "E": "affective",
    }  # fmt: skip
    b = table.filter(pl.col("customer_id") == "B").row(0, named=True)
    assert b["impulse"] == pytest.approx(5.5) and b["cognitive"] == 4 and b["affective"] is None
    assert loyalty_kinds(answers, agree=4)["loyalty_kind"].to_list()[2] == "cognitive"


def test_the_latest_wave_and_several_respondents() -> None:
    answers = _answers([
        ("A", "2024H1", "L15", 7), ("A", "2024H1", "L16", 7),
        ("A", "2024H2", "L09", 6), ("A", "2024H2", "L09", 4),  # two buyers of one customer
        ("A", "2024H2", "L15", 2),
    ])  # fmt: skip
    row = loyalty_kinds(answers).row(0, named=True)
    assert row["impulse"] == pytest.approx(5.0) and row["behavioural"] == 2
    assert row["loyalty_kind"] == "impulse"


def test_the_index_by_hand() -> None:
    answers = _answers([
        ("A", "w1", "L01", 7),  # satisfaction 100
        ("A", "w1", "L02", 4), ("A", "w1", "L03", 1),  # experience (50 + 0) / 2 = 25
        ("A", "w1", "L07", 7), ("A", "w1", "L09", 7),  # loyalty (100 + reversed 0) / 2 = 50
        ("B", "w1", "L05", 1),  # engagement 0: measured, not missing
        ("B", "w1", "L15", 7),  # a kind's statement only: no dimension
    ])  # fmt: skip
    supplied = pl.DataFrame(
        {"customer_id": ["A", "B", "Z"], "satisfaction": [10.0, 80.0, 60.0],
         "loyalty": [None, 90.0, None]}
    )  # fmt: skip
    table = loyalty_index(answers, supplied=supplied)
    rows = {r["customer_id"]: r for r in table.iter_rows(named=True)}
    a, b, z = rows["A"], rows["B"], rows["Z"]
    # the customer's own statement wins over a supplied figure
    assert (a["satisfaction"], a["experience"], a["loyalty"]) == (100, 25, 50)
    assert a["value"] is None and a["dimensions"] == 3
    assert a["loyalty_index"] == pytest.approx((100 + 25 + 50) / 3)
    assert (b["engagement"], b["satisfaction"], b["loyalty"], b["dimensions"]) == (0, 80, 90, 3)
    assert b["loyalty_index"] == pytest.approx(170 / 3)
    assert z["dimensions"] == 1 and z["loyalty_index"] == 60


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from([i.id for i in load_items()]),
            st.integers(1, 7),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_the_index_stays_between_0_and_100(rows: list[tuple[str, str, int]]) -> None:
    answers = _answers([(c, "w1", i, s) for c, i, s in rows])
    table = loyalty_index(answers)
    for column in ("loyalty_index", *DIMENSIONS):
        values = table[column].drop_nulls()
        assert ((values >= 0) & (values <= 100)).all()
    assert (table["dimensions"].is_between(1, 5)).all()
    kinds = loyalty_kinds(answers)
    assert set(kinds["loyalty_kind"]) <= {*KINDS, "none_held", "not_measured"}


def test_unknown_statements_are_named() -> None:
    matched, unmatched = match_items(_answers([("A", "w1", "L01", 5), ("A", "w1", "价格", 3)]),
                                     load_items())  # fmt: skip
    assert matched["item_id"].to_list() == ["L01"] and unmatched == ["价格"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[[item]]\nid = "X"\nzh = "甲"\nen = "a"\nkind = "greed"\n', "kind"),
        ('[[item]]\nid = "X"\nzh = "甲"\nen = "a"\n', "dimension"),
        (
            '[[item]]\nid = "X"\nzh = "甲"\nen = "a"\ndimension = "value"\nreverse = "yes"\n',
            "reverse",
        ),
        ('[[item]]\nid = "X"\nzh = ""\nen = "a"\ndimension = "value"\n', "zh"),
        ('[[item]]\nid = "X"\nzh = "甲"\nen = "a"\ndimension = "value"\nweight = 2\n', "weight"),
        (
            '[[item]]\nid = "X"\nzh = "甲"\nen = "a"\ndimension = "value"\n'
            '[[item]]\nid = "x"\nzh = "乙"\nen = "b"\ndimension = "value"\n',
            "id",
        ),
    ],
)
def test_a_bad_statement_file_is_refused_by_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "items.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_items(path)
    assert caught.value.code == "loyalty.bad_item"
    assert caught.value.params["key"] == key and str(path) in caught.value.message("en")


def test_an_unreadable_or_empty_statement_file(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as caught:
        load_items(tmp_path / "missing.toml")
    assert caught.value.code == "loyalty.items_unreadable"
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_items(empty)
    assert caught.value.code == "loyalty.no_items"
    broken = tmp_path / "broken.toml"
    broken.write_text("[[item]\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_items(broken)
    assert caught.value.code == "loyalty.items_unreadable"
