"""Running the CLI in-process for tests: the exit code, both streams and the error's key.

``refused`` is what every refusal test uses: the command must exit 1 (a refusal the
CLI understood, not the exit 2 of an unexpected crash) with the message key expected,
and print neither a traceback nor "unexpected".
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from custvalue.cli.common import state
from custvalue.cli.main import main


@dataclass(frozen=True)
class Outcome:
    """What one command did."""

    code: int
    out: str
    err: str
    error: str | None  # message key of the error reported, if any


def invoke(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """Run ``custvalue ARGS`` in this process."""
    state.last_error = None
    code = main(list(args))
    out, err = capsys.readouterr()
    return Outcome(code, out, err, state.last_error)


def refused(capsys: pytest.CaptureFixture[str], key: str, *args: str) -> Outcome:
    """Run a command that must be refused with message ``key`` (exit 1)."""
    done = invoke(capsys, *args)
    assert (done.code, done.error) == (1, key), f"exit {done.code}, {done.error}: {done.err}"
    assert "Traceback" not in done.err + done.out
    assert "unexpected" not in done.err.lower() and "意外" not in done.err
    return done
