"""Per-customer results stored once, read by every page: the snapshot (docs/web.md §3).

:func:`refresh` computes each customer's value, tier, RFM cell and segment, class and —
once a CLV run has scores — P(alive), expected purchases, CLV and overall value, with the
library's own functions (:mod:`custvalue.value`, :mod:`custvalue.segmentation`), and
writes them with the summary pieces of the overview (headline figures, the pyramid, the
Pareto curve, the RFM grid, the value histogram) in one transaction: the new snapshot
becomes ``ready`` and the previous one ``superseded`` at once, so a page never reads half
of one. Pages read only these tables: :func:`overview`, :func:`customer_list` (filters,
sort by any value column, keyset pages) and :func:`customer_detail`; :func:`freshness`
says whether imports or a CLV run came after the snapshot.

Each snapshot is stamped with its inputs: the ledger's date, the options, the imports the
store held and the CLV run used.
"""

from __future__ import annotations

import functools
import json
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from custvalue._validation import check_choice, check_number
from custvalue.app.recent import Recent
from custvalue.app.results import Result, rows
from custvalue.data.schema import SORTED_COLUMNS
from custvalue.exceptions import DataValidationError, NotFoundError
from custvalue.i18n import t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.users import User
    from custvalue.data.db import Database

__all__ = [
    "FILTERS",
    "LIST_COLUMNS",
    "SORTS",
    "CustomerDetail",
    "CustomerPage",
    "Freshness",
    "Overview",
    "SnapshotInfo",
    "code_labels",
    "customer_detail",
    "customer_list",
    "freshness",
    "overview",
    "refresh",
    "run_refresh_job",
]

#: the options a snapshot is computed with (stored with it)
OPTIONS: dict[str, Any] = {
    "value": "realized_value",
    "volume": "revenue",
    "tier_rule": "profit",
    "rfm_bins": 5,
    "rfm_ties": "first",
    "segment_map": "standard11",
    "key_share": 0.2,
    "referral_depth": None,
    # total customer value (custvalue.loyalty.total_value): equal weights, percentile rank
    "total_weights": None,
    "total_method": "percentile",
}
#: the columns of ``snapshot_customers`` after snapshot_id, in table order
COLUMNS: tuple[str, ...] = (
    "customer_id",
    "name",
    "acquired_on",
    "first_order",
    "last_order",
    "recency_days",
    "orders",
    "revenue",
    "margin",
    "cost",
    "realized_value",
    "referred_customers",
    "referral_net",
    "sustained_value",
    "revenue_last_12m",
    "tier",
    "r_score",
    "f_score",
    "m_score",
    "rfm_cell",
    "segment",
    "class",
    "p_alive",
    "expected_purchases",
    "clv",
    "overall_value",
    "customer_total",
    "customer_total_parts",
)
#: the figures of each year stored per customer (``snapshot_years``)
YEAR_COLUMNS: tuple[str, ...] = (
    "year",
    "orders",
    "revenue",
    "first",
    "repeat",
    "upsell",
    "cross_sell",
    "service",
    "refund",
    "cost",
    "realized_value",
    "referral_net",
    "profit",
)
#: what the customer list shows, in order
LIST_COLUMNS: tuple[str, ...] = (
    "customer_id",
    "name",
    "tier",
    "segment",
    "class",
    "orders",
    "last_order",
    "revenue",
    "realized_value",
    "referral_net",
    "sustained_value",
    "p_alive",
    "clv",
    "customer_total",
)
#: the columns the list sorts by (each indexed on PostgreSQL)
SORTS: tuple[str, ...] = (*SORTED_COLUMNS, "customer_id")
#: the list's filters: option → column
FILTERS: dict[str, str] = {"tier": "tier", "segment": "segment", "klass": "class"}
#: the most rows one list page holds
MAX_LIMIT = 500
#: bars of the value histogram
HISTOGRAM_BINS = 30
#: points of the stored Pareto curve
CURVE_POINTS = 1000
#: a filtered list counts its rows up to this many (then says "more than")
COUNT_CAP = 10_000


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotInfo(Result):
    """What :func:`refresh` stored (``snapshot_id`` None: the store had no customers)."""

    snapshot_id: int | None
    customers: int
    as_of: date | None
    clv_run_id: int | None
    last_import_id: int | None
    seconds: float

    @property
    def is_empty(self) -> bool:
        return self.snapshot_id is None

    def data(self) -> dict[str, Any]:
        return {
            "snapshot_id": self.snapshot_id,
            "customers": self.customers,
            "as_of": self.as_of,
            "clv_run_id": self.clv_run_id,
            "last_import_id": self.last_import_id,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Freshness(Result):
    """How current the snapshot is: its stamp, and the imports and CLV run since."""

    snapshot_id: int | None
    as_of: date | None
    created_at: datetime | None
    created_by: str | None
    customers: int
    imports_since: int
    clv_run_since: int | None
    #: imports the store holds at all (0: nothing to show yet)
    imports_total: int

    @property
    def exists(self) -> bool:
        return self.snapshot_id is not None

    @property
    def stale(self) -> bool:
        return self.snapshot_id is None or self.imports_since > 0 or self.clv_run_since is not None

    def data(self) -> dict[str, Any]:
        return {
            "snapshot_id": self.snapshot_id,
            "as_of": self.as_of,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "customers": self.customers,
            "imports_since": self.imports_since,
            "clv_run_since": self.clv_run_since,
            "stale": self.stale,
        }


@dataclass(frozen=True)
class Overview(Result):
    """The overview's pieces as the snapshot stored them (empty without a snapshot)."""

    freshness: Freshness
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.summary

    def data(self) -> dict[str, Any]:
        return {"freshness": self.freshness.data(), **self.summary}


@dataclass(frozen=True)
class CustomerPage(Result):
    """One page of the customer list, the cursor of the next, and how many match."""

    customers: pl.DataFrame
    total: int
    #: ``total`` is a lower bound (a filtered count stops at :data:`COUNT_CAP`)
    total_capped: bool
    next_after: str | None
    sort: str
    descending: bool
    freshness: Freshness

    def data(self) -> dict[str, Any]:
        return {
            "customers": rows(self.customers),
            "total": self.total,
            "total_capped": self.total_capped,
            "next_after": self.next_after,
            "sort": self.sort,
            "descending": self.descending,
        }


@dataclass(frozen=True)
class CustomerDetail(Result):
    """One customer: the snapshot's row, value by year, referrals, orders."""

    customer: dict[str, Any]
    years: pl.DataFrame
    referred_by: str | None
    referrals: list[dict[str, Any]]
    orders: pl.DataFrame
    orders_total: int
    freshness: Freshness

    def data(self) -> dict[str, Any]:
        return {
            "customer": self.customer,
            "years": rows(self.years),
            "referred_by": self.referred_by,
            "referrals": self.referrals,
            "orders": rows(self.orders),
            "orders_total": self.orders_total,
        }


# -- refresh -----------------------------------------------------------------------------

#: the orders by customer, newest first: on DuckDB the snapshot keeps them so (with an
#: index on the customer, one customer's orders are a few neighbouring rows);
#: PostgreSQL has an index on the orders
_SORTED_ORDERS = (
    "SELECT customer_id, order_id, ordered_at, amount_cents, product, category, kind "
    "FROM orders ORDER BY customer_id, ordered_at DESC, order_id DESC"
)


#: the DuckDB snapshot tables a customer's page reads by customer id
_POINT_READ = ("snapshot_customers", "snapshot_years", "snapshot_orders")


def _scores(db: Database) -> tuple[int, pl.DataFrame] | None:
    from custvalue.clv.store import latest_run_scores

    return latest_run_scores(db)


def _per_customer(db: Database) -> tuple[pl.DataFrame, pl.DataFrame, date | None, int | None]:
    """Every customer's row of the snapshot, their figures per year, the ledger's date
    and the CLV run used."""
    import polars as pl

    from custvalue.segmentation import (
        apply_tier_rule,
        classify_customers,
        rfm_scores,
        rfm_segments,
        tier_rule,
    )
    from custvalue.value import (
        customer_values,
        ledger_from_db,
        with_potential_value,
        yearly_values,
    )

    ledger = ledger_from_db(db)
    values = customer_values(ledger, referral_depth=OPTIONS["referral_depth"])
    if values.height == 0:
        return values, values, ledger.as_of, None
    years = yearly_values(ledger, referral_depth=OPTIONS["referral_depth"]).select(
        "customer_id", *YEAR_COLUMNS
    )
    scored = _scores(db)
    run_id = None
    if scored is not None:
        run_id, scores = scored
        values = with_potential_value(values, scores.select("customer_id", "clv"))
        values = values.join(
            scores.select("customer_id", "p_alive", "expected_purchases", "clv"),
            on="customer_id",
            how="left",
        )
    else:
        values = values.with_columns(
            pl.lit(None, pl.Float64).alias(c)
            for c in ("p_alive", "expected_purchases", "clv", "overall_value")
        )
    rule = tier_rule(
        values,
        value=OPTIONS["value"],
        volume=OPTIONS["volume"],
        rule=OPTIONS["tier_rule"],
        platinum_profit=None,
        gold_profit=None,
        iron_revenue=None,
        bands=(20, 30, 30, 20),
    )
    tiers = apply_tier_rule(values, rule).select("customer_id", "tier")
    rfm = rfm_segments(
        rfm_scores(values, bins=OPTIONS["rfm_bins"], ties=OPTIONS["rfm_ties"]),
        segment_map=OPTIONS["segment_map"],
    ).select("customer_id", "r_score", "f_score", "m_score", "rfm_cell", "segment")
    classes = classify_customers(
        values, value=OPTIONS["value"], key_share=OPTIONS["key_share"]
    ).select("customer_id", "class")
    total = _total(db, values, scores if scored is not None else None)
    frame = (
        values.join(tiers, on="customer_id", how="left")
        .join(total, on="customer_id", how="left")
        .join(rfm, on="customer_id", how="left")
        .join(classes, on="customer_id", how="left")
        .with_columns(pl.col("rfm_cell").cast(pl.String))
        .select(COLUMNS)
        .sort("customer_id")
    )
    return frame, years.sort("customer_id", "year"), ledger.as_of, run_id


def _total(db: Database, values: pl.DataFrame, scores: pl.DataFrame | None) -> pl.DataFrame:
    """Each customer's total value (0–100) and the number of its parts, by the options'
    weights and rule (what ``custvalue loyalty total`` shows with its defaults)."""
    import polars as pl

    from custvalue.app.loyalty import total_parts
    from custvalue.loyalty import total_value

    parts = total_parts(db, values, scores)
    scored = total_value(
        parts, weights=OPTIONS["total_weights"], method=OPTIONS["total_method"]
    ).customers
    return scored.select(
        pl.col("customer_id").cast(values.schema["customer_id"]),
        pl.col("total").alias("customer_total"),
        pl.col("parts").cast(pl.Int64).alias("customer_total_parts"),
    )


def customer_segments(db: Database) -> pl.DataFrame:
    """Each customer's ``tier``, RFM ``segment`` and ``class`` (codes): from the ready
    snapshot, or computed from the ledger when there is none yet."""
    fresh = freshness(db)
    if fresh.exists:
        return db.frame(
            "SELECT customer_id, tier, segment, class FROM snapshot_customers "
            "WHERE snapshot_id = ?",
            [fresh.snapshot_id],
        )
    frame = _per_customer(db)[0]
    return frame.select("customer_id", "tier", "segment", "class")


def _histogram(values: pl.Series) -> dict[str, Any]:
    """Bars over the 1st–99th percentile (the rest counted at the ends, said so)."""
    import numpy as np

    x = values.drop_nulls().cast(float).to_numpy()
    if x.size == 0:
        return {"edges": [], "counts": [], "below": 0, "above": 0}
    low, high = (float(v) for v in np.quantile(x, [0.01, 0.99]))
    if high <= low:
        low, high = float(x.min()), float(x.max()) + 1.0
    counts, edges = np.histogram(np.clip(x, low, high), bins=HISTOGRAM_BINS, range=(low, high))
    return {
        "edges": [round(float(e), 2) for e in edges],
        "counts": [int(c) for c in counts],
        "below": int((x < low).sum()),
        "above": int((x > high).sum()),
    }


def _summary(frame: pl.DataFrame) -> dict[str, Any]:
    """The overview's pieces, computed once from the snapshot's rows."""
    import numpy as np
    import polars as pl

    from custvalue.segmentation import pareto_curve, pareto_summary, tier_summary

    value = OPTIONS["value"]
    pareto = pareto_summary(frame, value=value, top=0.2)

    def thinned(curve: pl.DataFrame) -> pl.DataFrame:
        if curve.height <= CURVE_POINTS:
            return curve
        keep = np.unique(np.linspace(0, curve.height - 1, CURVE_POINTS).round().astype(int))
        return curve.gather(keep.tolist())

    curve = thinned(pareto_curve(frame, value=value))
    revenue_curve = thinned(pareto_curve(frame, value="revenue"))
    pyramid = tier_summary(frame.with_columns(pl.lit("").alias("tier_label")), value=value)
    grid = (
        frame.group_by("r_score", "f_score")
        .agg(
            pl.len().cast(pl.Int64).alias("customers"),
            pl.col("revenue").mean().alias("revenue_mean"),
        )
        .sort("r_score", "f_score")
    )

    def counts(column: str) -> list[dict[str, Any]]:
        grouped = frame.group_by(column).agg(
            pl.len().cast(pl.Int64).alias("customers"),
            pl.col(value).sum().cast(pl.Float64).alias("value_sum"),
            pl.col("revenue").sum().cast(pl.Float64).alias("revenue_sum"),
        )
        return rows(grouped.sort("customers", column, descending=[True, False]))

    buyers = int(frame.filter(pl.col("orders") > 0).height)
    headline = {
        "customers": frame.height,
        "buyers": buyers,
        "revenue": float(frame["revenue"].sum()),
        "realized_value": float(frame["realized_value"].sum()),
        "sustained_value": float(frame["sustained_value"].sum()),
        "referral_net": float(frame["referral_net"].sum()),
        "revenue_last_12m": float(frame["revenue_last_12m"].sum()),
        "clv": float(frame["clv"].sum()) if frame["clv"].null_count() < frame.height else None,
        "top_value_share": pareto["top_value_share"],
        "top_revenue_share": pareto["top_revenue_share"],
        "customers_for_80pct_revenue": pareto["customers_for_80pct_revenue"],
        "gini": pareto["gini"],
        "loss_makers": pareto["loss_makers"],
    }
    return {
        "headline": headline,
        "pyramid": rows(pyramid.drop("tier_label")),
        "pareto": rows(curve.select("customer_share", "value_share", "value")),
        "pareto_revenue": rows(revenue_curve.select("customer_share", "value_share", "value")),
        "rfm_grid": rows(grid),
        "histogram": _histogram(frame[value]),
        "tiers": counts("tier"),
        "segments": counts("segment"),
        "classes": counts("class"),
    }


def refresh(
    db: Database,
    *,
    by: User | None = None,
    now: datetime | None = None,
    progress: Callable[[float], None] | None = None,
) -> SnapshotInfo:
    """Compute and store a new snapshot; the previous one is superseded in the same
    transaction. An empty store stores nothing (``is_empty``)."""
    began = time.perf_counter()
    step = progress or (lambda _fraction: None)
    step(0.0)
    frame, years, as_of, run_id = _per_customer(db)
    step(0.6)
    if frame.height == 0:
        return SnapshotInfo(None, 0, as_of, None, None, time.perf_counter() - began)
    summary = _summary(frame)
    step(0.7)
    import_ids = [int(r[0]) for r in db.fetchall("SELECT import_id FROM imports ORDER BY 1")]
    last_import = import_ids[-1] if import_ids else None
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    import polars as pl

    if db.dialect == "duckdb" and db.current_write is None:
        # the indexes go first and are built again after the commit: kept through the
        # swap, DuckDB's commit takes minutes at 1 M customers instead of under a second
        for table in _POINT_READ:
            db.execute(f"DROP INDEX IF EXISTS {table}_by_customer")
    with db.transaction():
        snapshot_id = int(db.scalar("SELECT nextval('snapshots_seq')"))
        db.execute(
            "INSERT INTO snapshots (snapshot_id, state, as_of, options, import_ids, "
            "last_import_id, clv_run_id, customers, created_at, created_by, seconds) "
            "VALUES (?, 'building', ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [
                snapshot_id,
                as_of,
                json.dumps(OPTIONS, sort_keys=True),
                json.dumps(import_ids),
                last_import,
                run_id,
                frame.height,
                stamp,
                by.name if by is not None else None,
            ],
        )
        db.insert_frame(
            "snapshot_customers",
            frame.with_columns(pl.lit(snapshot_id, pl.Int64).alias("snapshot_id")),
        )
        db.insert_frame(
            "snapshot_years",
            years.with_columns(pl.lit(snapshot_id, pl.Int64).alias("snapshot_id")),
        )
        step(0.9)
        for key, piece in summary.items():
            db.execute(
                "INSERT INTO snapshot_summary (snapshot_id, key, value) VALUES (?, ?, ?)",
                [snapshot_id, key, json.dumps(piece, default=str)],
            )
        db.execute("DELETE FROM snapshot_customers WHERE snapshot_id <> ?", [snapshot_id])
        db.execute("DELETE FROM snapshot_summary WHERE snapshot_id <> ?", [snapshot_id])
        db.execute("DELETE FROM snapshot_years WHERE snapshot_id <> ?", [snapshot_id])
        if db.dialect == "duckdb":
            # each customer's orders side by side: a customer's page reads a few row
            # groups instead of scanning every order (DuckDB keeps no index on them)
            db.execute(f"CREATE OR REPLACE TABLE snapshot_orders AS {_SORTED_ORDERS}")
        db.execute("UPDATE snapshots SET state = 'superseded' WHERE state = 'ready'")
        seconds = time.perf_counter() - began
        db.execute(
            "UPDATE snapshots SET state = 'ready', seconds = ? WHERE snapshot_id = ?",
            [seconds, snapshot_id],
        )
    if db.dialect == "duckdb":
        # a customer's page reads one customer's rows: an ART index finds them without
        # scanning a row group (about 6 s at 1 M customers and 20 M orders)
        for table in _POINT_READ:
            db.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_customer ON {table} (customer_id)")
    step(1.0)
    return SnapshotInfo(snapshot_id, frame.height, as_of, run_id, last_import, seconds)


def run_refresh_job(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    """The ``snapshot`` job: :func:`refresh`, its summary as the result. The only
    parameter is ``after_job`` (the job whose success queued this refresh), kept for the
    record."""
    unknown = sorted(set(params) - {"after_job"})
    if unknown:
        raise DataValidationError(
            "error.option",
            option="params",
            value=", ".join(unknown),
            reason=t("snapshot.no_params"),
            hint="{}",
        )
    return refresh(db, progress=progress).to_dict()


# -- reading -----------------------------------------------------------------------------


_SUMMARIES = Recent(16)
_PAGES = Recent(1024)


def _key(db: Database, fresh: Freshness, *rest: Any) -> tuple[Any, ...]:
    return (db.url, fresh.snapshot_id, fresh.created_at, *rest)


def code_labels(lang: str | None = None) -> dict[str, dict[str, str]]:
    """What the stored codes mean, in ``lang`` (the language in force when ``None``):
    ``tier``, ``segment``, ``treatment`` (of a segment) and ``class``, each code -> label
    (the snapshot stores codes, a page or a report shows these). Computed once per
    language; the answer is shared, not to be changed."""
    from custvalue.i18n import get_lang

    return _code_labels(get_lang(lang))


@functools.cache
def _code_labels(lang: str) -> dict[str, dict[str, str]]:
    """What the stored codes mean, in ``lang``: ``tier``, ``segment``, ``treatment`` (of a
    segment) and ``class``, each code -> label (the snapshot stores codes, a page or
    a report shows these)."""
    from custvalue.segmentation import CLASSES, load_segment_map
    from custvalue.segmentation.tiers import TIER_NAMES, tier_label

    labels = load_segment_map(OPTIONS["segment_map"]).labels(lang)
    return {
        "tier": {k: tier_label(k, lang) for k in TIER_NAMES},
        "segment": dict(zip(labels["segment"], labels["segment_label"], strict=True)),
        "treatment": dict(zip(labels["segment"], labels["treatment"], strict=True)),
        "class": {k: t(f"segment.class_{k}", lang=lang) for k in CLASSES},
    }


def _ready(db: Database) -> tuple[Any, ...] | None:
    found = db.fetchall(
        "SELECT snapshot_id, as_of, created_at, created_by, customers, last_import_id, "
        "clv_run_id FROM snapshots WHERE state = 'ready' ORDER BY snapshot_id DESC LIMIT 1"
    )
    return found[0] if found else None


_FRESHNESS = (
    "SELECT (SELECT count(*) FROM imports), "
    "(SELECT max(run_id) FROM clv_runs r WHERE EXISTS "
    "(SELECT 1 FROM clv_scores c WHERE c.run_id = r.run_id)), "
    "s.snapshot_id, s.as_of, s.created_at, s.created_by, s.customers, s.clv_run_id, "
    "(SELECT count(*) FROM imports WHERE import_id > coalesce(s.last_import_id, 0)) "
    "FROM (SELECT 1 AS one) AS o LEFT JOIN (SELECT snapshot_id, as_of, created_at, "
    "created_by, customers, clv_run_id, last_import_id FROM snapshots "
    "WHERE state = 'ready' ORDER BY snapshot_id DESC LIMIT 1) AS s ON TRUE"
)


#: the last stamps read, by store and generation (:attr:`Database.generation`)
_STAMPS = Recent(16)


def freshness(db: Database) -> Freshness:
    """The ready snapshot's stamp and what the store gained since (imports, a CLV run),
    in one round trip (every page asks), or none while the store has not changed since
    it was last read (a store this process has to itself: :attr:`Database.generation`)."""
    generation = db.generation
    if generation is not None:
        known: Freshness | None = _STAMPS.get((db.url, generation))
        if known is not None:
            return known
    fresh = _read_freshness(db)
    if generation is not None:
        _STAMPS.put((db.url, generation), fresh)
    return fresh


def _read_freshness(db: Database) -> Freshness:
    (row,) = db.fetchall(_FRESHNESS)
    total, newest, snapshot_id, as_of, created_at, created_by, customers, run_id, since = row
    imports_total = int(total or 0)
    newest_run = int(newest) if newest is not None else None
    if snapshot_id is None:
        return Freshness(None, None, None, None, 0, imports_total, newest_run, imports_total)
    return Freshness(
        snapshot_id=int(snapshot_id),
        as_of=_as_date(as_of),
        created_at=created_at,
        created_by=created_by,
        customers=int(customers),
        imports_since=int(since or 0),
        clv_run_since=newest_run if newest_run is not None and newest_run != run_id else None,
        imports_total=imports_total,
    )


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def overview(db: Database) -> Overview:
    """The overview's pieces from the ready snapshot (empty when there is none)."""
    fresh = freshness(db)
    if not fresh.exists:
        return Overview(fresh)
    key = _key(db, fresh)
    summary = _SUMMARIES.get(key)
    if summary is None:
        pieces = db.fetchall(
            "SELECT key, value FROM snapshot_summary WHERE snapshot_id = ?", [fresh.snapshot_id]
        )
        summary = {str(k): json.loads(v) for k, v in pieces}
        _SUMMARIES.put(key, summary)
    return Overview(fresh, summary)  # shared by the readers of this snapshot: read only


def _check_list_options(
    *, sort: str, limit: int, tier: str | None, segment: str | None, klass: str | None
) -> None:
    from custvalue.segmentation import CLASSES, load_segment_map
    from custvalue.segmentation.tiers import TIER_NAMES

    check_choice("sort", sort, SORTS)
    check_number("limit", limit, minimum=1, maximum=MAX_LIMIT)
    if tier is not None:
        check_choice("tier", tier, TIER_NAMES)
    if klass is not None:
        check_choice("class", klass, CLASSES)
    if segment is not None:
        check_choice("segment", segment, load_segment_map(OPTIONS["segment_map"]).keys)


def _cursor(value: Any, customer_id: str) -> str:
    return json.dumps([value if not isinstance(value, date) else value.isoformat(), customer_id])


def _parse_cursor(after: str, sort: str) -> tuple[Any, str]:
    try:
        value, customer_id = json.loads(after)
        if not isinstance(customer_id, str):
            raise TypeError(customer_id)
        if value is not None and sort == "last_order":
            value = date.fromisoformat(value)
        elif value is not None and sort != "customer_id" and not isinstance(value, int | float):
            raise TypeError(value)
    except (TypeError, ValueError) as exc:
        raise DataValidationError(
            "error.option",
            option="after",
            value=after[:80],
            reason=t("snapshot.reason_cursor"),
            hint=t("snapshot.hint_cursor"),
        ) from exc
    return value, customer_id


def customer_list(
    db: Database,
    *,
    search: str | None = None,
    tier: str | None = None,
    segment: str | None = None,
    klass: str | None = None,
    sort: str = "sustained_value",
    descending: bool = True,
    limit: int = 50,
    after: str | None = None,
) -> CustomerPage:
    """A page of the snapshot's customers: ``search`` in the id (from its start) or the
    name (anywhere, any case), filtered by tier/segment/class, sorted by ``sort``
    (customers without a value last, then by id), ``limit`` rows after the cursor
    ``after`` (the ``next_after`` of the previous page)."""
    import polars as pl

    _check_list_options(sort=sort, limit=limit, tier=tier, segment=segment, klass=klass)
    fresh = freshness(db)
    empty = pl.DataFrame(schema=dict.fromkeys(LIST_COLUMNS, pl.String))
    if not fresh.exists:
        return CustomerPage(empty, 0, False, None, sort, descending, fresh)
    key = _key(db, fresh, search, tier, segment, klass, sort, descending, limit, after)
    held = _PAGES.get(key)
    if held is not None:
        page, total, capped, next_after = held
        return CustomerPage(page, total, capped, next_after, sort, descending, fresh)
    where = ["snapshot_id = ?"]
    params: list[Any] = [fresh.snapshot_id]
    for option, column in FILTERS.items():
        chosen = {"tier": tier, "segment": segment, "klass": klass}[option]
        if chosen is not None:
            where.append(f"{column} = ?")
            params.append(chosen)
    text = unicodedata.normalize("NFKC", search or "").strip()
    if text and db.dialect == "duckdb":  # plain string functions: no pattern to parse
        where.append(
            "(starts_with(customer_id, ?) OR starts_with(customer_id, ?) "
            "OR strpos(lower(name), ?) > 0)"
        )
        params += [text, text.upper(), text.lower()]
    elif text:
        where.append(
            "(customer_id LIKE ? ESCAPE '\\' OR customer_id LIKE ? ESCAPE '\\' "
            "OR lower(name) LIKE ? ESCAPE '\\')"
        )
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [escaped + "%", escaped.upper() + "%", "%" + escaped.lower() + "%"]
    filtered = " AND ".join(where)
    page_where, page_params = filtered, list(params)
    if after:
        value, last_id = _parse_cursor(after, sort)
        page_where, page_params = _after(page_where, page_params, sort, descending, value, last_id)
    direction = "DESC" if descending else "ASC"
    order = (
        f"customer_id {direction}"
        if sort == "customer_id"
        else f"{sort} {direction} NULLS LAST, customer_id ASC"
    )
    columns = ", ".join(dict.fromkeys((*LIST_COLUMNS, sort)))
    page = db.frame(
        f"SELECT {columns} FROM snapshot_customers WHERE {page_where} ORDER BY {order} LIMIT ?",
        [*page_params, limit + 1],
    )
    more = page.height > limit
    page = page.head(limit)
    next_after = None
    if more:
        last = page.row(page.height - 1, named=True)
        next_after = _cursor(last[sort], last["customer_id"])
    total, capped = _count(db, fresh, filtered, params, bool(text), tier, segment, klass)
    shown = page.select(LIST_COLUMNS)
    _PAGES.put(key, (shown, total, capped, next_after))
    return CustomerPage(shown, total, capped, next_after, sort, descending, fresh)


def _after(
    where: str, params: list[Any], sort: str, descending: bool, value: Any, last_id: str
) -> tuple[str, list[Any]]:
    """The keyset condition: rows after (value, id) in the list's order (nulls last)."""
    if sort == "customer_id":
        return f"{where} AND customer_id {'<' if descending else '>'} ?", [*params, last_id]
    beyond = "<" if descending else ">"
    if value is None:  # in the null tail: only ids after, still null
        return f"{where} AND {sort} IS NULL AND customer_id > ?", [*params, last_id]
    condition = f"({sort} {beyond} ? OR ({sort} = ? AND customer_id > ?) OR {sort} IS NULL)"
    return f"{where} AND {condition}", [*params, value, value, last_id]


def _count(
    db: Database,
    fresh: Freshness,
    where: str,
    params: list[Any],
    searched: bool,
    tier: str | None,
    segment: str | None,
    klass: str | None,
) -> tuple[int, bool]:
    """How many rows the list holds: stored counts for no filter or one, else counted
    up to :data:`COUNT_CAP`."""
    chosen = {"tier": tier, "segment": segment, "class": klass}
    given = {k: v for k, v in chosen.items() if v is not None}
    if not searched and not given:
        return fresh.customers, False
    if not searched and len(given) == 1:
        ((column, wanted),) = given.items()
        key = {"tier": "tiers", "segment": "segments", "class": "classes"}[column]
        stored = db.scalar(
            "SELECT value FROM snapshot_summary WHERE snapshot_id = ? AND key = ?",
            [fresh.snapshot_id, key],
        )
        for row in json.loads(stored or "[]"):
            if row[column] == wanted:
                return int(row["customers"]), False
        return 0, False
    found = int(
        db.scalar(
            f"SELECT count(*) FROM (SELECT 1 FROM snapshot_customers WHERE {where} "
            f"LIMIT {COUNT_CAP + 1}) AS capped",
            params,
        )
    )
    return min(found, COUNT_CAP), found > COUNT_CAP


def customer_detail(db: Database, *, customer_id: str, orders_limit: int = 100) -> CustomerDetail:
    """One customer by id as typed (``Ｃ１`` finds ``C1``): the snapshot's row, the
    figures per year and kind, who referred them and whom they referred (with what
    those bring), and their latest orders (``orders_limit``, with the count of all; on
    DuckDB the orders as of the snapshot, read from its sorted copy).

    Four round trips for most customers (the stamp, the row with its referrer, the
    years, the orders with their count); the referrals are read only for a customer
    the snapshot counts referrals for."""

    fresh = freshness(db)
    check_number("orders_limit", orders_limit, minimum=1, maximum=MAX_LIMIT)
    if not fresh.exists:
        raise NotFoundError("snapshot.none_yet")
    row = _customer_row(db, fresh, customer_id)
    if row.height == 0:
        raise NotFoundError("error.not_found", what=t("cli.what_customer", id=customer_id))
    wanted = str(row["customer_id"][0])
    referred_by = row[_REFERRER][0]
    customer = rows(row.drop("snapshot_id", _REFERRER))[0]
    years = db.frame(
        f"SELECT {', '.join(_quoted(c) for c in YEAR_COLUMNS)} FROM snapshot_years "
        "WHERE snapshot_id = ? AND customer_id = ? ORDER BY year",
        [fresh.snapshot_id, wanted],
    )
    referrals: list[dict[str, Any]] = []
    if customer.get("referred_customers"):
        referrals = rows(
            db.frame(
                "SELECT s.customer_id, s.name, s.revenue, s.realized_value, "
                "s.referred_customers FROM customers c JOIN snapshot_customers s "
                "ON s.customer_id = c.customer_id AND s.snapshot_id = ? "
                "WHERE c.referred_by = ? ORDER BY s.customer_id LIMIT 200",
                [fresh.snapshot_id, wanted],
            )
        )
    orders = db.frame(
        "SELECT order_id, ordered_at, CAST(amount_cents AS DOUBLE PRECISION) / 100 AS amount, "
        f"product, category, kind, count(*) OVER () AS {_TOTAL} FROM {_orders_source(db, fresh)} "
        "WHERE customer_id = ? ORDER BY ordered_at DESC, order_id DESC LIMIT ?",
        [wanted, orders_limit],
    )
    orders_total = int(orders[_TOTAL][0]) if orders.height else 0
    return CustomerDetail(
        customer=customer,
        years=years,
        referred_by=str(referred_by) if referred_by is not None else None,
        referrals=referrals,
        orders=orders.drop(_TOTAL),
        orders_total=orders_total,
        freshness=fresh,
    )


#: the extra columns a customer's page reads beside the snapshot's (never a stored name)
_REFERRER, _TOTAL = "referred_by__", "total__"
#: which stores keep the snapshot's sorted orders (DuckDB), by store and snapshot
_SORTED_COPY: dict[tuple[Any, ...], bool] = {}


def _customer_row(db: Database, fresh: Freshness, typed: str) -> pl.DataFrame:
    """The snapshot's row of the customer ``typed`` means, with who referred them: by
    the import rule (``Ｃ１`` is ``C1``, :func:`custvalue.app.values.stored_id`), else
    the one id equal but for case. Empty when there is none."""
    import polars as pl

    from custvalue.app.values import stored_id
    from custvalue.data.ids import lookup_forms

    def read(where: str, params: list[Any]) -> pl.DataFrame:
        return db.frame(
            f"SELECT s.*, c.referred_by AS {_REFERRER} FROM snapshot_customers s "
            "LEFT JOIN customers c ON c.customer_id = s.customer_id "
            f"WHERE s.snapshot_id = ? AND {where}",
            [fresh.snapshot_id, *params],
        )

    forms = list(lookup_forms(typed))
    found = read(f"s.customer_id IN ({', '.join('?' for _ in forms)})", forms)
    if found.height:
        wanted = stored_id(found["customer_id"], typed)
        return found.filter(pl.col("customer_id") == wanted).head(1)
    folded = db.frame(
        "SELECT customer_id FROM snapshot_customers WHERE snapshot_id = ? "
        "AND upper(customer_id) = upper(?) LIMIT 2",
        [fresh.snapshot_id, unicodedata.normalize("NFKC", typed).strip()],
    )["customer_id"]
    if folded.len() != 1:
        return found
    return read("s.customer_id = ?", [str(folded[0])])


def _orders_source(db: Database, fresh: Freshness) -> str:
    """Where a customer's orders are read: the snapshot's sorted copy on DuckDB (the
    orders as of the snapshot, like every figure of the page), else the orders."""
    if db.dialect != "duckdb":
        return "orders"
    key = _key(db, fresh)
    if key not in _SORTED_COPY:
        if len(_SORTED_COPY) > 64:
            _SORTED_COPY.clear()
        _SORTED_COPY[key] = bool(
            db.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'snapshot_orders'")
        )
    return "snapshot_orders" if _SORTED_COPY[key] else "orders"


def _quoted(column: str) -> str:
    return f'"{column}"' if column in ("first", "repeat") else column
