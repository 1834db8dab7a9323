"""``custvalue demo``: a fresh database with the demo company, the headline report
(:mod:`custvalue.cli.report`), then the workbench served on it with a demo account
(``--no-serve``: the report only; a report as JSON or a spreadsheet is not served)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from custvalue.cli import report
from custvalue.cli.exports import Format, output_options, refuse_csv
from custvalue.formatting import format_value
from custvalue.i18n import t

__all__ = ["register"]


@output_options
def _demo(
    customers: Annotated[int, typer.Option("--customers", help=t("cli.opt_demo_customers"))] = 3000,
    seed: Annotated[int, typer.Option("--seed", help=t("cli.opt_seed"))] = 20240101,
    export: Annotated[Path | None, typer.Option("--export", help=t("cli.opt_export"))] = None,
    force: Annotated[bool, typer.Option("--force", help=t("cli.opt_force"))] = False,
    serve: Annotated[
        bool | None, typer.Option("--serve/--no-serve", help=t("cli.opt_demo_serve"))
    ] = None,
    port: Annotated[
        int, typer.Option("--port", help=t("cli.serve_opt_port"), min=1, max=65535)
    ] = 8000,
    fmt: Format = Format.table,
) -> None:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from custvalue.app.demo import check_demo_size, create_demo, generate
    from custvalue.cli.common import open_db, store_url
    from custvalue.cli.render import console, err_console

    refuse_csv(fmt, "custvalue demo")
    check_demo_size(customers)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=fmt is not Format.table,
    ) as bar:
        bar.add_task(t("cli.demo_building"), total=None)
        ledger = generate(customers=customers, seed=seed)
        with open_db() as db:
            result = create_demo(db, ledger=ledger, seed=seed, force=force, export=export)
    if fmt is Format.table:
        shown = {k: format_value(v, "count") for k, v in result.counts.items()}
        console.print(t("cli.demo_done", db=store_url(), **shown))
    report.print_headline(result.headline, fmt)
    if serve is None:
        # a report asked for as JSON or a spreadsheet is for a script: it is not served
        serve = fmt is Format.table
    if not serve:
        if fmt is Format.table:
            console.print(t("cli.demo_next"))
        return
    from custvalue.app import jobs, snapshots
    from custvalue.app.demo import demo_account
    from custvalue.app.users import utcnow
    from custvalue.cli.serve import serve_workbench

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        bar.add_task(t("cli.demo_snapshot"), total=None)
        with open_db() as db:
            snapshots.refresh(db)
            name, password = demo_account(db)
            # the choice page opens on the bundled TV shop survey, fitted by the worker
            jobs.submit(db, kind="choice_fit", params={"example": "tv"}, by=None, now=utcnow())
    console.print(t("cli.demo_account", name=name, password=password))
    serve_workbench(host="127.0.0.1", port=port)


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo", help=t("cli.demo_help"))(_demo)
