"""``custvalue demo``: a fresh database with the demo company, then the headline report
(:mod:`custvalue.cli.report`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from custvalue.cli import report
from custvalue.cli.exports import Format, output_options, refuse_csv
from custvalue.formatting import format_value
from custvalue.i18n import t

if TYPE_CHECKING:
    from custvalue.data.db import Database

__all__ = ["register"]

_TABLES = ("orders", "costs", "customers", "imports")


def _survey_tables() -> tuple[str, ...]:
    from custvalue.cva.store import TABLES

    return tuple(TABLES.values())


def _is_empty_or_demo(db: Database) -> bool:
    from custvalue.demo.loading import HISTORY_KIND

    kinds = {r[0] for r in db.fetchall("SELECT DISTINCT kind FROM imports")}
    has_rows = any(
        db.scalar(f"SELECT COUNT(*) FROM {tbl}") for tbl in (*_TABLES[:3], *_survey_tables())
    )
    return not has_rows or kinds == {HISTORY_KIND}


def _fresh_database(force: bool) -> Database:
    from custvalue.cli.common import state
    from custvalue.data.db import connect, resolve_url
    from custvalue.exceptions import DatabaseError

    url = resolve_url(state.db_url)
    db = connect(url)
    if _is_empty_or_demo(db) or force:
        with db.transaction():
            # the demo also fills the survey tables and our brand (settings)
            for table in (*_TABLES, *_survey_tables(), "settings"):
                db.execute(f"DELETE FROM {table}")
        return db
    db.close()
    raise DatabaseError("db.demo_refuses", url=url)


@output_options
def _demo(
    customers: Annotated[int, typer.Option("--customers", help=t("cli.opt_demo_customers"))] = 3000,
    seed: Annotated[int, typer.Option("--seed", help=t("cli.opt_seed"))] = 20240101,
    export: Annotated[Path | None, typer.Option("--export", help=t("cli.opt_export"))] = None,
    force: Annotated[bool, typer.Option("--force", help=t("cli.opt_force"))] = False,
    fmt: Format = Format.table,
) -> None:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from custvalue.cli.common import state
    from custvalue.cli.render import console, err_console
    from custvalue.data.db import resolve_url
    from custvalue.demo.company import generate_demo, write_demo_files
    from custvalue.demo.loading import load_demo
    from custvalue.exceptions import DataValidationError
    from custvalue.value import customer_values, ledger_from_db

    refuse_csv(fmt, "custvalue demo")
    if customers < 10 or customers > 2_000_000:
        raise DataValidationError(
            "error.option",
            option="--customers",
            value=customers,
            reason=t("cli.reason_demo_size"),
            hint="3000",
        )
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=fmt is not Format.table,
    ) as bar:
        bar.add_task(t("cli.demo_building"), total=None)
        ledger = generate_demo(seed=seed, n_customers=customers)
        db = _fresh_database(force)
        try:
            counts = load_demo(db, ledger, seed=seed)
            values = customer_values(ledger_from_db(db))
        finally:
            db.close()
        if export is not None:
            export.mkdir(parents=True, exist_ok=True)
            write_demo_files(export, ledger)
    if fmt is Format.table:
        shown = {k: format_value(v, "count") for k, v in counts.items()}
        console.print(t("cli.demo_done", db=resolve_url(state.db_url), **shown))
    report.print_headline(report.headline(values), fmt)
    if fmt is Format.table:
        console.print(t("cli.demo_next"))


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo", help=t("cli.demo_help"))(_demo)
