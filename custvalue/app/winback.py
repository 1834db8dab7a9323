"""Win-back [客户再生] from the store (docs/keeping.md §5): the lapsed customers ranked by
former value × the odds of winning them back, with the reason they probably left.

What :func:`winback` reads, each as of ``as_of`` (default: the latest order in the store):

* **Last order**: each customer's latest order with an amount above 0 (a refund makes
  nobody active); customers without one are not on the list.
* **Former value** (``value``):

  - ``realized`` (default): the realized value (margin − cost, :mod:`custvalue.value`)
    read from the ready snapshot when it is current (``value_source = snapshot``: no
    import since, and its ledger date is ``as_of``), else computed from the ledger as of
    ``as_of`` (``ledger``);
  - ``spend``: the net spend from the orders (amounts, refunds negative; ``orders``).

* **P(alive)**: from the newest CLV run with scores (``custvalue clv score``) when its
  calibration end is on or before ``as_of``. Without such a run P(alive) is null and the
  rule keeps its days test only (``days_only``: the result says so); a rule with no days
  test is then refused (``winback.needs_scores``).
* **Odds**: the library's back-test on the store's own orders (customers lapsed by the
  days test at past year-ends and whether they ordered within the next year, by value
  band), else ``default_odds``, else unknown (ranked by former value alone). A rule
  without a days test back-tests with 365 days.
* **Reason**: complaints recorded for the customer (``complaints`` table, created on or
  before ``as_of``) and the latest NPS answer (``voice_nps.score``, 0–10, answered on or
  before ``as_of``, or undated).

Names and attributes (the ``customers`` table) are joined for display. Nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database
    from custvalue.retention import LapseRule

__all__ = ["COMBINES", "VALUE_KINDS", "WinBackResult", "winback"]

#: how the two tests combine
COMBINES = ("any", "all")
#: what former value means (see the module docstring)
VALUE_KINDS = ("realized", "spend")
#: the days a back-test uses when the rule has no days test
BACKTEST_DAYS = 365


@dataclass(frozen=True)
class WinBackResult(Result):
    """The ranked list (``table``: ``top`` rows, or all) and where each input came from.

    ``table``: ``rank, customer_id, name, attributes, last_order, days_since_last_order,
    p_alive, lapsed_by, former_value_cents, value_band, odds, odds_source,
    expected_value_cents, reason, complaints, satisfaction``. ``total``: lapsed customers
    in all; ``customers``: customers with an order; ``rule``: the rule applied (its P(alive)
    test left out when ``days_only``); ``asked``: the rule asked for.
    ``p_alive_source``: ``clv_run``, ``no_scores`` or ``run_after_as_of``;
    ``value_source``: ``snapshot``, ``ledger`` or ``orders``; ``odds_source``:
    ``history``, ``default`` or ``unknown``."""

    table: pl.DataFrame
    total: int
    customers: int
    as_of: date
    rule: LapseRule
    asked: dict[str, Any]
    days_only: bool
    p_alive_source: str
    clv_run_id: int | None
    clv_calibration_end: date | None
    value: str
    value_source: str
    snapshot_id: int | None
    odds_source: str
    default_odds: float | None
    overall_return_rate: float | None
    backtest: pl.DataFrame | None
    checkpoints: pl.DataFrame | None
    backtest_days: int | None
    min_trials: int

    @property
    def backtest_years(self) -> tuple[int, ...]:
        """The year-ends the back-test looked at."""
        if self.checkpoints is None or self.checkpoints.height == 0:
            return ()
        return tuple(int(d.year) for d in self.checkpoints["year_end"].to_list())

    def band_rates(self) -> dict[str, float | None]:
        """The back-test's return rate by band (``low``, ``mid``, ``high``, ``all``)."""
        if self.backtest is None:
            return {}
        return {str(r["band"]): r["return_rate"] for r in self.backtest.to_dicts()}

    def data(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "rule": self.rule.to_dict(),
            "asked": self.asked,
            "days_only": self.days_only,
            "p_alive_source": self.p_alive_source,
            "clv_run_id": self.clv_run_id,
            "clv_calibration_end": self.clv_calibration_end,
            "value": self.value,
            "value_source": self.value_source,
            "snapshot_id": self.snapshot_id,
            "odds_source": self.odds_source,
            "default_odds": self.default_odds,
            "overall_return_rate": self.overall_return_rate,
            "backtest_days": self.backtest_days,
            "min_trials": self.min_trials,
            "total": self.total,
            "customers_with_orders": self.customers,
            "customers": rows(self.table),
            "backtest": rows(self.backtest) if self.backtest is not None else None,
            "checkpoints": rows(self.checkpoints) if self.checkpoints is not None else None,
        }


def _check(
    *,
    days: int | None,
    p_alive_below: float | None,
    combine: str,
    default_odds: float | None,
    top: int | None,
    value: str,
) -> tuple[int | None, float | None, float | None, int | None]:
    """The options checked under the names a user gives them."""
    from custvalue._validation import check_choice, check_number

    check_choice("--rule", combine, COMBINES)
    check_choice("--value", value, VALUE_KINDS)
    checked_days = (
        None
        if days is None
        else int(check_number("--days", days, minimum=0, maximum=36_500, integer=True))
    )
    below = (
        None
        if p_alive_below is None
        else check_number("--p-alive", p_alive_below, above=0, maximum=1)
    )
    odds = (
        None if default_odds is None else check_number("--odds", default_odds, minimum=0, maximum=1)
    )
    rows_wanted = None if top is None else int(check_number("--top", top, minimum=1, integer=True))
    if checked_days is None and below is None:
        from custvalue.exceptions import DataValidationError

        raise DataValidationError("winback.empty_rule")
    return checked_days, below, odds, rows_wanted


def _orders(db: Database, as_of: date | None) -> tuple[pl.DataFrame, date]:
    """Every order row up to ``as_of`` (default: the latest) and the date used."""
    import polars as pl

    from custvalue.exceptions import NotFoundError

    cut = as_of
    if cut is None:
        latest = db.scalar("SELECT max(CAST(ordered_at AS DATE)) FROM orders")
        if latest is None:
            raise NotFoundError("winback.no_orders", db=db.display_url)
        cut = latest if isinstance(latest, date) else date.fromisoformat(str(latest))
    orders = db.frame(
        "SELECT customer_id, CAST(ordered_at AS DATE) AS ordered_at, amount_cents FROM orders "
        "WHERE ordered_at < ?",
        [datetime.combine(cut + timedelta(days=1), time())],
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("ordered_at").cast(pl.Date),
        pl.col("amount_cents").cast(pl.Int64),
    )
    if orders.filter(pl.col("amount_cents") > 0).is_empty():
        if as_of is None:
            raise NotFoundError("winback.no_orders", db=db.display_url)
        raise NotFoundError("winback.no_orders_by", as_of=cut.isoformat())
    return orders, cut


def _former_value(
    db: Database, orders: pl.DataFrame, cut: date, value: str
) -> tuple[pl.DataFrame, str, int | None]:
    """``customer_id, former_value_cents`` and where they come from."""
    import polars as pl

    if value == "spend":
        spent = orders.group_by("customer_id").agg(
            pl.col("amount_cents").sum().alias("former_value_cents")
        )
        return spent, "orders", None
    from custvalue.app.snapshots import freshness

    fresh = freshness(db)
    if fresh.exists and fresh.imports_since == 0 and fresh.as_of == cut:
        stored = db.frame(
            "SELECT customer_id, realized_value FROM snapshot_customers WHERE snapshot_id = ?",
            [fresh.snapshot_id],
        )
        source, snapshot = "snapshot", fresh.snapshot_id
    else:
        from custvalue.app.segments import load_values

        stored = load_values(db, as_of=cut).select("customer_id", "realized_value")
        source, snapshot = "ledger", None
    frame = stored.select(
        pl.col("customer_id").cast(pl.String),
        (pl.col("realized_value").cast(pl.Float64) * 100)
        .round(0)
        .cast(pl.Int64)
        .alias("former_value_cents"),
    )
    return frame, source, snapshot


def _p_alive(db: Database, cut: date) -> tuple[pl.DataFrame | None, str, int | None, date | None]:
    """The newest CLV run's P(alive) when it is not after ``cut``."""
    import polars as pl

    from custvalue.clv.store import latest_run_id

    run_id = latest_run_id(db)
    if run_id is None:
        return None, "no_scores", None, None
    found = db.scalar("SELECT calibration_end FROM clv_runs WHERE run_id = ?", [run_id])
    if isinstance(found, datetime):
        end = found.date()
    elif isinstance(found, date):
        end = found
    else:
        end = date.fromisoformat(str(found))
    if end > cut:
        return None, "run_after_as_of", run_id, end
    scores = db.frame(
        "SELECT customer_id, p_alive FROM clv_scores WHERE run_id = ?", [run_id]
    ).select(pl.col("customer_id").cast(pl.String), pl.col("p_alive").cast(pl.Float64))
    return scores, "clv_run", run_id, end


def _voice(db: Database, cut: date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Complaints per customer and the latest NPS answer, up to ``cut``."""
    import polars as pl

    complaints = db.frame(
        "SELECT customer_id, count(*) AS complaints FROM complaints "
        "WHERE customer_id IS NOT NULL AND created_at < ? GROUP BY customer_id",
        [datetime.combine(cut + timedelta(days=1), time())],
    ).select(pl.col("customer_id").cast(pl.String), pl.col("complaints").cast(pl.Int64))
    nps = db.frame(
        "SELECT customer_id, score, answered_on, wave FROM voice_nps "
        "WHERE customer_id IS NOT NULL AND (answered_on IS NULL OR answered_on <= ?)",
        [cut],
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("wave").cast(pl.String),
        pl.col("answered_on").cast(pl.Date),
    )
    latest = (
        nps.sort(["customer_id", "answered_on", "wave"], nulls_last=False)
        .group_by("customer_id")
        .agg(pl.col("score").last().cast(pl.Float64).alias("satisfaction"))
    )
    return complaints, latest


def _attributes_text(raw: Any) -> str | None:
    """A customer's imported attributes as one line (``北京 · 制造 · SMB``)."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        loaded = json.loads(str(raw))
    except ValueError:
        return str(raw)
    if isinstance(loaded, dict):
        parts = [str(v) for v in loaded.values() if v is not None and str(v).strip()]
        return " · ".join(parts) or None
    return str(loaded)


def _names(db: Database) -> pl.DataFrame:
    import polars as pl

    people = db.frame("SELECT customer_id, name, attributes FROM customers")
    return people.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("name").cast(pl.String),
        pl.Series(
            "attributes",
            [_attributes_text(a) for a in people["attributes"].to_list()],
            dtype=pl.String,
        ),
    )


def winback(
    db: Database,
    *,
    days: int | None = 365,
    p_alive_below: float | None = 0.3,
    combine: str = "any",
    default_odds: float | None = None,
    as_of: date | None = None,
    top: int | None = None,
    value: str = "realized",
    min_trials: int = 20,
) -> WinBackResult:
    """The win-back list (see the module docstring for every input and rule).

    ``days``: lapsed after more than that many days without an order (``None``: no days
    test); ``p_alive_below``: lapsed with P(alive) below it (``None``: no such test);
    ``combine``: ``any`` or ``all`` of the tests; ``default_odds``: the odds when the
    back-test cannot give them (e.g. twice your prospects' conversion rate); ``top``:
    keep the first rows only. Refuses ``winback.no_orders`` (no order in the store),
    ``winback.no_orders_by`` (none up to ``as_of``),
    ``winback.empty_rule`` (no test at all) and ``winback.needs_scores`` (only a P(alive)
    test, and no CLV scores to apply it to)."""
    import polars as pl

    from custvalue.exceptions import DataValidationError
    from custvalue.retention import LapseRule, winback_list

    checked_days, below, odds, wanted = _check(
        days=days,
        p_alive_below=p_alive_below,
        combine=combine,
        default_odds=default_odds,
        top=top,
        value=value,
    )
    orders, cut = _orders(db, as_of)
    scores, p_source, run_id, run_end = _p_alive(db, cut)
    days_only = below is not None and scores is None
    if days_only and checked_days is None:
        raise DataValidationError("winback.needs_scores", as_of=cut.isoformat())
    rule = LapseRule(
        days=checked_days,
        p_alive_below=None if days_only else below,
        combine="all" if combine == "all" else "any",
    )
    last = (
        orders.filter(pl.col("amount_cents") > 0)
        .group_by("customer_id")
        .agg(pl.col("ordered_at").max().alias("last_order"))
    )
    values, value_source, snapshot_id = _former_value(db, orders, cut, value)
    complaints, satisfaction = _voice(db, cut)
    customers = (
        last.join(values, on="customer_id", how="left")
        .with_columns(pl.col("former_value_cents").fill_null(0))
        .join(
            scores if scores is not None else pl.DataFrame(
                schema={"customer_id": pl.String, "p_alive": pl.Float64}
            ),
            on="customer_id",
            how="left",
        )
        .join(complaints, on="customer_id", how="left")
        .with_columns(pl.col("complaints").fill_null(0))
        .join(satisfaction, on="customer_id", how="left")
    )  # fmt: skip
    listed = winback_list(
        customers,
        as_of=cut,
        rule=rule,
        history=orders,
        default_odds=odds,
        backtest_days=None if checked_days is not None else BACKTEST_DAYS,
        min_trials=min_trials,
    )
    ranked = (
        listed.frame.join(_names(db), on="customer_id", how="left")
        .sort("rank")
        .select(
            "rank",
            "customer_id",
            "name",
            "attributes",
            "last_order",
            "days_since_last_order",
            "p_alive",
            "lapsed_by",
            "former_value_cents",
            "value_band",
            "odds",
            "odds_source",
            "expected_value_cents",
            "reason",
            "complaints",
            "satisfaction",
        )
    )
    return WinBackResult(
        table=ranked.head(wanted) if wanted is not None else ranked,
        total=ranked.height,
        customers=customers.height,
        as_of=cut,
        rule=rule,
        asked={"days": checked_days, "p_alive_below": below, "combine": combine},
        days_only=days_only,
        p_alive_source=p_source,
        clv_run_id=run_id,
        clv_calibration_end=run_end,
        value=value,
        value_source=value_source,
        snapshot_id=snapshot_id,
        odds_source=listed.odds_source,
        default_odds=odds,
        overall_return_rate=listed.overall_return_rate,
        backtest=listed.backtest,
        checkpoints=listed.checkpoints,
        backtest_days=listed.backtest_days,
        min_trials=min_trials,
    )
