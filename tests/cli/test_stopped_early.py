"""A command that stops early (Ctrl-C, a crash) says what the store holds, checked in it:
never "nothing was written" after an import was committed."""

from __future__ import annotations

from pathlib import Path

import pytest

import custvalue.cli.imports as imports_cli
from custvalue.data.db import connect
from custvalue.i18n import t
from tests.cli.helpers import invoke
from tests.data.faults import ORDERS


def _setup(db_url: str, tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    return path


def _raise(error: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


def _stored(db_url: str, path: Path) -> str:
    return t("outcome.stored", ids="1", files=str(path), db=db_url, imported=3, updated=0)


@pytest.mark.parametrize(
    ("error", "code", "opening"),
    [
        (KeyboardInterrupt(), 130, "Interrupted."),
        (RuntimeError("the terminal went away"), 2, "Error: unexpected RuntimeError"),
    ],
    ids=["ctrl-c", "crash"],
)
def test_stopping_after_the_commit_says_the_import_is_kept(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
    opening: str,
) -> None:
    path = _setup(db_url, tmp_path)
    monkeypatch.setattr(imports_cli, "_print_result", _raise(error))  # after the commit
    done = invoke(capsys, "--db", db_url, "import", "orders", str(path))
    assert done.code == code
    err = " ".join(done.err.split())
    assert err.startswith(opening) and err.endswith(_stored(db_url, path))
    assert "othing was written" not in err and "Traceback" not in err
    with connect(db_url) as db:
        assert db.scalar("SELECT COUNT(*) FROM orders") == 3


@pytest.mark.parametrize(
    ("error", "code"),
    [(KeyboardInterrupt(), 130), (RuntimeError("no memory for the file"), 2)],
    ids=["ctrl-c", "crash"],
)
def test_stopping_before_writing_says_nothing_was_written(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
) -> None:
    path = _setup(db_url, tmp_path)
    monkeypatch.setattr(imports_cli, "import_file", _raise(error))  # before any write
    done = invoke(capsys, "--db", db_url, "import", "orders", str(path))
    assert done.code == code
    assert " ".join(done.err.split()).endswith(t("outcome.nothing_written"))


def test_each_command_reports_only_its_own_writes(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An import that succeeded in an earlier command of the same process is not what a
    later command stopping early wrote."""
    path = _setup(db_url, tmp_path)
    assert invoke(capsys, "--db", db_url, "import", "orders", str(path)).code == 0
    monkeypatch.setattr(imports_cli, "import_file", _raise(KeyboardInterrupt()))
    done = invoke(capsys, "--db", db_url, "import", "orders", str(path))
    assert (done.code, " ".join(done.err.split())) == (
        130,
        f"{t('outcome.interrupted')} {t('outcome.nothing_written')}",
    )
