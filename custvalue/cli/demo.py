"""``custvalue demo`` (fresh demo database + headline report) and ``custvalue report``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from custvalue.cli.common import open_db, parse_date_option, state
from custvalue.cli.render import Format, console, emit_frame, emit_json, err_console
from custvalue.cli.segments import emit_rfm_summary, print_sentences
from custvalue.cva.demo_survey import load_demo_survey
from custvalue.cva.store import TABLES as SURVEY_TABLES
from custvalue.data.db import Database, connect, resolve_url
from custvalue.demo import generate_demo, write_demo_files
from custvalue.exceptions import DatabaseError, DataValidationError
from custvalue.i18n import t
from custvalue.segmentation import (
    pareto_sentences,
    pareto_summary,
    profitability_tiers,
    rfm_scores,
    rfm_segments,
    segment_summary,
    tier_rule,
    tier_rule_line,
    tier_sentences,
    tier_summary,
)
from custvalue.value import MONEY_COLUMNS, customer_values, ledger_from_db

__all__ = ["headline", "load_demo", "register"]

_TABLES = ("orders", "costs", "customers", "imports")
#: the demo also fills the survey tables and our brand
_SURVEY_TABLES = (*SURVEY_TABLES.values(), "settings")


def _is_empty_or_demo(db: Database) -> bool:
    kinds = {r[0] for r in db.fetchall("SELECT DISTINCT kind FROM imports")}
    has_rows = any(
        db.scalar(f"SELECT COUNT(*) FROM {tbl}") for tbl in (*_TABLES[:3], *SURVEY_TABLES.values())
    )
    return not has_rows or kinds == {"demo"}


def _fresh_database(force: bool) -> Database:
    url = resolve_url(state.db_url)
    db = connect(url)
    if _is_empty_or_demo(db) or force:
        with db.transaction():
            for table in (*_TABLES, *_SURVEY_TABLES):
                db.execute(f"DELETE FROM {table}")
        return db
    db.close()
    raise DatabaseError("db.demo_refuses", url=url)


def load_demo(db: Database, *, n_customers: int, seed: int) -> dict[str, int]:
    """Generate the demo company and store it in one transaction; returns row counts."""
    ledger = generate_demo(seed=seed, n_customers=n_customers)
    with db.transaction():
        import_id = int(db.scalar("SELECT nextval('imports_seq')"))
        tag = pl.lit(import_id, pl.Int64).alias("import_id")
        db.insert_frame("customers", ledger.customers.with_columns(tag))
        db.insert_frame("orders", ledger.orders.with_columns(pl.lit("id").alias("key_source"), tag))
        db.insert_frame("costs", ledger.costs.with_columns(tag))
        db.execute(
            "INSERT INTO imports (import_id, kind, file_name, checksum, encoding, rows_total, "
            "imported, updated, duplicates, rejected, customers_created, imported_at) "
            "VALUES (?, 'demo', ?, '', NULL, ?, ?, 0, 0, 0, 0, ?)",
            [
                import_id,
                f"demo(seed={seed})",
                ledger.orders.height + ledger.costs.height + ledger.customers.height,
                ledger.orders.height + ledger.costs.height + ledger.customers.height,
                datetime.now().replace(microsecond=0),
            ],
        )
    return {
        "customers": ledger.customers.height,
        "orders": ledger.orders.height,
        "costs": ledger.costs.height,
    }


def headline(values: pl.DataFrame, *, top: int = 10) -> dict[str, Any]:
    """The headline report's parts as frames and numbers."""
    tiers = tier_summary(profitability_tiers(values), value="realized_value")
    pareto = pareto_summary(values)
    segments = segment_summary(rfm_segments(rfm_scores(values)), segment_map="standard11")
    leaders = values.sort("sustained_value", "customer_id", descending=[True, False]).head(top)
    return {
        "top_customers": leaders.select(
            "customer_id",
            "name",
            "orders",
            "revenue",
            "realized_value",
            "referral_revenue",
            "sustained_value",
        ),
        "tiers": tiers,
        "tier_rule": tier_rule(values).as_dict(),
        "pareto": pareto,
        "rfm_segments": segments,
    }


def _print_headline(parts: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.json:
        emit_json(
            {k: (v.to_dicts() if isinstance(v, pl.DataFrame) else v) for k, v in parts.items()}
        )
        return
    emit_frame(parts["top_customers"], Format.table, title=t("cli.report_top"), money=MONEY_COLUMNS)
    emit_frame(
        parts["tiers"].select(
            "tier_label", "customers", "value_sum", "value_share", "revenue_sum", "revenue_share"
        ),
        Format.table,
        title=t("cli.report_tiers"),
        money=("value_sum", "revenue_sum", "value_mean", "value_min", "value_max"),
    )
    print_sentences(tier_sentences(parts["tiers"], parts["pareto"]))
    print_sentences([tier_rule_line(parts["tier_rule"])])
    print_sentences(pareto_sentences(parts["pareto"]))
    emit_rfm_summary(parts["rfm_segments"], Format.table, title=t("cli.report_rfm"))


def _demo(
    customers: Annotated[int, typer.Option("--customers", help=t("cli.opt_demo_customers"))] = 3000,
    seed: Annotated[int, typer.Option("--seed", help=t("cli.opt_seed"))] = 20240101,
    export: Annotated[Path | None, typer.Option("--export", help=t("cli.opt_export"))] = None,
    force: Annotated[bool, typer.Option("--force", help=t("cli.opt_force"))] = False,
    fmt: Annotated[Format, typer.Option("--format", help=t("cli.opt_format"))] = Format.table,
) -> None:
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
        db = _fresh_database(force)
        try:
            counts = load_demo(db, n_customers=customers, seed=seed)
            load_demo_survey(db)
            values = customer_values(ledger_from_db(db))
        finally:
            db.close()
        if export is not None:
            export.mkdir(parents=True, exist_ok=True)
            write_demo_files(export, generate_demo(seed=seed, n_customers=customers))
    if fmt is Format.table:
        console.print(t("cli.demo_done", db=resolve_url(state.db_url), **dict[str, Any](counts)))
    _print_headline(headline(values), fmt)
    if fmt is Format.table:
        console.print(t("cli.demo_next"))


def _report(
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cli.opt_as_of"))] = None,
    fmt: Annotated[Format, typer.Option("--format", help=t("cli.opt_format"))] = Format.table,
) -> None:
    as_of_date = parse_date_option("--as-of", as_of)
    with open_db() as db:
        values = customer_values(ledger_from_db(db, as_of=as_of_date))
    _print_headline(headline(values), fmt)


def register(app: typer.Typer) -> None:
    """Add ``demo`` and ``report`` to ``app``."""
    app.command("demo", help=t("cli.demo_help"))(_demo)
    app.command("report", help=t("cli.report_help"))(_report)
