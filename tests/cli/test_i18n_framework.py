"""The CLI framework's own texts (help screens, usage errors) in the user's language."""

from __future__ import annotations

import re
from importlib import util
from pathlib import Path

import pytest
from pydantic_core import PydanticKnownError
from rich.cells import cell_len

from custvalue.cli.main import COMMANDS, load_command, main
from custvalue.i18n import framework as fw
from custvalue.i18n.framework import _FIELD
from custvalue.i18n.po import PoEntry

# framework texts that must not show in a Chinese help screen
ENGLISH_HELP = [
    "Usage:",
    "Options",
    "Arguments",
    "Commands",
    "[default:",
    "[required]",
    "[env var:",
    "Show this message",
    "[OPTIONS]",
    "COMMAND [ARGS]",
]
RAW_TYPES = ["<bool>", "<str>", "<int>", "<float>", "<path>", "<list["]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


def _every_command_path() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = [()]
    for entry in COMMANDS:
        paths.append((entry.name,))
        command = load_command(entry)
        for sub in getattr(command, "commands", {}):
            paths.append((entry.name, sub))
    return paths


# --- the catalog --------------------------------------------------------------------


def _source(reference: str) -> str:
    package, _, rest = reference.partition("/")
    spec = util.find_spec(package)
    assert spec is not None and spec.origin is not None, package
    return (Path(spec.origin).parent / rest).read_text(encoding="utf-8")


def _source_pattern(msgid: str) -> re.Pattern[str]:
    """The msgid as it is written in the framework's source: fields may be any
    expression, newlines and tabs may be written as escapes."""
    parts, end = [], 0
    for match in _FIELD.finditer(msgid):
        parts.append(re.escape(msgid[end : match.start()]))
        parts.append(r"\{[^{}]*\}")
        end = match.end()
    parts.append(re.escape(msgid[end:]))
    text = "".join(parts)
    return re.compile(text.replace("\\\n", r"(?:\n|\\n)").replace("\\\t", r"(?:\t|\\t)"))


@pytest.mark.parametrize("entry", fw.entries(), ids=[e.msgid[:40] for e in fw.entries()])
def test_every_msgid_is_in_the_installed_framework(entry: PoEntry) -> None:
    """A framework upgrade that rewords a text makes this fail (then update the .po)."""
    if entry.context and entry.context.startswith("pydantic:"):
        kind = entry.context.split(":", 1)[1]
        fields = {m.group(1): 0 for m in _FIELD.finditer(entry.msgid)}
        known = PydanticKnownError(kind, fields or None)  # type: ignore[arg-type]
        assert known.message_template == entry.msgid
        return
    assert entry.references, entry.msgid
    pattern = _source_pattern(entry.msgid)
    assert any(pattern.search(_source(ref)) for ref in entry.references), entry.msgid


@pytest.mark.parametrize("entry", fw.entries(), ids=[e.msgid[:40] for e in fw.entries()])
def test_every_translation_keeps_the_fields(entry: PoEntry) -> None:
    def fields(text: str) -> list[str]:
        return sorted(m.group(1) for m in _FIELD.finditer(text))

    assert fields(entry.msgstr) == fields(entry.msgid)
    assert re.search(r"[\u4e00-\u9fff]", entry.msgstr) or entry.msgstr == "{error}"


def test_translate_rewrites_framework_messages() -> None:
    assert fw.translate("Missing argument 'kind'.", "zh") == "缺少参数 'kind'。"
    assert (
        fw.translate("No such command 'valeu'. Did you mean 'value'?", "zh")
        == "没有 'valeu' 这个命令。您是不是要用 'value'？"
    )
    assert fw.translate("Invalid value for '--n': Input should be greater than 1", "zh") == (
        "'--n' 的值无效：应大于 1"
    )
    message = "Invalid value for '--n': Input should be less than or equal to 9"
    assert fw.translate(message, "zh") == "'--n' 的值无效：应小于或等于 9"
    # English stays English; a text the catalog does not know is left alone
    assert fw.translate("Missing argument 'kind'.", "en") == "Missing argument 'kind'."
    assert fw.translate("Something else entirely", "zh") == "Something else entirely"
    assert fw.translate("", "zh") == ""


def test_gettext_and_relabel_follow_the_language() -> None:
    assert fw.gettext("[required]", "zh") == "[必填]"
    assert fw.gettext("[required]", "en") == "[required]"
    assert fw.gettext("no such text", "zh") == "no such text"
    assert fw.relabel("选项", "en") == "Options"
    assert fw.relabel("Options", "zh") == "选项"


# --- help screens ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [(), ("value",), ("import",), ("clv",), ("cva", "map")])
def test_help_in_chinese_has_no_english_framework_text(
    capsys: pytest.CaptureFixture[str], path: tuple[str, ...]
) -> None:
    code, out, _ = _run(capsys, "--lang", "zh", *path, "--help")
    assert code == 0
    assert "用法：custvalue" in out and "显示此帮助信息并退出。" in out and "选项" in out
    for english in ENGLISH_HELP + RAW_TYPES:
        assert english not in out, (path, english)


def test_chinese_help_shows_defaults_required_and_env_vars(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = _run(capsys, "--lang", "zh", "--help")
    assert "[环境变量：CUSTVALUE_DB]" in out and "命令" in out
    _, out, _ = _run(capsys, "--lang", "zh", "import", "--help")
    assert "参数" in out and "[必填]" in out and "[默认：table]" in out
    assert "文本" in out and "路径" in out


def test_english_help_names_types_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--lang", "en", "value", "--help")
    assert "Usage: custvalue value [OPTIONS]" in out
    assert re.search(r"--top\s+INTEGER", out) and re.search(r"--customer\s+TEXT", out)
    assert re.search(r"--format\s+table\|json\|csv", out)
    assert re.search(r"--by-year\s+Add the year-by-year table", out)  # a flag: no type


def test_help_is_translated_when_shown_not_when_imported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, zh, _ = _run(capsys, "--lang", "zh", "clv", "score", "--help")
    _, en, _ = _run(capsys, "--lang", "en", "clv", "score", "--help")
    _, zh_again, _ = _run(capsys, "--lang", "zh", "clv", "score", "--help")
    assert "用法" in zh and "Usage" not in zh
    assert "Usage" in en and "用法" not in en and "Time unit" in en
    assert not re.search(r"[\u4e00-\u9fff]", en)
    assert zh_again == zh


def test_no_help_text_is_cut_off_or_too_wide(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "zh"):
        for path in _every_command_path():
            code, out, _ = _run(capsys, "--lang", lang, *path, "--help")
            assert code == 0, path
            # Rich marks a cut text with "…" at the end of the cell
            assert not re.search(r"…\s*(│|$)", out, re.M), (lang, path)
            for raw in RAW_TYPES:
                assert raw not in out, (lang, path, raw)
            assert max(cell_len(line) for line in out.splitlines()) <= 120, (lang, path)


# --- usage errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["valeu"], "没有 'valeu' 这个命令。您是不是要用 'value'？", "No such command"),
        (["value", "extra"], "多余的参数：extra", "unexpected extra"),
        (["import"], "缺少参数 'kind'。", "Missing"),
        (["value", "--top", "abc"], "'--top' 的值无效：应为整数", "Invalid value"),
        (["value", "--top", "1.5"], "'--top' 的值无效：应为整数", "Input should"),
        (["value", "--top"], "选项 '--top' 需要一个值。", "requires"),
        (
            ["value", "--tpo", "3"],
            "没有 --tpo 这个选项（可用的选项：--output, --top）",
            "No such option",
        ),
        (["value", "--by-year=1"], "选项 '--by-year' 不带值。", "does not take"),
        (
            ["value", "--format", "xml"],
            "'xml' 不是可选值（'table', 'json', 'csv', 'xlsx'）之一",
            "one of",
        ),
        (["rfm", "--bins", "x"], "'--bins' 的值无效：应为整数", "valid integer"),
    ],
)
def test_usage_errors_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], chinese: str, english: str
) -> None:
    code, _, err = _run(capsys, "--lang", "zh", "--db", str(tmp_path / "x.db"), *args)
    assert code == 2
    flat = " ".join(err.split())
    assert " ".join(chinese.split()) in flat, err
    assert english not in err and "Traceback" not in err
    assert "错误" in err and "参见 --help" in err


def test_usage_errors_stay_english_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--lang", "en", "valeu")
    assert code == 2
    assert "No such command 'valeu'. Did you mean 'value'?" in err


def test_markup_in_a_bad_value_is_shown_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--lang", "en", "value", "[red]x[/red]")
    assert code == 2 and "[red]x[/red]" in err


def test_an_unknown_language_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--lang", "fr", "--help")
    assert code == 2 and not out
    assert "'fr'" in err and "zh" in err and "en" in err


def test_a_bare_group_shows_its_help_without_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--lang", "zh", "clv")
    assert code == 2
    assert "用法：custvalue clv" in out and "错误" not in err
