"""Loyalty from the store: every customer's stage and loyalty type, the stage funnel
and type matrix, and the three lists (satisfied but at risk, false loyalty, promoters
who have not referred anyone yet) — docs/satisfaction.md §3.

The inputs: the ledger (customers with who referred them, orders without refunds), the
survey answers linked to customers (the latest NPS answer, else the overall satisfaction
rating rescaled to 0–10), the newest CLV run (P(alive); the change of the expected
purchases since the run before) and each customer's realized value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database
    from custvalue.loyalty.items import LoyaltyItem
    from custvalue.loyalty.stages import StageRules

__all__ = [
    "LISTS",
    "CustomerLoyalty",
    "customer_loyalty",
    "Loyalty",
    "TotalCustomerValue",
    "index_note",
    "kinds_note",
    "loyalty",
    "total_customer_value",
    "total_note",
    "total_parts",
    "unmatched_note",
]

LISTS = ("at_risk", "false_loyalty", "silent_promoters")


@dataclass(frozen=True)
class Loyalty(Result):
    """``customers``: one row per customer; ``stages`` (funnel), ``types`` (matrix) and
    the three lists; the as-of date and whether a CLV run fed P(alive)."""

    customers: pl.DataFrame
    stages: pl.DataFrame
    types: pl.DataFrame
    lists: dict[str, pl.DataFrame]
    as_of: date
    clv_run: int | None
    #: customers per kind of loyalty (impulse … behavioural, none held, not measured)
    kinds: pl.DataFrame
    #: the loyalty index's dimensions: customers measured, mean 0–100
    dimensions: pl.DataFrame
    #: loyalty statements answered that the statement map does not know
    unmatched: tuple[str, ...] = ()
    #: the agreement (1–7) from which a kind is held
    agree: float = 5.0

    def data(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "clv_run": self.clv_run,
            "stages": rows(self.stages),
            "types": rows(self.types),
            "kinds": rows(self.kinds),
            "dimensions": rows(self.dimensions),
            "unmatched": list(self.unmatched),
            "lists": {name: rows(frame) for name, frame in self.lists.items()},
        }


def _attitudes(db: Database, customer_id: str | None = None) -> pl.DataFrame:
    """Per linked customer (or only ``customer_id``): the latest NPS answer, else the
    overall rating on 0–10."""
    import polars as pl

    only, params = ("AND customer_id = ?", [customer_id]) if customer_id else ("", [])
    nps = db.frame(
        "SELECT customer_id, score, answered_on, wave FROM voice_nps "
        f"WHERE customer_id IS NOT NULL {only}",
        params,
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("wave").cast(pl.String))
    latest = (
        nps.sort(["customer_id", "wave", "answered_on"], nulls_last=False)
        .group_by("customer_id")
        .agg(pl.col("score").last().cast(pl.Float64).alias("nps"))
    )
    overall = db.frame(
        "SELECT customer_id, wave, performance FROM voice_satisfaction "
        f"WHERE customer_id IS NOT NULL AND attribute = 'overall' {only}",
        params,
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("wave").cast(pl.String),
        pl.col("performance").cast(pl.Float64),
    )
    # the overall rating is on 1–7 unless some answer is above 7 (then on 1–10)
    highest = db.scalar(
        "SELECT max(performance) FROM voice_satisfaction WHERE attribute = 'overall'"
    )
    top = 10.0 if highest is not None and float(highest) > 7 else 7.0
    rated = (
        overall.sort(["customer_id", "wave"])
        .group_by("customer_id")
        .agg(
            ((pl.col("performance").last().cast(pl.Float64) - 1) / (top - 1) * 10).alias(
                "overall10"
            )
        )
    )
    from custvalue.data.kinds.voice import VOICE_KINDS

    surveyed = pl.concat(
        [
            db.frame(
                f"SELECT DISTINCT customer_id FROM voice_{kind} "
                f"WHERE customer_id IS NOT NULL {only}",
                params,
            ).select(pl.col("customer_id").cast(pl.String))
            for kind in VOICE_KINDS
        ]
    ).unique()
    return (
        surveyed.join(latest, on="customer_id", how="left")
        .join(rated, on="customer_id", how="left")
        .with_columns(pl.coalesce("nps", pl.col("overall10").round(1)).alias("attitude"))
    )


def _statements(
    db: Database,
    said: pl.DataFrame,
    items: tuple[LoyaltyItem, ...] | None,
    agree: float,
    customer_id: str | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, tuple[str, ...]]:
    """Per customer: the kind of loyalty and the loyalty index (the overall rating and
    the NPS answer stand in for the satisfaction and loyalty dimensions where the
    customer answered no statement of them); the statements the map does not know."""
    import polars as pl

    from custvalue.loyalty import load_items, loyalty_index, loyalty_kinds
    from custvalue.loyalty.items import match_items

    items = items if items is not None else load_items()
    only, params = ("WHERE customer_id = ?", [customer_id]) if customer_id else ("", [])
    answers = db.frame(f"SELECT customer_id, wave, item, score FROM voice_loyalty {only}", params)
    _, unmatched = match_items(answers, items)
    kinds = loyalty_kinds(answers, items, agree=agree)
    supplied = said.select(
        pl.col("customer_id").cast(pl.String),
        (pl.col("overall10") * 10).alias("satisfaction"),
        (pl.col("nps") * 10).alias("loyalty"),
    )
    index = loyalty_index(answers, items, supplied=supplied)
    return kinds, index, tuple(str(u) for u in unmatched)


def _scores(db: Database) -> tuple[int | None, pl.DataFrame]:
    import polars as pl

    runs = [
        int(r[0])
        for r in db.fetchall(
            "SELECT run_id FROM clv_runs r WHERE EXISTS "
            "(SELECT 1 FROM clv_scores c WHERE c.run_id = r.run_id) ORDER BY run_id DESC LIMIT 2"
        )
    ]
    if not runs:
        return None, pl.DataFrame(
            schema={"customer_id": pl.String, "p_alive": pl.Float64, "expected_change": pl.Float64}
        )
    now = db.frame(
        "SELECT customer_id, p_alive, expected_purchases FROM clv_scores WHERE run_id = ?",
        [runs[0]],
    )
    if len(runs) > 1:
        before = db.frame(
            "SELECT customer_id, expected_purchases AS before FROM clv_scores WHERE run_id = ?",
            [runs[1]],
        )
        now = now.join(before, on="customer_id", how="left").with_columns(
            (pl.col("expected_purchases") - pl.col("before")).alias("expected_change")
        )
    else:
        now = now.with_columns(pl.lit(None, pl.Float64).alias("expected_change"))
    return runs[0], now.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("p_alive").cast(pl.Float64),
        pl.col("expected_change").cast(pl.Float64),
    )


def loyalty(
    db: Database,
    *,
    rules: StageRules | None = None,
    attitude_high: float = 9.0,
    patronage_high: float = 0.5,
    as_of: date | None = None,
    items: tuple[LoyaltyItem, ...] | None = None,
    agree: float = 5.0,
) -> Loyalty:
    """Stages, types, kinds, the loyalty index and the three lists of every customer of
    the store (``items``: the loyalty statements, default the shipped map; ``agree``:
    the agreement from which a kind is held)."""
    import polars as pl

    from custvalue.exceptions import NotFoundError
    from custvalue.loyalty import (
        STAGES,
        StageRules,
        false_loyalty,
        loyalty_stages,
        loyalty_types,
        satisfied_at_risk,
        silent_promoters,
    )

    rules = rules or StageRules()
    customers = db.frame("SELECT customer_id, name, referred_by FROM customers")
    if customers.height == 0:
        raise NotFoundError("loyalty.no_customers", db=db.display_url)
    orders = db.frame(
        "SELECT customer_id, CAST(ordered_at AS DATE) AS ordered_at FROM orders "
        "WHERE amount_cents > 0 AND (kind IS NULL OR kind <> 'refund')"
    )
    when = as_of or (orders["ordered_at"].max() if orders.height else date.today())
    assert isinstance(when, date)
    said = _attitudes(db)
    staged = loyalty_stages(
        customers, orders, as_of=when, surveyed=said.select("customer_id", "nps"), rules=rules
    )
    from custvalue.loyalty import DIMENSIONS, KINDS

    kinds, index, unmatched = _statements(db, said, items, agree)
    run_id, scores = _scores(db)
    from custvalue.app.segments import load_values

    values = load_values(db).select(
        pl.col("customer_id").cast(pl.String), pl.col("realized_value").alias("value")
    )
    share = pl.col("active_periods") / rules.periods
    complained = _complaints(db, when)
    table = (
        staged.join(customers.select("customer_id", "name"), on="customer_id", how="left")
        .join(complained, on="customer_id", how="left")
        .with_columns(pl.col("complaints").fill_null(0))
        .join(said.select("customer_id", "attitude"), on="customer_id", how="left")
        .join(scores, on="customer_id", how="left")
        .join(values, on="customer_id", how="left")
        .join(kinds.select("customer_id", "loyalty_kind"), on="customer_id", how="left")
        .join(index.rename({d: f"index_{d}" for d in DIMENSIONS}), on="customer_id", how="left")
        .with_columns(pl.col("loyalty_kind").fill_null("not_measured"))
        .with_columns(
            pl.when(pl.col("p_alive").is_not_null())
            .then(pl.col("p_alive") * share)
            .otherwise(share)
            .alias("patronage")
        )
    )
    table = loyalty_types(table, attitude_high=attitude_high, patronage_high=patronage_high)
    counts = table.group_by("stage").agg(pl.len().cast(pl.Int64).alias("customers"))
    stages = (
        pl.DataFrame({"stage": list(STAGES)})
        .join(counts, on="stage", how="left")
        .with_columns(pl.col("customers").fill_null(0))
        .with_columns((pl.col("customers") / table.height).alias("share"))
    )
    types = (
        table.group_by("loyalty_type")
        .agg(pl.len().cast(pl.Int64).alias("customers"), pl.col("value").sum().alias("value"))
        .sort("customers", descending=True)
    )
    order = [*KINDS, "none_held", "not_measured"]
    kind_counts = table.group_by("loyalty_kind").agg(
        pl.len().cast(pl.Int64).alias("customers"), pl.col("value").sum().alias("value")
    )
    kind_table = (
        pl.DataFrame({"loyalty_kind": order})
        .join(kind_counts, on="loyalty_kind", how="left")
        .with_columns(pl.col("customers").fill_null(0), pl.col("value").fill_null(0.0))
    )
    measured = (*(f"index_{d}" for d in DIMENSIONS), "loyalty_index")
    dimension_table = pl.DataFrame(
        {
            "dimension": [*DIMENSIONS, "loyalty_index"],
            "customers": [int(table[d].is_not_null().sum()) for d in measured],
            "mean": [table[d].mean() for d in measured],
        },
        schema={"dimension": pl.String, "customers": pl.Int64, "mean": pl.Float64},
    )
    shown = [
        "customer_id",
        "name",
        "stage",
        "attitude",
        "patronage",
        "p_alive",
        "referred",
        "complaints",
        "value",
    ]
    lists = {
        "at_risk": satisfied_at_risk(table.filter(pl.col("p_alive").is_not_null())).select(shown),
        "false_loyalty": false_loyalty(table).select(shown),
        "silent_promoters": silent_promoters(table).select(shown),
    }
    named = {"value": "realized_value"}
    return Loyalty(
        customers=table.rename(named),
        stages=stages,
        types=types.rename(named),
        lists={name: frame.rename(named) for name, frame in lists.items()},
        as_of=when,
        clv_run=run_id,
        kinds=kind_table.rename(named),
        dimensions=dimension_table,
        unmatched=unmatched,
        agree=agree,
    )


def _complaints(db: Database, when: date) -> pl.DataFrame:
    """Per customer: the complaints made in the year up to ``when`` (a risk signal of
    the satisfied-but-at-risk view, docs/keeping.md §2)."""
    import polars as pl

    start = datetime.combine(when - timedelta(days=365), datetime.min.time())
    stop = datetime.combine(when + timedelta(days=1), datetime.min.time())
    return db.frame(
        "SELECT customer_id, count(*) AS complaints FROM complaints "
        "WHERE customer_id IS NOT NULL AND created_at >= ? AND created_at < ? "
        "GROUP BY customer_id",
        [start, stop],
    ).select(pl.col("customer_id").cast(pl.String), pl.col("complaints").cast(pl.Int64))


def kinds_note(result: Loyalty) -> str:
    """How the kinds were assigned and how many customers answered (both fronts)."""
    from custvalue.i18n import t

    kinds = result.kinds
    measured = int(kinds.filter(kinds["loyalty_kind"] != "not_measured")["customers"].sum())
    if not measured:
        return t("loyalty.no_statements")
    return t(
        "loyalty.kinds_note",
        agree=f"{result.agree:g}",
        measured=f"{measured:,}",
        count=f"{result.customers.height:,}",
    )


def index_note(result: Loyalty) -> str:
    """How the loyalty index is made, with the mean of each dimension."""
    from custvalue.i18n import t

    means = t("output.separator").join(
        f"{t('loyalty.dimension_' + d)} {'–' if m is None else f'{m:.1f}'}"
        for d, m in result.dimensions.select("dimension", "mean").iter_rows()
    )
    return t("loyalty.index_note", means=means)


def unmatched_note(result: Loyalty) -> str | None:
    """The statements answered that the map does not know, or ``None``."""
    from custvalue.i18n import t

    if not result.unmatched:
        return None
    more = " …" if len(result.unmatched) > 5 else ""
    shown = t("output.separator").join(result.unmatched[:5]) + more
    return t("loyalty.unmatched", count=len(result.unmatched), items=shown)


@dataclass(frozen=True)
class CustomerLoyalty(Result):
    """One customer's place: stage (and whether lapsed), loyalty type and kind, the
    attitude (latest NPS, else the overall rating on 0–10) and the loyalty index."""

    customer_id: str
    stage: str
    lapsed: bool
    loyalty_type: str
    loyalty_kind: str
    attitude: float | None
    nps: float | None
    loyalty_index: float | None
    dimensions: int

    def data(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "stage": self.stage,
            "lapsed": self.lapsed,
            "loyalty_type": self.loyalty_type,
            "loyalty_kind": self.loyalty_kind,
            "attitude": self.attitude,
            "nps": self.nps,
            "loyalty_index": self.loyalty_index,
            "dimensions": self.dimensions,
        }


def customer_loyalty(
    db: Database,
    *,
    customer_id: str,
    as_of: date,
    p_alive: float | None = None,
    rules: StageRules | None = None,
    attitude_high: float = 9.0,
    patronage_high: float = 0.5,
) -> CustomerLoyalty:
    """:func:`loyalty` for one customer, reading only their rows (and those of the
    customers they referred): what a customer's page shows. ``as_of`` and ``p_alive``
    come from the snapshot the page shows, so both agree with it."""
    import polars as pl

    from custvalue.loyalty import StageRules, loyalty_stages, loyalty_types

    rules = rules or StageRules()
    people = db.frame(
        "SELECT customer_id, name, referred_by FROM customers "
        "WHERE customer_id = ? OR referred_by = ?",
        [customer_id, customer_id],
    ).with_columns(pl.col(c).cast(pl.String) for c in ("customer_id", "name", "referred_by"))
    orders = db.frame(
        "SELECT o.customer_id, CAST(o.ordered_at AS DATE) AS ordered_at FROM orders o "
        "JOIN customers c ON c.customer_id = o.customer_id "
        "WHERE (c.customer_id = ? OR c.referred_by = ?) AND o.amount_cents > 0 "
        "AND (o.kind IS NULL OR o.kind <> 'refund')",
        [customer_id, customer_id],
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("ordered_at").cast(pl.Date))
    said = _attitudes(db, customer_id)
    staged = loyalty_stages(
        people, orders, as_of=as_of, surveyed=said.select("customer_id", "nps"), rules=rules
    ).filter(pl.col("customer_id") == customer_id)
    share = staged["active_periods"][0] / rules.periods
    row = staged.join(said.select("customer_id", "attitude"), on="customer_id", how="left")
    row = row.with_columns(
        pl.lit(share * p_alive if p_alive is not None else share).alias("patronage")
    )
    typed = loyalty_types(row, attitude_high=attitude_high, patronage_high=patronage_high)
    kinds, index, _ = _statements(db, said, None, 5.0, customer_id)
    kind = kinds["loyalty_kind"][0] if kinds.height else "not_measured"
    one = typed.row(0, named=True)
    return CustomerLoyalty(
        customer_id=customer_id,
        stage=str(one["stage"]),
        lapsed=bool(one["lapsed"]),
        loyalty_type=str(one["loyalty_type"]),
        loyalty_kind=str(kind),
        attitude=one["attitude"],
        nps=one["nps"],
        loyalty_index=float(index["loyalty_index"][0]) if index.height else None,
        dimensions=int(index["dimensions"][0]) if index.height else 0,
    )


@dataclass(frozen=True)
class TotalCustomerValue(Result):
    """Every customer's total value with its parts (0–100), the weights and rule used,
    and how the totals are spread (deciles)."""

    customers: pl.DataFrame
    weights: dict[str, float]
    method: str
    deciles: pl.DataFrame

    def data(self) -> dict[str, Any]:
        return {
            "weights": self.weights,
            "method": self.method,
            "deciles": rows(self.deciles),
            "customers": rows(self.customers),
        }


def total_note(total: TotalCustomerValue) -> str:
    """The weights and the scoring rule behind ``total``, in words (both fronts show it)."""
    from custvalue.i18n import t

    used = ", ".join(f"{t('loyalty.part_' + p)} {w:.0%}" for p, w in total.weights.items())
    method = t(f"loyalty.method_{total.method}")
    return t("loyalty.total_note", weights=used, method=method, count=total.customers.height)


def total_parts(db: Database, values: pl.DataFrame, scores: pl.DataFrame | None) -> pl.DataFrame:
    """The five parts of each customer's total value, before scoring: consumption =
    realized value, engagement = orders in the 12 months before the latest order,
    referral = the referral network's net value, future = CLV of ``scores`` (null
    without a run), satisfaction = the latest attitude (0–10, null when never surveyed).
    ``values``: ``customer_id, realized_value, referral_net`` per customer."""
    import polars as pl

    recent = db.frame(
        "SELECT customer_id, count(*) AS engagement FROM orders WHERE amount_cents > 0 "
        "AND ordered_at > (SELECT max(ordered_at) FROM orders) - INTERVAL '365 days' "
        "GROUP BY customer_id"
    ).with_columns(pl.col("customer_id").cast(pl.String), pl.col("engagement").cast(pl.Float64))
    future = (
        scores.select(pl.col("customer_id").cast(pl.String), pl.col("clv").alias("future"))
        if scores is not None
        else pl.DataFrame(schema={"customer_id": pl.String, "future": pl.Float64})
    )
    said = _attitudes(db).select(
        pl.col("customer_id").cast(pl.String), pl.col("attitude").alias("satisfaction")
    )
    return (
        values.select(
            pl.col("customer_id").cast(pl.String),
            pl.col("realized_value").cast(pl.Float64).alias("consumption"),
            pl.col("referral_net").cast(pl.Float64).alias("referral"),
        )
        .join(recent, on="customer_id", how="left")
        .with_columns(pl.col("engagement").fill_null(0.0))
        .join(future, on="customer_id", how="left")
        .join(said, on="customer_id", how="left")
    )


def total_customer_value(
    db: Database,
    *,
    weights: dict[str, float] | None = None,
    method: str = "percentile",
) -> TotalCustomerValue:
    """Total customer value (:func:`custvalue.loyalty.total_value`) of the store's
    customers: consumption = realized value, engagement = orders in the 12 months before
    the latest order, referral = the referral network's net value, future = CLV of the
    newest run, satisfaction = the latest attitude (0–10)."""
    import polars as pl

    from custvalue.app.segments import load_values
    from custvalue.clv.store import latest_run_scores
    from custvalue.exceptions import NotFoundError
    from custvalue.loyalty import total_value

    values = load_values(db)
    if values.height == 0:
        raise NotFoundError("loyalty.no_customers", db=db.display_url)
    scores = latest_run_scores(db)
    parts = total_parts(db, values, scores[1] if scores is not None else None).join(
        values.select(pl.col("customer_id").cast(pl.String), "name"), on="customer_id"
    )
    result = total_value(parts.drop("name"), weights=weights, method=method)  # type: ignore[arg-type]
    table = result.customers.join(parts.select("customer_id", "name"), on="customer_id", how="left")
    order = ["rank", "customer_id", "name", "total", "parts", *[c for c in result.weights]]
    table = table.select(order).sort("rank", nulls_last=True)
    deciles = pl.DataFrame(
        {
            "decile": list(range(1, 11)),
            "total_from": [float(table["total"].quantile((k - 1) / 10) or 0) for k in range(1, 11)],
            "total_to": [float(table["total"].quantile(k / 10) or 0) for k in range(1, 11)],
        }
    )
    return TotalCustomerValue(
        customers=table, weights=result.weights, method=result.method, deciles=deciles
    )
