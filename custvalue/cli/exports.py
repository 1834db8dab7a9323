"""Exports: the output options every command with ``--format`` shares, and the one
writer of CSV, XLSX and JSON (docs/output.md).

:func:`output_options` gives a command ``--format table|json|csv|xlsx``, ``--output
FILE``, ``--no-bom`` and ``--wide``; the command keeps one ``fmt`` parameter and renders
with :mod:`custvalue.cli.render`, whose ``emit_*`` functions hand every CSV table, XLSX
sheet and JSON value to this module. What a command hands over is written once it has
run, whole: to ``--output FILE`` atomically (a temporary file, then a rename), else to
standard output.

- CSV is UTF-8 with a byte-order mark (so that Excel on Chinese Windows reads the
  Chinese), ``--no-bom`` for tools that refuse one; shown on a terminal it is text
  without the mark, control characters escaped.
- XLSX is one sheet per table (a command with several tables writes several sheets);
  it needs ``--output`` or a redirection, never a terminal.
- In CSV and XLSX every text cell that a spreadsheet would run as a formula is
  neutralised (:func:`custvalue.output.neutralise`); numbers stay numbers.
- JSON is UTF-8, Chinese kept readable, NaN and infinities as ``null``.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_type_hints

import polars as pl
import typer

from custvalue.cli.terminal import err_console
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.output import (
    check_writable,
    json_safe,
    jsonable,
    visible,
    write_atomic,
)
from custvalue.spreadsheets import (
    BOM,
    XLSX_ROWS,
    Sheet,
    csv_bytes,
    flattened,
    sheet_name,
    xlsx_bytes,
)

__all__ = [
    "BOM",
    "XLSX_ROWS",
    "Format",
    "OutputOptions",
    "Sheet",
    "csv_bytes",
    "current",
    "deliver_frame",
    "deliver_json",
    "deliver_rows",
    "jsonable",
    "output_options",
    "refuse_csv",
    "xlsx_bytes",
]

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    """Output formats."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"

    @property
    def spreadsheet(self) -> bool:
        """CSV or XLSX: the raw table, for a spreadsheet or another program."""
        return self in (Format.csv, Format.xlsx)


_SUFFIXES = {".csv": Format.csv, ".json": Format.json, ".xlsx": Format.xlsx}


@dataclass(frozen=True)
class OutputOptions:
    """The output options of the command that runs."""

    fmt: Format = Format.table
    output: Path | None = None
    bom: bool = True
    wide: bool = False


@dataclass
class _Sink:
    """What a command hands over, written once it has run."""

    options: OutputOptions
    command: str = ""
    csv: pl.DataFrame | None = None
    json: str | None = None
    sheets: list[Sheet] = field(default_factory=list)

    def flush(self) -> None:
        if self.options.fmt is Format.csv and self.csv is not None:
            rows = self.csv.height
            if self.options.output is None and _is_terminal():
                _write_text(visible(flattened(self.csv).write_csv(), newlines=True))
                return
            what = t("output.what_csv" if self.options.bom else "output.what_csv_nobom", rows=rows)
            self._write(csv_bytes(self.csv, bom=self.options.bom), what)
        elif self.options.fmt is Format.json and self.json is not None:
            if self.options.output is None and _is_terminal():
                _write_text(self.json)
                return
            self._write(self.json.encode("utf-8"), t("output.what_json"))
        elif self.options.fmt is Format.xlsx and self.sheets:
            rows = sum(len(sheet.rows) for sheet in self.sheets)
            what = t("output.what_xlsx", sheets=len(self.sheets), rows=f"{rows:,}")
            self._write(xlsx_bytes(self.sheets), what)

    def names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]

    def _write(self, data: bytes, what: str) -> None:
        if self.options.output is None:
            _write_bytes(data)
            return
        write_atomic(self.options.output, data)
        err_console.print(t("output.written", path=str(self.options.output), what=what))


_OPTIONS: ContextVar[_Sink | None] = ContextVar("custvalue_output", default=None)


def current() -> OutputOptions:
    """The output options of the command that runs (the defaults outside one)."""
    sink = _OPTIONS.get()
    return sink.options if sink is not None else OutputOptions()


def _is_terminal() -> bool:
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


def _write_text(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()


# -- handing output over ---------------------------------------------------------------


def deliver_frame(frame: pl.DataFrame, fmt: Format, *, sheet: str | None = None) -> None:
    """Hand ``frame`` over as the command's CSV table or one of its XLSX sheets."""
    sink = _OPTIONS.get()
    if sink is None:  # outside a command: written at once
        sink = _Sink(OutputOptions(fmt=fmt))
        _add_frame(sink, frame, fmt, sheet)
        sink.flush()
        return
    _add_frame(sink, frame, fmt, sheet)


def deliver_rows(columns: list[str], rows: list[tuple[Any, ...]], *, sheet: str | None) -> None:
    """Hand rows of mixed values (a metric table) over as one of the command's XLSX
    sheets."""
    sink = _OPTIONS.get()
    table = Sheet(sheet_name(sheet, [] if sink is None else sink.names()), columns, rows)
    if sink is None:
        _Sink(OutputOptions(fmt=Format.xlsx), sheets=[table]).flush()
        return
    sink.sheets.append(table)


def _add_frame(sink: _Sink, frame: pl.DataFrame, fmt: Format, sheet: str | None) -> None:
    if fmt is Format.xlsx:
        sink.sheets.append(Sheet.of(sheet_name(sheet, sink.names()), frame))
        return
    if sink.csv is not None:
        raise DataValidationError("output.one_table", command=sink.command or "custvalue")
    sink.csv = frame


def deliver_json(value: Any) -> None:
    """Hand ``value`` over as the command's JSON document."""
    text = json_safe(json.dumps(jsonable(value), ensure_ascii=False, indent=2)) + "\n"
    sink = _OPTIONS.get()
    if sink is None:
        sink = _Sink(OutputOptions(fmt=Format.json), json=text)
        sink.flush()
        return
    if sink.json is not None:
        raise DataValidationError("output.one_table", command=sink.command or "custvalue")
    sink.json = text


def refuse_csv(fmt: Format, command: str) -> None:
    """Refuse ``--format csv`` for a command whose output is several tables."""
    if fmt is Format.csv:
        raise DataValidationError("output.one_table", command=command)


# -- CSV and XLSX ----------------------------------------------------------------------

# -- the options -----------------------------------------------------------------------

_FORMAT = Annotated[Format, typer.Option("--format", help=t("cli.opt_format"))]
_OUTPUT = Annotated[Path | None, typer.Option("--output", help=t("cli.opt_output"))]
_NO_BOM = Annotated[bool, typer.Option("--no-bom", help=t("cli.opt_no_bom"))]
_WIDE = Annotated[bool, typer.Option("--wide", help=t("cli.opt_wide"))]
_ADDED = (
    ("fmt", _FORMAT, Format.table),
    ("output_file", _OUTPUT, None),
    ("no_bom", _NO_BOM, False),
    ("wide", _WIDE, False),
)


def resolve(fmt: Format, output: Path | None, *, no_bom: bool, wide: bool) -> OutputOptions:
    """The options as given, checked before the command does any work: ``--output``
    writable, its format known (``--format``, else the file's extension), XLSX never
    onto a terminal."""
    if output is not None:
        check_writable(output)
        if fmt is Format.table:
            suffix = _SUFFIXES.get(output.suffix.lower())
            if suffix is None:
                raise DataValidationError("output.which_format", path=str(output))
            fmt = suffix
    elif fmt is Format.xlsx and _is_terminal():
        raise DataValidationError("output.xlsx_terminal")
    return OutputOptions(fmt=fmt, output=output, bom=not no_bom, wide=wide)


def _command_path(func: Callable[..., Any]) -> str:
    """``custvalue clv score`` (the command as typed), else the function's name."""
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    return context.command_path if context is not None else func.__name__.strip("_")


def output_options(func: F) -> F:
    """Give the command ``func`` the output options ``--format``, ``--output``,
    ``--no-bom`` and ``--wide``.

    ``func`` has a ``fmt`` parameter (its format, from ``--format`` or the extension of
    ``--output``); its CSV, XLSX or JSON output is written once it has run (also when it
    ends in a :class:`~custvalue.exceptions.CustValueError` after handing it over, as an
    import refused with ``--strict`` does with its report).
    """
    signature = inspect.signature(func)
    if "fmt" not in signature.parameters:
        raise TypeError(f"{func.__name__} has no fmt parameter")
    hints = get_type_hints(func, include_extras=True)
    params = [
        p.replace(annotation=hints.get(name, p.annotation))
        for name, p in signature.parameters.items()
        if name != "fmt"
    ]
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params += [inspect.Parameter(n, kind, annotation=a, default=d) for n, a, d in _ADDED]

    @functools.wraps(func)
    def command(
        *args: Any,
        fmt: Format = Format.table,
        output_file: Path | None = None,
        no_bom: bool = False,
        wide: bool = False,
        **kwargs: Any,
    ) -> Any:
        from custvalue.exceptions import CustValueError

        options = resolve(fmt, output_file, no_bom=no_bom, wide=wide)
        sink = _Sink(options, command=_command_path(func))
        token = _OPTIONS.set(sink)
        try:
            result = func(*args, fmt=options.fmt, **kwargs)
        except CustValueError:
            sink.flush()
            raise
        finally:
            _OPTIONS.reset(token)
        sink.flush()
        return result

    command.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command  # type: ignore[return-value]
