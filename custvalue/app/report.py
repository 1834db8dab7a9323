"""The headline report: top customers, the tier pyramid, the 80/20 summary and the RFM
segments, from the customer values (``custvalue report``, the overview page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database

__all__ = ["Headline", "has_orders", "headline", "headline_report"]


def has_orders(values: pl.DataFrame) -> bool:
    """True when the customer values count at least one order."""
    return values.height > 0 and int(values["orders"].sum()) > 0


@dataclass(frozen=True)
class Headline(Result):
    """The headline report's parts (``None`` when no customer has an order yet)."""

    top_customers: pl.DataFrame
    tiers: pl.DataFrame
    pareto: dict[str, Any]
    rfm_segments: pl.DataFrame
    tier_rule: dict[str, Any]

    def parts(self) -> dict[str, Any]:
        """The parts by name, in the report's order (frames as frames)."""
        return {
            "top_customers": self.top_customers,
            "tiers": self.tiers,
            "pareto": self.pareto,
            "rfm_segments": self.rfm_segments,
            "tier_rule": self.tier_rule,
        }

    def data(self) -> dict[str, Any]:
        return {
            "top_customers": rows(self.top_customers),
            "tiers": rows(self.tiers),
            "pareto": self.pareto,
            "rfm_segments": rows(self.rfm_segments),
            "tier_rule": self.tier_rule,
        }


def headline(values: pl.DataFrame, *, top: int = 10) -> Headline:
    """The headline report of ``values`` (:func:`custvalue.value.customer_values`)."""
    from custvalue.segmentation import (
        pareto_summary,
        profitability_tiers,
        rfm_scores,
        rfm_segments,
        segment_summary,
        tier_rule,
        tier_summary,
    )

    tiers = tier_summary(profitability_tiers(values), value="realized_value")
    pareto = pareto_summary(values)
    segments = segment_summary(rfm_segments(rfm_scores(values)), segment_map="standard11")
    leaders = values.sort("sustained_value", "customer_id", descending=[True, False]).head(top)
    return Headline(
        top_customers=leaders.select(
            "customer_id",
            "name",
            "orders",
            "revenue",
            "realized_value",
            "referral_revenue",
            "sustained_value",
        ),
        tiers=tiers,
        pareto=pareto,
        rfm_segments=segments,
        tier_rule=tier_rule(values).as_dict(),
    )


def headline_report(db: Database, *, as_of: date | None = None, top: int = 10) -> Headline | None:
    """The headline report of the store as of ``as_of`` (default: its latest order);
    ``None`` when no customer has an order yet (a front says what to import)."""
    from custvalue.value import customer_values, ledger_from_db

    values = customer_values(ledger_from_db(db, as_of=as_of))
    return headline(values, top=top) if has_orders(values) else None
