"""The output rules: spreadsheet cells neutralised, control characters made visible,
files written whole or not at all."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custvalue.exceptions import DataValidationError
from custvalue.output import check_writable, json_safe, neutralise, visible, write_atomic

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("text", ["=1+1", "+41", "-A1", "@SUM(A1)", "\tx", "\rx", "=", "-"])
def test_a_formula_start_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["C-1", "a=b", "", "'=already", "１＝", -5, -5.0, 0, None, True])
def test_other_values_stay_as_they_are(value: object) -> None:
    assert neutralise(value) == value and type(neutralise(value)) is type(value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mRED\x1b[0m", "\\x1b[31mRED\\x1b[0m"),
        ("\u202eevil", "\\u202eevil"),
        ("a\u2066b\u2069", "a\\u2066b\\u2069"),
        ("\x9b2J", "\\x9b2J"),  # the one-byte CSI of C1
        ("\x07bell\x08", "\\x07bell\\x08"),
        ("del\x7f", "del\\x7f"),
        ("cr\rover", "cr\\rover"),
        ("tab\tx", "tab\\tx"),
        ("line\u2028sep", "line\\u2028sep"),
        ("客户 名称", "客户 名称"),
        ("emoji 👍🏽 zwj 👨‍👩‍👧", "emoji 👍🏽 zwj 👨‍👩‍👧"),
    ],
)
def test_control_characters_become_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_newlines_are_kept_in_messages_only() -> None:
    assert visible("a\nb") == "a\\nb"
    assert visible("a\nb\x1b", newlines=True) == "a\nb\\x1b"


@given(st.text())
def test_visible_leaves_no_control_character_and_is_stable(text: str) -> None:
    shown = visible(text)
    assert not UNSAFE.search(shown) and "\n" not in shown and "\t" not in shown
    assert visible(shown) == shown


@given(st.text())
def test_json_safe_is_the_same_json_value(text: str) -> None:
    dumped = json_safe(json.dumps({"name": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"name": text}
    assert not UNSAFE.search(dumped)


def test_write_atomic_writes_whole_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and os.listdir(tmp_path) == ["out.csv"]


@pytest.mark.parametrize(
    ("where", "key"),
    [
        (lambda p: p, "output.is_folder"),
        (lambda p: p / "missing" / "x.csv", "output.no_folder"),
        (lambda p: p / "file.txt" / "x.csv", "output.not_a_folder"),
    ],
)
def test_paths_that_cannot_be_written_are_refused_by_name(
    tmp_path: Path, where: object, key: str
) -> None:
    (tmp_path / "file.txt").write_text("keep", encoding="utf-8")
    path = where(tmp_path)  # type: ignore[operator]
    with pytest.raises(DataValidationError) as caught:
        write_atomic(path, b"x")
    assert caught.value.code == key and str(path) in caught.value.message()
    with pytest.raises(DataValidationError):
        check_writable(path)
    assert sorted(os.listdir(tmp_path)) == ["file.txt"]
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux's /proc")
def test_a_folder_that_takes_no_new_file_is_refused_with_the_systems_reason() -> None:
    # /proc takes no new file, even for root (for whom every permission check passes)
    with pytest.raises(DataValidationError) as caught:
        write_atomic("/proc/custvalue-out.csv", b"x")
    expected = "output.cannot_write" if os.geteuid() == 0 else "output.not_writable"
    assert caught.value.code == expected
    assert "/proc/custvalue-out.csv" in caught.value.message()
