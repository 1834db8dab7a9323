"""The console entry point: ``--lang`` reaches the help texts too."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from custvalue.cli import _lang_from

SCRIPT = "import sys; sys.argv = ['custvalue', *sys.argv[1:]]; from custvalue.cli import run; run()"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "zh", "clv", "--help"], "zh"),
        (["--lang=en", "value"], "en"),
        (["--db", "x.db", "--lang", "zh", "tiers"], "zh"),
        (["tiers", "--lang", "zh"], None),  # after the command: not the global option
        ([], None),
    ],
)
def test_lang_is_found_before_the_command(argv: list[str], expected: str | None) -> None:
    assert _lang_from(argv) == expected


def test_help_in_chinese_with_the_lang_option() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"CUSTVALUE_LANG", "LANG", "LC_ALL"}}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--lang", "zh", "clv", "--help"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "120"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "预测性客户终身价值" in done.stdout
    english = subprocess.run(
        [sys.executable, "-c", SCRIPT, "clv", "--help"],
        capture_output=True,
        text=True,
        env={**env, "LANG": "C.UTF-8"},
        check=False,
    )
    assert "Predictive CLV" in english.stdout
