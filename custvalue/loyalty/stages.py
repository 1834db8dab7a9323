"""Each customer's loyalty stage: suspect → prospect → first-time buyer → repeat buyer →
client → advocate (the ladder of the seeds; Raphel & Raphel 1995, Christopher, Payne &
Ballantyne 1991).

The rules (``stages.toml``, replaceable):

* **suspect**: in the customer list, no order, never surveyed;
* **prospect**: no order, but surveyed (answered a survey, so in touch);
* **first-time buyer**: exactly one order;
* **repeat buyer**: two or more orders;
* **client**: orders in at least ``active_periods`` of the last ``periods`` periods of
  ``period_days`` days before the as-of date (default 3 of the last 4 quarters);
* **advocate**: has referred at least ``referred_buyers`` customers who bought, or is a
  promoter (latest NPS ≥ ``promoter_score``) who has referred someone.

The highest stage whose rule holds is the customer's. A customer without an order for
``lapse.days`` is flagged ``lapsed``; the stage is kept (what a customer has become
does not go backwards with time), so the flag, not a lower stage, says they slipped.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = ["RULES_FILE", "STAGES", "StageRules", "load_rules", "loyalty_stages"]

STAGES = ("suspect", "prospect", "first_time", "repeat", "client", "advocate")
RULES_FILE = Path(__file__).with_name("stages.toml")


@dataclass(frozen=True)
class StageRules:
    """The thresholds of the stages (see the module docstring)."""

    periods: int = 4
    period_days: int = 91
    active_periods: int = 3
    referred_buyers: int = 1
    promoter_score: int = 9
    lapse_days: int = 365


def load_rules(path: str | Path | None = None) -> StageRules:
    """The rules of ``path`` (TOML, the keys of ``stages.toml``), or the shipped ones."""
    source = Path(path) if path is not None else RULES_FILE
    try:
        data: dict[str, Any] = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataValidationError(
            "loyalty.rules_unreadable", file=str(source), detail=str(exc)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataValidationError(
            "loyalty.rules_unreadable", file=str(source), detail=str(exc)
        ) from None
    flat = {
        "periods": data.get("client", {}).get("periods", 4),
        "period_days": data.get("client", {}).get("period_days", 91),
        "active_periods": data.get("client", {}).get("active_periods", 3),
        "referred_buyers": data.get("advocate", {}).get("referred_buyers", 1),
        "promoter_score": data.get("advocate", {}).get("promoter_score", 9),
        "lapse_days": data.get("lapse", {}).get("days", 365),
    }
    for key, value in flat.items():
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < (0 if key == "promoter_score" else 1)
        ):
            raise DataValidationError(
                "loyalty.bad_rule", file=str(source), key=key, value=repr(value)
            )
    rules = StageRules(**flat)
    if rules.active_periods > rules.periods:
        raise DataValidationError(
            "loyalty.bad_rule",
            file=str(source),
            key="active_periods",
            value=repr(rules.active_periods),
        )
    return rules


def loyalty_stages(
    customers: pl.DataFrame,
    orders: pl.DataFrame,
    *,
    as_of: date,
    surveyed: pl.DataFrame | None = None,
    rules: StageRules | None = None,
) -> pl.DataFrame:
    """The stage of every customer.

    ``customers``: ``customer_id`` and ``referred_by`` (optional); ``orders``:
    ``customer_id, ordered_at`` (refunds left out by the caller); ``surveyed``:
    ``customer_id`` and optionally ``nps`` (the latest NPS answer) of the customers who
    answered a survey. Returns ``customer_id, stage, orders, active_periods,
    referred, referred_buyers, nps, lapsed, days_since``.
    """
    rules = rules or StageRules()
    ids = customers.select(pl.col("customer_id").cast(pl.String))
    dated = orders.select(
        pl.col("customer_id").cast(pl.String), pl.col("ordered_at").cast(pl.Date)
    ).filter(pl.col("ordered_at") <= as_of)
    start = as_of - timedelta(days=rules.periods * rules.period_days)
    period = (pl.lit(as_of) - pl.col("ordered_at")).dt.total_days() // rules.period_days
    per = (
        dated.with_columns(period.alias("_period"))
        .group_by("customer_id")
        .agg(
            pl.len().cast(pl.Int64).alias("orders"),
            pl.col("ordered_at").max().alias("last_order"),
            pl.col("_period")
            .filter(pl.col("ordered_at") > start)
            .n_unique()
            .alias("active_periods"),
        )
    )
    buyers = per.select("customer_id")
    if "referred_by" in customers.columns:
        edges = customers.select(
            pl.col("customer_id").cast(pl.String), pl.col("referred_by").cast(pl.String)
        ).filter(pl.col("referred_by").is_not_null())
        referred = (
            edges.group_by("referred_by")
            .agg(
                pl.len().cast(pl.Int64).alias("referred"),
                pl.col("customer_id")
                .is_in(buyers["customer_id"].implode())
                .sum()
                .cast(pl.Int64)
                .alias("referred_buyers"),
            )
            .rename({"referred_by": "customer_id"})
        )
    else:
        referred = pl.DataFrame(
            schema={"customer_id": pl.String, "referred": pl.Int64, "referred_buyers": pl.Int64}
        )
    said = (
        surveyed.select(
            pl.col("customer_id").cast(pl.String),
            (
                pl.col("nps").cast(pl.Float64)
                if "nps" in surveyed.columns
                else pl.lit(None, pl.Float64)
            ).alias("nps"),
        )
        .unique("customer_id", keep="last")
        .with_columns(pl.lit(True).alias("surveyed"))
        if surveyed is not None
        else pl.DataFrame(
            schema={"customer_id": pl.String, "nps": pl.Float64, "surveyed": pl.Boolean}
        )
    )
    table = (
        ids.join(per, on="customer_id", how="left")
        .join(referred, on="customer_id", how="left")
        .join(said, on="customer_id", how="left")
        .with_columns(
            pl.col("orders").fill_null(0),
            pl.col("active_periods").fill_null(0).cast(pl.Int64),
            pl.col("referred").fill_null(0),
            pl.col("referred_buyers").fill_null(0),
            pl.col("surveyed").fill_null(False),
        )
    )
    promoter = pl.col("nps").fill_null(-1) >= rules.promoter_score
    stage = (
        pl.when(
            (pl.col("referred_buyers") >= rules.referred_buyers)
            | (promoter & (pl.col("referred") > 0))
        )
        .then(pl.lit("advocate"))
        .when(pl.col("active_periods") >= rules.active_periods)
        .then(pl.lit("client"))
        .when(pl.col("orders") >= 2)
        .then(pl.lit("repeat"))
        .when(pl.col("orders") == 1)
        .then(pl.lit("first_time"))
        .when(pl.col("surveyed"))
        .then(pl.lit("prospect"))
        .otherwise(pl.lit("suspect"))
    )
    days_since = (pl.lit(as_of) - pl.col("last_order")).dt.total_days().cast(pl.Int64)
    return table.with_columns(
        stage.alias("stage"),
        days_since.alias("days_since"),
    ).with_columns(
        (pl.col("days_since").fill_null(-1) > rules.lapse_days).alias("lapsed")
    ).select(
        "customer_id", "stage", "orders", "active_periods", "referred", "referred_buyers",
        "nps", "lapsed", "days_since",
    )  # fmt: skip
