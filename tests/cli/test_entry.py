"""The console entry point: the language is settled first; commands are loaded lazily."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from custvalue.cli.main import COMMANDS, chosen_lang, lang_from, load_command
from custvalue.i18n import t

SCRIPT = "import sys; sys.argv = ['custvalue', *sys.argv[1:]]; from custvalue.cli import run; run()"


def _env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"CUSTVALUE_LANG", "LANG", "LC_ALL"}}
    return {**clean, "COLUMNS": "120", **extra}


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env=_env(**env),
        check=False,
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "zh", "clv", "--help"], "zh"),
        (["--lang=en", "value"], "en"),
        (["--db", "x.db", "--lang", "zh", "tiers"], "zh"),
        (["tiers", "--lang", "zh"], None),  # after the command: not the global option
        (["--lang"], None),  # no value: the framework says so
        ([], None),
    ],
)
def test_lang_is_found_before_the_command(argv: list[str], expected: str | None) -> None:
    assert lang_from(argv) == expected


def test_help_in_chinese_with_the_lang_option() -> None:
    done = _cli("--lang", "zh", "clv", "--help")
    assert done.returncode == 0, done.stderr
    assert "预测性客户终身价值" in done.stdout
    english = _cli("clv", "--help", LANG="C.UTF-8")
    assert "Predictive CLV" in english.stdout


def test_chinese_from_the_environment() -> None:
    done = _cli("--help", LANG="zh_CN.UTF-8")
    assert "用法" in done.stdout and "Usage" not in done.stdout
    done = _cli("--help", CUSTVALUE_LANG="zh", LANG="en_US.UTF-8")
    assert "用法" in done.stdout


@pytest.mark.parametrize("value", ["fr", "de_DE", "klingon"])
def test_an_unknown_lang_option_names_the_two_languages(value: str) -> None:
    done = _cli("--lang", value, "value")
    assert done.returncode == 2
    assert f"'{value}'" in done.stderr and "zh" in done.stderr and "en" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_custvalue_lang_is_an_error_but_an_unknown_lang_is_english() -> None:
    done = _cli("--help", CUSTVALUE_LANG="zn")
    assert done.returncode == 2
    assert "CUSTVALUE_LANG 'zn'" in done.stderr and "zh" in done.stderr
    done = _cli("--help", LANG="fr_FR.UTF-8")
    assert done.returncode == 0 and "Usage" in done.stdout
    # an explicit --lang wins over a bad CUSTVALUE_LANG
    done = _cli("--lang", "en", "--help", CUSTVALUE_LANG="zn")
    assert done.returncode == 0 and "Usage" in done.stdout


def test_chosen_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUSTVALUE_LANG", raising=False)
    assert chosen_lang(["--lang", "zh_CN", "rfm"]) == "zh_CN"
    assert chosen_lang(["rfm"]) is None
    monkeypatch.setenv("CUSTVALUE_LANG", "xx")
    with pytest.raises(Exception, match="xx"):
        chosen_lang(["rfm"])


@pytest.mark.parametrize("entry", COMMANDS, ids=[c.name for c in COMMANDS])
def test_each_registered_command_loads_with_its_listed_help(entry: object) -> None:
    from custvalue.cli.main import LazyCommand

    assert isinstance(entry, LazyCommand)
    command = load_command(entry)
    assert command.name == entry.name
    assert command.help == t(entry.help_key)


def test_command_names_are_unique() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))


def test_every_registered_command_is_listed() -> None:
    """A command added in a module's register() but missing from COMMANDS would never be
    reachable: each module's commands and each command module must be listed."""
    import importlib
    import pkgutil

    import typer

    import custvalue.cli

    listed = {c.name for c in COMMANDS}
    modules = {c.module for c in COMMANDS}
    for info in pkgutil.iter_modules(custvalue.cli.__path__):
        module = importlib.import_module(f"custvalue.cli.{info.name}")
        if hasattr(module, "register"):
            assert module.__name__ in modules, f"{module.__name__} is not in COMMANDS"
    for name in sorted(modules):
        holder = typer.Typer()
        importlib.import_module(name).register(holder)
        registered = typer.main.get_group(holder).commands
        assert set(registered) <= listed, (name, set(registered) - listed)
