"""``custvalue import KIND FILE`` and ``custvalue imports``.

KIND is a ledger table (customers, orders, costs; :mod:`custvalue.app.imports`) or a
survey table (ratings, weights, market, deals, events, owners; :mod:`custvalue.cva.store`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from custvalue._validation import check_choice, check_number
from custvalue.app.imports import (
    LEDGER_KINDS,
    ImportResult,
    StrictImportError,
    import_file,
    import_history,
)
from custvalue.cli.common import open_db, parse_map_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json, err_console
from custvalue.cva.store import SurveyImportResult
from custvalue.data.kinds import ALL_KINDS, TABLE_SPECS, spec_of
from custvalue.data.preparing import ImportKind, Rejection
from custvalue.exceptions import DataValidationError
from custvalue.formatting import format_value
from custvalue.i18n import t

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["register"]

#: every kind declared in the data layer (custvalue.data.kinds) can be imported
KINDS = ALL_KINDS


def _count(n: int) -> str:
    return format_value(n, "count")


def _print_result(result: ImportResult, fmt: Format) -> None:
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    shown = err_console if fmt.spreadsheet else console
    shown.print(
        t(
            "cli.import_done",
            file=result.file,
            kind=t(f"cli.kind_{result.kind}"),
            imported=_count(result.imported),
            updated=_count(result.updated),
            duplicates=_count(result.duplicates),
            rejected=_count(len({r.line for r in result.rejected})),
            created=_count(result.customers_created),
        )
    )
    if result.previous_imports:
        first_id, when = result.previous_imports[0]
        shown.print(t("cli.import_seen_before", import_id=first_id, when=when))
    _print_multiline(result.multiline, shown)
    _print_rejected(result.rejected, fmt)


def _print_multiline(spans: list[tuple[int, int]], shown: Console, at_most: int = 10) -> None:
    """The stored rows whose values span lines, by line range (the first ``at_most``)."""
    if spans:
        lines = ", ".join(f"{a}–{b}" for a, b in spans[:at_most])
        more = ", …" if len(spans) > at_most else ""
        shown.print(t("cli.import_multiline", count=len(spans), lines=lines + more))


def _print_rejected(rejected: list[Rejection], fmt: Format) -> None:
    """The rejected rows: a table, or with csv/xlsx the rows themselves (the sentence
    above went to standard error)."""
    if rejected or fmt.spreadsheet:
        frame = pl.DataFrame(
            [
                {"line": r.line, "column": r.column, "value": r.value, "reason": r.message()}
                for r in rejected
            ],
            schema={"line": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String},
        )
        shown = fmt if fmt.spreadsheet else Format.table
        emit_frame(frame, shown, title=t("cli.rejected_title"), kinds={"value": "text"})


def _print_survey_result(result: SurveyImportResult, fmt: Format) -> None:
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    shown = err_console if fmt.spreadsheet else console
    shown.print(
        t(
            "survey.import_done",
            file=result.file,
            kind=t(spec_of(result.kind).label),
            imported=_count(result.imported),
            duplicates=_count(result.duplicates),
            rejected=_count(len({r.line for r in result.rejected})),
        )
    )
    if result.normalized_sets:
        shown.print(t("survey.import_normalized", count=result.normalized_sets))
    if result.kind == "ratings":
        if result.us:
            shown.print(t("survey.import_us", us=result.us))
        elif result.competitors:
            shown.print(t("survey.import_no_us", competitors=", ".join(result.competitors)))
    if result.previous_imports:
        first_id, when = result.previous_imports[0]
        shown.print(t("cli.import_seen_before", import_id=first_id, when=when))
    _print_multiline(result.multiline, shown)
    _print_rejected(result.rejected, fmt)


def _option_for(option: str, value: object, kind: str, wanted: str) -> None:
    if kind != wanted:
        raise DataValidationError(
            "error.option",
            option=option,
            value=value,
            reason=t("survey.option_for_kind", kind=wanted),
            hint=f"custvalue import {wanted} FILE {option}",
        )


@output_options
def _import(
    kind: Annotated[str, typer.Argument(help=t("survey.arg_kind"))],
    file: Annotated[Path, typer.Argument(help=t("cli.arg_file"))],
    sheet: Annotated[str | None, typer.Option("--sheet", help=t("cli.opt_sheet"))] = None,
    map_: Annotated[list[str] | None, typer.Option("--map", help=t("cli.opt_map"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=t("cli.opt_strict"))] = False,
    fmt: Format = Format.table,
    us: Annotated[str | None, typer.Option("--us", help=t("survey.opt_us"))] = None,
    normalize_weights: Annotated[
        bool, typer.Option("--normalize-weights", help=t("survey.opt_normalize_weights"))
    ] = False,
    per_point: Annotated[
        float | None, typer.Option("--per-point", help=t("cli.delivered_opt_per_point"))
    ] = None,
    wait: Annotated[float, typer.Option("--wait", help=t("cli.opt_wait"))] = 0.0,
) -> None:
    check_choice("KIND", kind, tuple(TABLE_SPECS))
    wait = check_number("--wait", wait, minimum=0)
    if us is not None:
        _option_for("--us", us, kind, "ratings")
    if normalize_weights:
        _option_for("--normalize-weights", True, kind, "weights")
    if per_point is not None:
        _option_for("--per-point", per_point, kind, "offerings")
    mapping = parse_map_option(map_)
    if kind not in LEDGER_KINDS:
        _import_survey(
            kind,
            file,
            sheet=sheet,
            mapping=mapping,
            strict=strict,
            fmt=fmt,
            us=us,
            normalize_weights=normalize_weights,
            per_point=per_point,
            wait=wait,
        )
        return
    import_kind: ImportKind = kind  # type: ignore[assignment]
    with (
        open_db(wait=wait) as db,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=fmt is not Format.table,
        ) as bar,
    ):
        task = bar.add_task(t("cli.progress_read"), total=100)

        def progress(stage: str, fraction: float) -> None:
            stages = {"read": (0, 30), "parse": (30, 60), "validate": (60, 80), "write": (80, 100)}
            lo, hi = stages.get(stage, (0, 100))
            bar.update(
                task,
                completed=lo + (hi - lo) * fraction,
                description=t(f"cli.progress_{stage}") if stage in stages else stage,
            )

        try:
            result = import_file(
                db,
                kind=import_kind,
                file=file,
                sheet=sheet,
                mapping=mapping,
                strict=strict,
                progress=progress,
            )
        except StrictImportError as error:
            bar.stop()
            if fmt is Format.json:
                emit_json(
                    {
                        "file": str(file),
                        "imported": 0,
                        "duplicates": 0,
                        "rejected": [r.to_dict() for r in error.rejected],
                    }
                )
            else:
                _print_result(
                    ImportResult(
                        kind=import_kind,
                        file=str(file),
                        checksum="",
                        total_rows=0,
                        rejected=error.rejected,
                    ),
                    fmt,
                )
            raise
    _print_result(result, fmt)


def _import_survey(
    kind: str,
    file: Path,
    *,
    sheet: str | None,
    mapping: dict[str, str],
    strict: bool,
    fmt: Format,
    us: str | None,
    normalize_weights: bool,
    per_point: float | None = None,
    wait: float = 0.0,
) -> None:
    with (
        open_db(wait=wait) as db,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=fmt is not Format.table,
        ) as bar,
    ):
        task = bar.add_task(t("cli.progress_read"), total=100)

        def progress(stage: str, fraction: float) -> None:
            stages = {"read": (0, 40), "validate": (40, 80), "write": (80, 100)}
            lo, hi = stages.get(stage, (0, 100))
            bar.update(
                task,
                completed=lo + (hi - lo) * fraction,
                description=t(f"cli.progress_{stage}") if stage in stages else stage,
            )

        try:
            result = import_file(
                db,
                kind=kind,
                file=file,
                sheet=sheet,
                mapping=mapping,
                strict=strict,
                normalize_weights=normalize_weights,
                per_point=per_point,
                us=us,
                progress=progress,
            )
        except StrictImportError as error:
            bar.stop()
            if fmt is Format.json:
                emit_json(
                    {
                        "file": str(file),
                        "kind": kind,
                        "imported": 0,
                        "duplicates": 0,
                        "rejected": [r.to_dict() for r in error.rejected],
                    }
                )
            else:
                _print_survey_result(
                    SurveyImportResult(
                        kind=kind,
                        file=str(file),
                        checksum="",
                        total_rows=0,
                        rejected=error.rejected,
                    ),
                    fmt,
                )
            raise
    assert isinstance(result, SurveyImportResult)
    _print_survey_result(result, fmt)


@output_options
def _history(
    fmt: Format = Format.table,
) -> None:
    with open_db() as db:
        history = import_history(db)
    if history.is_empty and fmt is Format.table:
        console.print(t("cli.imports_none"), markup=False)
        return
    emit_frame(history.imports, fmt, title=t("cli.imports_title"))


def register(app: typer.Typer) -> None:
    """Add the import commands to ``app``."""
    app.command("import", help=t("survey.import_help"))(_import)
    app.command("imports", help=t("cli.imports_help"))(_history)
