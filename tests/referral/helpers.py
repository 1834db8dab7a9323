"""Small builders of claims, orders and customers frames for the referral tests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import polars as pl

CLAIMS: dict[str, Any] = {
    "referee_id": pl.String,
    "referrer_id": pl.String,
    "bound_at": pl.Datetime("us"),
    "source": pl.String,
}
ORDERS: dict[str, Any] = {
    "order_id": pl.String,
    "customer_id": pl.String,
    "ordered_at": pl.Datetime("us"),
    "amount_cents": pl.Int64,
    "refund_of": pl.String,
}


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment of 2026."""
    return datetime(2026, month, day, hour, minute)


def claims(*rows: tuple[str, str, datetime, str]) -> pl.DataFrame:
    """(referee, referrer, bound_at, source) rows."""
    return pl.DataFrame(list(rows), schema=CLAIMS, orient="row")


def orders(
    *rows: tuple[str, str, datetime, int] | tuple[str, str, datetime, int, str],
) -> pl.DataFrame:
    """(order_id, customer_id, ordered_at, amount_cents[, refund_of]) rows."""
    full = [(*r, None) if len(r) == 4 else r for r in rows]
    return pl.DataFrame(full, schema=ORDERS, orient="row")


def customers(*rows: tuple[str, date, str | None]) -> pl.DataFrame:
    """(customer_id, acquired_at, referred_by) rows."""
    return pl.DataFrame(
        list(rows),
        schema={"customer_id": pl.String, "acquired_at": pl.Date, "referred_by": pl.String},
        orient="row",
    )
