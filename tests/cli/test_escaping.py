"""Output that cannot be turned against the user: control characters in customer data
(ANSI escape sequences, C1 controls, bidi overrides) are shown as escapes in every
table, sentence and error message, on a real terminal too."""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from custvalue.cli.common import state
from custvalue.cli.main import main
from custvalue.cli.render import Format, Metric, emit_metrics
from custvalue.data.db import connect

RED = "\x1b[31mRED\x1b[0m"
RED_SHOWN = "\\x1b[31mRED\\x1b[0m"
NAMES = {"E1": RED, "E2": "\u202eevil", "E3": "[bold red]markup[/]", "E4": "C1\x9b2Jcsi"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    state.last_error = None
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_no_raw_controls(text: str) -> None:
    for raw in ("\x1b", "\u202e", "\x9b"):
        assert raw not in text, repr(text)


@pytest.fixture
def nasty_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A store whose customer names hold control characters. The importer refuses them
    now, but a store also holds what older versions or other programs wrote: the names are
    written with SQL, as such a program would."""
    db = str(tmp_path / "nasty.db")
    customers = tmp_path / "customers.csv"
    with customers.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["customer_id", "name"])
        writer.writerows((cid, f"name {cid}") for cid in NAMES)
    orders = tmp_path / "orders.csv"
    lines = [f"{cid},2024-01-0{i + 1},{10 * (i + 1)}" for i, cid in enumerate(NAMES)]
    orders.write_text("customer_id,date,amount\n" + "\n".join(lines) + "\n", encoding="utf-8")
    for kind, path in (("customers", customers), ("orders", orders)):
        code, _, err = run(capsys, "--db", db, "import", kind, str(path))
        assert code == 0, err
    store = connect(db)
    try:
        for cid, name in NAMES.items():
            store.execute("UPDATE customers SET name = ? WHERE customer_id = ?", (name, cid))
    finally:
        store.close()
    return db


def test_table_cells_show_control_characters_as_escapes(
    nasty_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["value"], ["rfm", "--customers"], ["tiers", "--customers"], ["report"]):
        code, out, err = run(capsys, "--db", nasty_db, *args)
        assert code == 0, err
        _assert_no_raw_controls(out + err)
        assert RED_SHOWN in out and "\\u202eevil" in out, args
        assert "[bold red]markup[/]" in out  # no markup read from data
        assert "C1\\x9b2Jcsi" in out


def test_metric_tables_escape_too(capsys: pytest.CaptureFixture[str]) -> None:
    emit_metrics([Metric("seg\x1b[2J", RED, "text")], Format.table, title="t\u202e")
    out, _ = capsys.readouterr()
    _assert_no_raw_controls(out)
    assert "seg\\x1b[2J" in out and RED_SHOWN in out and "t\\u202e" in out


def test_error_messages_escape_control_characters_and_markup(
    nasty_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", nasty_db, "value", "--customer", "X\x1b[2J\u202e")
    assert code == 1 and out == "" and state.last_error == "error.not_found"
    _assert_no_raw_controls(err)
    assert "Not found: customer X\\x1b[2J\\u202e" in err
    code, _, err = run(capsys, "--db", nasty_db, "value", "--customer", "[red]x[/red]")
    assert code == 1 and "customer [red]x[/red]" in err


def test_usage_and_language_errors_escape_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "val\x1b[31mue")
    assert code == 2
    _assert_no_raw_controls(err)
    assert "val\\x1b[31mue" in err
    code, _, err = run(capsys, "--lang", "\u202exx", "value")
    assert code == 2
    _assert_no_raw_controls(err)
    assert "\\u202exx" in err


def test_rejected_rows_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(
        f"customer_id,date,amount\nC1,2024-01-01,10\nC2,2024-01-02,{RED}\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "import", "orders", str(orders))
    assert code == 0, err
    _assert_no_raw_controls(out + err)
    assert "31mRED" in out  # the value, its ESC shown as an escape


def test_a_file_named_with_control_characters_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "o\x1b[2J\u202e.csv"
    orders.write_text("customer_id,date,amount\nC1,2024-01-01,10\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "import", "orders", str(orders))
    assert code == 0, err
    _assert_no_raw_controls(out + err)
    assert "o\\x1b[2J\\u202e.csv (orders): 1 imported" in out


def test_json_keeps_the_data_and_shows_no_raw_control(
    nasty_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", nasty_db, "value", "--format", "json")
    assert code == 0
    _assert_no_raw_controls(out)
    names = {row["customer_id"]: row["name"] for row in json.loads(out)}
    assert names == NAMES


# -- on a real terminal ------------------------------------------------------------------


def _on_a_terminal(*args: str) -> tuple[int, str]:
    """Run the CLI with its standard output and error on a pseudo-terminal."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "CUSTVALUE_LANG": "en"}
    done = subprocess.Popen(
        [sys.executable, "-c", "from custvalue.cli import run; run()", *args],
        stdout=follower,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return done.wait(), b"".join(chunks).decode("utf-8", "replace")


def test_on_a_terminal_tables_escape_the_data(nasty_db: str) -> None:
    code, shown = _on_a_terminal("--db", nasty_db, "value")
    assert code == 0, shown
    assert RED not in shown and "\u202e" not in shown and "\x9b" not in shown
    assert RED_SHOWN in shown and "\\u202eevil" in shown


def test_on_a_terminal_csv_is_text_without_bom_and_escaped(nasty_db: str) -> None:
    code, shown = _on_a_terminal("--db", nasty_db, "value", "--format", "csv")
    assert code == 0, shown
    assert "\ufeff" not in shown and shown.startswith("customer_id,")
    assert RED not in shown and RED_SHOWN in shown


def test_on_a_terminal_xlsx_is_refused(nasty_db: str) -> None:
    code, shown = _on_a_terminal("--db", nasty_db, "value", "--format", "xlsx")
    assert code == 1
    assert "--format xlsx writes an Excel file, which a terminal cannot show" in shown
    assert "--output FILE.xlsx" in " ".join(shown.split())


def test_xlsx_onto_a_terminal_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from custvalue.cli.exports import Format, resolve
    from custvalue.exceptions import DataValidationError

    leader, follower = pty.openpty()
    with os.fdopen(follower, "w") as terminal:
        monkeypatch.setattr(sys, "stdout", terminal)
        with pytest.raises(DataValidationError) as refused:
            resolve(Format.xlsx, None, no_bom=False, wide=False)
        assert refused.value.code == "output.xlsx_terminal"
        assert resolve(Format.csv, None, no_bom=False, wide=False).fmt is Format.csv
    os.close(leader)
