"""The corpus: nasty files, each imported through the real command line on DuckDB and
PostgreSQL, with its expected outcome in a manifest.

Every ``tests/corpus/manifest-*.toml`` is loaded (``manifest-reading.toml``: encodings and
CSV structure; ``manifest-ids.toml``: identifiers; ``manifest-values.toml``: dates, amounts
and numbers; ``manifest-excel.toml``: workbooks). A manifest is a list of ``[[case]]``
tables; paths are relative to ``tests/corpus/``; store columns are those of the kind's
table (``orders.amount_cents``, ``customers.name``, ``cva_ratings.rating`` …)::

    [[case]]
    file = "reading/orders_gbk_one_utf8_row.csv"   # required: the file to import
    kind = "orders"                  # required: custvalue import KIND FILE
    args = ["--strict"]              # extra arguments of the import command
    exit = 0                         # the exit code (default 0, or 1 with ``refused``);
                                     # any failure must leave the store empty
    stored = 3                       # rows in the kind's table after the import (and, on
                                     # success, the report's ``imported``)
    rejected = [{ line = 4, reason = "import.line_utf8_in_gbk" }]
                                     # exactly these (line, reason key) pairs, in the JSON
                                     # report; ``[[4, "import.…"]]`` pairs too; default none
    total_cents = 50850              # SUM(amount_cents) of the kind's table (orders, costs)
    total = 508.50                   # the same in yuan
    sums = { rating = 17 }           # SUM(column) of the kind's table, per column
    values = { product = ["华为平板", "大米"] }
                                     # the distinct non-null values of columns, any order
    customers = 3                    # rows in the customers table (no phantom customers)
    encoding = "gbk"                 # the encoding the imports table records
    multiline = [[2, 3]]             # stored rows spanning lines, as the report lists them
    refused = "import.unclosed_quote"   # the file is refused: exit 1, no JSON report, and
                                     # the message of this key (English and Chinese
                                     # templates) is what the command prints
    message = ["line 4"]             # texts the output must contain; or one message key
                                     # whose English template must match the error
    note = "why the file is here"    # free text

No output of any case may contain "unexpected" or "Traceback"; an unknown key fails the
case, so a typo never turns a check into no check. ``test_files_are_listed`` checks that
every data file under ``tests/corpus/`` has a case and every case a file;
``test_generated_files_are_committed`` that ``make_reading.py`` and ``make_values.py``
write the bytes committed, ``test_generated_workbooks_are_committed`` that
``make_excel.py`` writes the workbooks committed.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from custvalue.cli.main import main
from custvalue.data.db import Database, connect
from custvalue.data.kinds import spec_of
from custvalue.i18n import _catalog, has_key
from tests.corpus import make_excel, make_reading, make_values

HERE = Path(__file__).parent
KNOWN_KEYS = frozenset(
    {
        "file",
        "kind",
        "args",
        "exit",
        "stored",
        "rejected",
        "total_cents",
        "total",
        "sums",
        "values",
        "customers",
        "encoding",
        "multiline",
        "refused",
        "message",
        "note",
    }
)


def _cases() -> list[dict[str, Any]]:
    cases = []
    for manifest in sorted(HERE.glob("manifest-*.toml")):
        with manifest.open("rb") as handle:
            for case in tomllib.load(handle)["case"]:
                cases.append({**case, "_manifest": manifest.name})
    return cases


CASES = _cases()


def _template(key: str, lang: str) -> re.Pattern[str]:
    """The message of ``key`` with every field a wildcard, spaces loose."""
    english, chinese = _catalog()[key]
    text = english if lang == "en" else chinese
    parts = re.split(r"\{[^{}]*\}", text)
    pattern = ".+?".join(r"\s*".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(pattern, re.S)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _case_id(case: dict[str, Any]) -> str:
    return " ".join([case["file"], *case.get("args", [])])


def _pairs(entries: list[Any]) -> list[tuple[int, str]]:
    """Rejected rows as ``(line, reason key)``, from ``{line, reason}`` tables or pairs."""
    return sorted(
        (e["line"], e["reason"]) if isinstance(e, dict) else (e[0], e[1]) for e in entries
    )


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_case(case: dict[str, Any], db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = set(case) - KNOWN_KEYS - {"_manifest"}
    assert not unknown, f"{case['_manifest']}: unknown keys {unknown}"
    path = HERE / case["file"]
    kind = case["kind"]
    args = [*case.get("args", [])]
    command = ["--db", db_url, "import", kind, str(path), *args]
    code, out, err = _run(capsys, *command, "--format", "json")
    output = out + err
    assert "unexpected" not in output and "Traceback" not in output, output
    assert code == case.get("exit", 1 if "refused" in case else 0), output
    db = connect(db_url)
    try:
        table = spec_of(kind).table
        stored = db.scalar(f"SELECT count(*) FROM {table}")
        if code != 0:  # nothing written, whatever the reason
            assert stored == 0 and db.scalar("SELECT count(*) FROM imports") == 0, output
        if "stored" in case:
            assert stored == case["stored"], output
        report = json.loads(out) if out.strip() else None
        if "refused" in case:
            assert report is None and _template(case["refused"], "en").search(err), output
            if db_url.endswith(".db"):  # the Chinese message too (once: on DuckDB)
                code, _, zh = _run(capsys, "--lang", "zh", *command)
                assert code == 1 and _template(case["refused"], "zh").search(zh), zh
        else:
            assert report is not None, output
            got = _pairs([[r["line"], r["code"]] for r in report["rejected"]])
            assert got == _pairs(case.get("rejected", [])), report["rejected"]
            if code == 0:
                assert report["imported"] == stored
        message = case.get("message", [])
        if isinstance(message, str):  # a message key
            assert _template(message, "en").search(err), output
        else:
            for text in message:
                assert text in output, (text, output)
        _check_store(db, case, table)
        if report is not None and code == 0:
            multiline = [[s["line"], s["last_line"]] for s in report.get("multiline", [])]
            assert multiline == case.get("multiline", [])
            if multiline:  # the table report lists them too
                code, text, _ = _run(capsys, "--db", db_url, "import", kind, str(path), *args)
                assert code == 0 and _template("cli.import_multiline", "en").search(text), text
                assert f"{multiline[0][0]}–{multiline[0][1]}" in text
    finally:
        db.close()


def _check_store(db: Database, case: dict[str, Any], table: str) -> None:
    """The store's content: totals, sums, values, customers and the recorded encoding."""
    if "total_cents" in case:
        assert db.scalar(f"SELECT sum(amount_cents) FROM {table}") == case["total_cents"]
    if "total" in case:
        total = db.scalar(f"SELECT sum(amount_cents) FROM {table}")
        assert (total or 0) / 100 == pytest.approx(case["total"])
    for column, expected in case.get("sums", {}).items():
        assert db.scalar(f"SELECT sum({column}) FROM {table}") == pytest.approx(expected)
    for column, values in case.get("values", {}).items():
        rows = db.fetchall(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL")
        assert sorted(r[0] for r in rows) == sorted(values)
    if "customers" in case:
        assert db.scalar("SELECT count(*) FROM customers") == case["customers"]
    if "encoding" in case:
        assert db.scalar("SELECT encoding FROM imports") == case["encoding"]


def test_a_clean_import_after_a_mixed_one_counts_nothing_twice(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Orders keyed by their content (no order id), in GBK with one UTF-8 row: were that
    row read as GBK, its product would be mojibake, and the clean export imported later
    would store it again, doubling its revenue. It is refused instead, and the clean
    import adds exactly it."""
    header = "客户编号,下单日期,金额,产品\n"
    rows = [
        "C1,2024-01-05,120.50,苹果手机\n",
        "C2,2024-01-06,88.00,红米手机\n",
        "C3,2024-02-01,15,茶叶\n",
    ]
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes((header + rows[0]).encode("gbk") + rows[1].encode() + rows[2].encode("gbk"))
    clean = tmp_path / "clean.csv"
    clean.write_bytes((header + "".join(rows)).encode("gbk"))
    code, output, _ = _run(capsys, "--db", db_url, "import", "orders", str(mixed))
    assert code == 0 and "1 rows rejected" in output
    code, output, _ = _run(capsys, "--db", db_url, "import", "orders", str(clean))
    assert code == 0 and "1 imported" in output and "2 duplicates" in output, output
    db = connect(db_url)
    try:
        assert db.scalar("SELECT sum(amount_cents) FROM orders") == 22350
        assert db.scalar("SELECT count(*) FROM orders") == 3
        assert db.scalar("SELECT count(*) FROM customers") == 3
        products = sorted(r[0] for r in db.fetchall("SELECT product FROM orders"))
        assert products == sorted(["苹果手机", "红米手机", "茶叶"])
    finally:
        db.close()


def test_files_are_listed() -> None:
    """Every corpus file has a case, and every case's file exists."""
    listed = {c["file"] for c in CASES}
    present = {
        p.relative_to(HERE).as_posix()
        for p in HERE.rglob("*")
        if p.is_file() and p.parent != HERE and p.suffix != ".py" and "__pycache__" not in p.parts
    }
    assert listed == present
    runs = [_case_id(c) for c in CASES]
    assert len(set(runs)) == len(runs), "a case is listed twice"


@pytest.mark.parametrize("maker", [make_reading, make_values], ids=["reading", "values"])
def test_generated_files_are_committed(tmp_path: Path, maker: Any) -> None:
    """``make_reading.py`` and ``make_values.py`` write exactly the committed bytes."""
    folder = HERE / maker.HERE.name
    for path in maker.write(tmp_path):
        assert path.read_bytes() == (folder / path.name).read_bytes(), path.name
    assert {p.name for p in folder.iterdir()} == set(maker.FILES)


def test_generated_workbooks_are_committed(tmp_path: Path) -> None:
    """``make_excel.py`` writes the committed workbooks: the same parts with the same
    bytes (the compressed bytes may differ between zlib builds), other files byte for
    byte; ``orders.xls`` is committed as it is."""
    folder = HERE / "excel"
    for path in make_excel.write(tmp_path):
        written, committed = path.read_bytes(), (folder / path.name).read_bytes()
        assert make_excel.parts(written) == make_excel.parts(committed), path.name
    assert {p.name for p in folder.iterdir()} == set(make_excel.FILES) | make_excel.COMMITTED


def test_corpus_files_are_small() -> None:
    """The corpus stays small in the repository; the zip bomb is small by nature."""
    big = {p.name: p.stat().st_size for p in HERE.rglob("*") if p.is_file()}
    assert max(big.values()) <= 200_000, max(big, key=lambda n: big[n])


def test_manifest_keys_exist_in_the_catalogs() -> None:
    for case in CASES:
        for key in [case.get("refused"), *(r for _, r in _pairs(case.get("rejected", [])))]:
            if key:
                assert has_key(key), (case["file"], key)
