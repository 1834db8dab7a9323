"""Identifiers as people mean them (custvalue.data.ids): the rule, the refusals, the id
corpus (tests/corpus/manifest-ids.toml, run by tests/corpus/test_corpus.py on both engines), and
lookups by typed ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.cli.main import main
from custvalue.cva.store import load_survey
from custvalue.data.db import connect
from custvalue.data.ids import (
    MAX_ID_LENGTH,
    check_ids,
    lookup_forms,
    match_id,
    normalize_id,
    normalize_ids,
    problem_params,
    shown_value,
)
from custvalue.data.importing import import_frames
from custvalue.data.kinds import TABLE_SPECS
from custvalue.data.parsing import parse_ids, parse_text
from custvalue.delivered.value import compare
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

CORPUS = Path(__file__).parents[1] / "corpus"
FIVE = ["C1", "C\u200b1", "Ｃ１", "C1\u00a0", "\u3000C1"]
_TABLES = {"customers": "customers", "orders": "orders", "costs": "costs"}
_AMOUNT = {"orders": "amount_cents / 100.0", "costs": "amount_cents / 100.0"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- the rule ------------------------------------------------------------------------------


def test_the_five_spellings_of_c1_are_one_id() -> None:
    assert {normalize_id(v) for v in FIVE} == {"C1"}
    assert normalize_ids(pl.Series(FIVE)).to_list() == ["C1"] * 5
    assert normalize_id("\ufeffC1") == "C1" and normalize_id("C\u00ad1") == "C1"
    assert normalize_id("ＡＢＣ－１２") == "ABC-12"
    # spaces inside stay (one space for a no-break one); white space at the ends goes
    assert normalize_id(" C\u00a01\t") == "C 1"
    assert normalize_ids(pl.Series(["", "\u200b", " ", None])).to_list() == [None] * 4


_TRICKY = st.sampled_from(
    list("C1 ａＺ１\u00a0\u3000\u2003\u200b\u200d\u2060\ufeff\u00ad\t\n\x00\x1b\u202e\u2066")
    + ["ｶ", "ﾞ", "①", "㈱", "ﬁ", "\u0301", "e", "𠀀", "\x85", "\u2028", "名"]
)


@given(st.lists(st.text(_TRICKY, max_size=8), min_size=1, max_size=6))
def test_one_implementation_idempotent_and_equal_for_one_id_and_a_column(
    values: list[str],
) -> None:
    column = normalize_ids(pl.Series(values, dtype=pl.String)).to_list()
    assert [v or "" for v in column] == [normalize_id(v) for v in values]
    again = normalize_ids(pl.Series(column, dtype=pl.String)).to_list()
    assert again == column
    for value in column:
        if value:
            assert value == value.strip() and "\u200b" not in value and "\ufeff" not in value


def test_refusals_name_the_character_and_show_it_escaped() -> None:
    values = pl.Series(["C\u202e1", "C\x001", "C\t1", "C\u20611", "x" * 101, "x" * 100, "C1"])
    reasons = check_ids(normalize_ids(values)).to_list()
    assert reasons == [
        "import.bad_id_bidi",
        "import.bad_id_control",
        "import.bad_id_control",
        "import.bad_id_control",
        "import.id_too_long",
        None,
        None,
    ]
    assert problem_params("import.bad_id_bidi", "C\u202e1", 100) == {
        "char": "U+202E",
        "position": 2,
    }
    assert problem_params("import.bad_id_control", "  C\x001", 100) == {
        "char": "U+0000",
        "position": 4,
    }
    assert problem_params("import.id_too_long", " " + "x" * 101, 100) == {
        "length": 101,
        "limit": 100,
    }
    assert shown_value("C\u202e1") == "C\\u202e1" and shown_value("C\x001") == "C\\u00001"
    assert shown_value("a\u00a0b\u200b") == "a\\u00a0b\\u200b"
    long = shown_value("y" * 1_000_000)
    assert long is not None and len(long) == 61 and long.endswith("…")
    message = t("import.bad_id_bidi", char="U+202E", position=2)
    assert "U+202E" in message and "2" in message
    assert "U+202E" in t("import.bad_id_bidi", lang="zh", char="U+202E", position=2)


def test_refused_ids_and_text_have_no_value() -> None:
    ids = parse_ids(pl.Series(["C1", "C\x001", "Ｃ２"]))
    assert ids.values.to_list() == ["C1", None, "C2"]
    text = parse_text(pl.Series([" A4\t纸 ", "多行\n产品", "Bo\x00b", "\x1b[31m", "名" * 1001]))
    assert text.values.to_list() == ["A4\t纸", "多行\n产品", None, None, None]
    assert text.reasons.to_list() == [
        None,
        None,
        "import.bad_text_control",
        "import.bad_text_control",
        "import.text_too_long",
    ]
    # text is kept as written: no NFKC, inner zero-width characters stay
    assert parse_text(pl.Series(["Ｃ\u200b１"])).values.to_list() == ["Ｃ\u200b１"]


def test_every_key_and_id_column_of_every_kind_follows_the_rule() -> None:
    """Every string column of a natural key is an ``id`` or ``key`` field (or bounded
    text), and the key's longest value fits a PostgreSQL B-tree entry (2704 bytes)."""
    for kind, spec in TABLE_SPECS.items():
        budget = 0
        for name in spec.key:
            f = spec.field(name)
            if f.kind in ("id", "key", "text"):
                assert f.kind != "text" or f.max_length is not None, (kind, name)
                limit = f.length_limit
                assert limit is not None
                budget += 4 * limit  # four bytes per character at most in UTF-8
        assert budget <= 2600, (kind, budget)
    for kind in ("customers", "orders", "costs"):
        spec = TABLE_SPECS[kind]
        ids = [f.name for f in spec.fields if f.name.endswith(("_id", "_by"))]
        assert all(spec.field(n).kind == "id" for n in ids), kind
    for kind in ("ratings", "market", "deals"):
        assert TABLE_SPECS[kind].field("competitor").kind == "key"
    assert TABLE_SPECS["events"].field("actor").kind == "key"


def test_lookups_try_the_normal_form_first_then_the_id_as_typed() -> None:
    assert lookup_forms("C1") == ("C1",)
    assert lookup_forms("Ｃ１") == ("C1", "Ｃ１")
    assert match_id("Ｃ１", ["C1", "Ｃ１"]) == "C1"
    assert match_id("Ｃ１", ["Ｃ１"]) == "Ｃ１"  # stored before the rule
    assert match_id("C2", ["C1"]) is None
    assert MAX_ID_LENGTH == 100


# --- the corpus, on both engines -------------------------------------------------------------


def _stored(db_url: str, kind: str) -> dict[str, Any]:
    table = _TABLES.get(kind, f"cva_{kind}")
    db = connect(db_url)
    try:
        out: dict[str, Any] = {
            "stored": db.scalar(f"SELECT COUNT(*) FROM {table}"),
            "customers": db.scalar("SELECT COUNT(*) FROM customers"),
        }
        if kind in _AMOUNT:
            total = db.scalar(f"SELECT SUM({_AMOUNT[kind]}) FROM {table}")
            out["total"] = None if total is None else float(total)
        return out
    finally:
        db.close()


def test_five_spellings_are_one_customer_with_one_total(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db_url, "import", "orders", str(CORPUS / "ids/five_c1.csv"))
    assert code == 0, err
    db = connect(db_url)
    try:
        rows = db.fetchall("SELECT customer_id, SUM(amount_cents) FROM orders GROUP BY 1")
        assert [(str(c), int(s)) for c, s in rows] == [("C1", 15050)]
        assert [str(r[0]) for r in db.fetchall("SELECT customer_id FROM customers")] == ["C1"]
    finally:
        db.close()
    # the same file again: every order is a duplicate, nothing counted twice
    code, out, err = run(
        capsys,
        "--db",
        db_url,
        "import",
        "orders",
        str(CORPUS / "ids/five_c1.csv"),
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["imported"] == 0 and json.loads(out)["duplicates"] == 5


def test_a_megabyte_id_is_a_row_refusal_on_both_engines(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1_000_000))
    path = tmp_path / "huge.csv"
    path.write_text(
        f"order_id,customer_id,date,amount\no1,C1,2024-01-01,10\no2,{huge},2024-01-02,20\n"
        f"o3,C3,2024-01-03,30\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", db_url, "import", "orders", str(path), "--format", "json")
    assert code == 0, err
    (refusal,) = json.loads(out)["rejected"]
    assert refusal["line"] == 3 and refusal["code"] == "import.id_too_long"
    assert refusal["column"] == "customer_id" and len(refusal["value"]) == 61
    assert "1000000" in refusal["reason"] and "100" in refusal["reason"]
    assert _stored(db_url, "orders")["stored"] == 2


def test_refusal_messages_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    bidi = str(CORPUS / "ids/bidi.csv")
    code, out, _ = run(capsys, "--db", db, "import", "orders", bidi)
    assert code == 0
    assert "C\\u202e1" in out and "U+202E" in out and "customer_id" in out
    code, out, _ = run(capsys, "--lang", "zh", "--db", db, "import", "orders", bidi)
    assert code == 0 and "双向文本控制字符 U+202E" in out


# --- lookups ---------------------------------------------------------------------------------


def test_value_finds_the_customer_however_the_id_is_typed(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db_url, "import", "orders", str(CORPUS / "ids/five_c1.csv"))
    assert code == 0, err
    for typed in FIVE:
        code, out, err = run(
            capsys, "--db", db_url, "value", "--customer", typed, "--format", "json"
        )
        assert code == 0, err
        assert json.loads(out)["customer_id"] == "C1" and json.loads(out)["revenue"] == 150.5
    code, _, err = run(capsys, "--db", db_url, "value", "--customer", "C2")
    assert code == 1 and "C2" in err


def test_ids_stored_before_the_rule_are_kept_and_still_found(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = connect(db_url)
    try:
        with db.transaction():
            db.execute("INSERT INTO customers (customer_id) VALUES (?)", ["Ｃ９"])
            db.execute(
                "INSERT INTO orders (order_id, customer_id, ordered_at, amount_cents, key_source)"
                " VALUES (?, ?, ?, ?, ?)",
                ["old-1", "Ｃ９", "2023-05-01 00:00:00", 1000, "id"],
            )
    finally:
        db.close()
    code, out, err = run(capsys, "--db", db_url, "value", "--customer", "Ｃ９", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["customer_id"] == "Ｃ９"
    # a new import spells it C9: another customer; the stored one is not rewritten
    new = CORPUS.parent / "corpus" / "ids" / "five_c1.csv"
    code, _, err = run(capsys, "--db", db_url, "import", "orders", str(new))
    assert code == 0, err
    db = connect(db_url)
    try:
        ids = sorted(str(r[0]) for r in db.fetchall("SELECT customer_id FROM customers"))
    finally:
        db.close()
    assert ids == ["C1", "Ｃ９"]


def test_survey_lookups_by_brand_and_wave(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    rivals = str(CORPUS / "ids/rival_names.csv")
    code, out, err = run(
        capsys,
        "--db",
        db_url,
        "import",
        "ratings",
        rivals,
        "--us",
        "ＡＢＣ办公",
        "--format",
        "json",
    )
    assert code == 0, err
    db = connect(db_url)
    try:
        names = sorted(
            str(r[0]) for r in db.fetchall("SELECT DISTINCT competitor FROM cva_ratings")
        )
        assert names == ["ABC办公", "XYZ"]
        survey = load_survey(db, us="\u3000ＡＢＣ办公", wave="Ｗ１")
        assert survey.us == "ABC办公" and survey.ratings.height == 4
    finally:
        db.close()
    code, _, err = run(capsys, "--db", db_url, "import", "ratings", rivals, "--us", "ABC")
    assert code == 1 and "ABC办公" in err


def test_delivered_lookups_by_offering_and_segment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offers.csv"
    path.write_text(
        "segment,offering,component,kind,amount\n"
        "大客户,ＡＢＣ,产品价值,value,100\n大客户,ABC,货币成本,cost,80\n"
        "大客户,XYZ,产品价值,value,90\n大客户,XYZ,货币成本,cost,60\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys,
        "delivered",
        str(path),
        "--us",
        "ＡＢＣ",
        "--rival",
        "ＸＹＺ\u200b",
        "--segment",
        "大客户\u00a0",
        "--part",
        "comparison",
        "--format",
        "json",
    )
    assert code == 0, err
    body = json.loads(out)
    assert body["us"] == "ABC" and body["rival"] == "XYZ"
    assert [r["rival"] for r in body["comparison"]] == ["XYZ"]
    offers = pl.DataFrame(
        {
            "offering": ["A1", "A1", "B"],
            "component": ["产品价值", "价格", "价格"],
            "amount": [9.0, 5.0, 4.0],
        }
    )
    assert compare(offers, "Ａ１").us == "A1"


def test_frames_built_in_code_follow_the_rule(db_url: str) -> None:
    db = connect(db_url)
    try:
        orders = pl.DataFrame(
            {
                "customer_id": ["Ｃ１", "C1\u200b", "C\x002"],
                "date": ["2024-01-01", "2024-01-02", "2024-01-03"],
                "amount": ["10", "20", "30"],
            }
        )
        result = import_frames(db, {"orders": orders}, strict=False)["orders"]
        assert result.imported == 2 and result.customers_created == 1
        assert [(r.line, r.reason) for r in result.rejected] == [(4, "import.bad_id_control")]
        customers = pl.DataFrame({"customer_id": ["C5"], "attributes": ['{"city": "南\x00京"}']})
        with pytest.raises(DataValidationError) as caught:
            import_frames(db, {"customers": customers})
        assert caught.value.code == "frames.bad_attributes"
        assert db.scalar("SELECT COUNT(*) FROM customers") == 1
    finally:
        db.close()
