"""One registry of the demo generators; the bundled examples are exactly what they write."""

from __future__ import annotations

from pathlib import Path

import pytest

from custvalue.demo.__main__ import main
from custvalue.demo.registry import (
    EXAMPLES,
    IMPORTED,
    READ_BY_COMMAND,
    bundled_folder,
    examples_root,
    imported_files,
    regenerate,
)


def test_regenerating_reproduces_the_bundled_files_byte_for_byte(tmp_path: Path) -> None:
    written = regenerate(tmp_path)
    bundled = [e for e in EXAMPLES.values() if e.folder is not None]
    expected = [tmp_path / str(e.folder) / name for e in bundled for name in e.files]
    assert written == expected  # every file in the registry, and nothing else
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(expected)
    for path in written:
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (examples_root() / relative).read_bytes(), relative


def test_a_changed_bundled_file_is_told_apart(tmp_path: Path) -> None:
    """The comparison above can fail: one byte changed in a copy reads as different."""
    regenerate(tmp_path)
    copy = tmp_path / "survey" / "market.csv"
    text = copy.read_bytes()
    copy.write_bytes(text.replace(b"2025H2", b"2025H1", 1))
    assert copy.read_bytes() != (bundled_folder("survey") / "market.csv").read_bytes()


def test_every_file_has_a_known_loader_kind() -> None:
    assert list(EXAMPLES) == ["company", "survey", "offerings", "choice"]
    for example in EXAMPLES.values():
        assert example.name and example.summary and example.files
        for name, kind in example.files.items():
            assert kind in IMPORTED or kind in READ_BY_COMMAND, (example.name, name, kind)
    names = [name for e in EXAMPLES.values() if e.folder for name in e.files]
    assert len(names) == len(set(names))  # no two generators write the same bundled file


def test_imported_files_of_a_folder() -> None:
    assert imported_files("survey") == {
        "ratings": "ratings_gbk.csv",
        "weights": "weights.csv",
        "market": "market.csv",
        "deals": "deals.csv",
        "events": "events.csv",
        "owners": "owners.csv",
        "offerings": "offerings.csv",
    }
    assert imported_files("choice") == {}  # read by `custvalue choice`, not imported
    assert imported_files("nosuch") == {}


def test_the_company_is_written_but_not_bundled(tmp_path: Path) -> None:
    company = EXAMPLES["company"]
    assert company.folder is None
    written = company.write(tmp_path / "company")
    assert sorted(p.name for p in written) == sorted(company.files)
    assert all(p.stat().st_size > 1000 for p in written)


def test_command_regenerates_into_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["regenerate", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    again = tmp_path / "again"
    assert out == [str(tmp_path / p.relative_to(again)) for p in regenerate(again)]
    assert len(out) == 11 and str(tmp_path / "choice" / "tv_survey.csv") in out


def test_command_lists_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == list(EXAMPLES)
    assert "ratings_gbk.csv (ratings)" in lines[1] and "custvalue/examples/survey" in lines[1]


@pytest.mark.parametrize("argv", [[], ["regen"], ["regenerate", "a", "b"]])
def test_command_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "python -m custvalue.demo regenerate [FOLDER]" in err
    assert (" ".join(argv) or "—") in err


def test_command_usage_error_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CUSTVALUE_LANG", "zh")
    assert main(["x"]) == 2
    assert "未知命令：x" in capsys.readouterr().err


def test_command_on_a_folder_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["regenerate", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert "Cannot write the examples to" in err and str(blocker) in err
    assert "Traceback" not in err
