"""What every command shares: the global options, opening the store, error output."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import typer

from custvalue._validation import check_choice
from custvalue.cli.render import Format, emit_frame, print_error
from custvalue.data.db import Database, connect, resolve_url
from custvalue.data.tables import TableRowsError
from custvalue.exceptions import CustValueError, DataValidationError
from custvalue.i18n import t

__all__ = [
    "State",
    "allowed_option",
    "fail",
    "open_db",
    "parse_date_option",
    "parse_map_option",
    "state",
    "store_url",
]

F = TypeVar("F", bound=Callable[..., object])


@dataclass
class State:
    """Global options, set by the app callback."""

    db_url: str | None = None
    #: The message key of the last error this process reported (for scripts and tests that
    #: check *which* refusal happened, not only that one did).
    last_error: str | None = None


state = State()


def fail(error: CustValueError) -> typer.Exit:
    """Print ``error`` to stderr in the user's language and return the exit to raise.

    A table with bad rows (:class:`TableRowsError`) also lists every row: line, column as
    written, value and reason. The message key is kept in ``state.last_error``.
    """
    state.last_error = error.code
    print_error(error.message())
    rejected = error.rejected if isinstance(error, TableRowsError) else None
    if rejected and len(rejected) > 1:
        import polars as pl

        frame = pl.DataFrame(
            [(r.line, r.column or "", r.value or "", r.message()) for r in rejected[:200]],
            schema={"line": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String},
            orient="row",
        )
        emit_frame(
            frame,
            Format.table,
            title=t("cli.rejected_title"),
            kinds={"line": "id", "value": "text"},
            stderr=True,
        )
    return typer.Exit(code=1)


@contextmanager
def open_db(*, wait: float = 0.0) -> Iterator[Database]:
    """Open the store named by ``--db`` / ``CUSTVALUE_DB`` for one command (``wait``: see
    :func:`~custvalue.data.db.connect`)."""
    db = connect(state.db_url, wait=wait)
    try:
        yield db
    finally:
        db.close()


def store_url(*, hide_password: bool = False) -> str:
    """The URL of the store in force (``--db``, ``CUSTVALUE_DB`` or the default), with
    any password shown as ``***`` when ``hide_password``."""
    url = resolve_url(state.db_url)
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url) if hide_password else url


def allowed_option(option: str, value: str, allowed: tuple[str, ...]) -> Any:
    """``value`` if it is one of ``allowed`` (typed for the Literal it then is), else a
    clear error listing them."""
    return check_choice(option, value, allowed)


def parse_map_option(pairs: list[str] | None, *, hint: str | None = None) -> dict[str, str]:
    """``--map SOURCE=TARGET`` pairs (a full-width ＝ accepted) as a dict."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        source, sep, target = pair.replace("＝", "=").partition("=")
        if not sep or not source.strip() or not target.strip():
            raise DataValidationError(
                "error.option",
                option="--map",
                value=pair,
                reason=t("cli.reason_map"),
                hint=hint if hint is not None else t("cli.hint_map"),
            )
        out[source.strip()] = target.strip()
    return out


def parse_number_pairs(
    option: str, text: str | None, *, reason: str, hint: str
) -> dict[str, float] | None:
    """``NAME=NUMBER,NAME=NUMBER…`` (full-width ＝ and ， accepted) as a mapping, ``None``
    when the option is not given; anything else is refused naming the option."""
    if text is None:
        return None
    out: dict[str, float] = {}
    for part in text.replace("，", ",").split(","):
        name, sep, value = part.replace("＝", "=").partition("=")
        try:
            number = float(value)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise DataValidationError(
                "error.option", option=option, value=text, reason=reason, hint=hint
            )
        out[name.strip()] = number
    return out


def parse_date_option(option: str, value: str | None) -> date | None:
    """Parse a ``--as-of``-style option (YYYY-MM-DD) or raise a clear error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise DataValidationError(
            "error.option",
            option=option,
            value=value,
            reason=t("cli.reason_date"),
            hint=t("cli.hint_date"),
        ) from None


def debug() -> bool:
    """True when CUSTVALUE_DEBUG asks for tracebacks."""
    return os.environ.get("CUSTVALUE_DEBUG", "") not in ("", "0")
