"""The ledger read from the store: the one module of :mod:`custvalue.value` that opens it.

:func:`ledger_from_db` runs the ledger's aggregation SQL (:mod:`custvalue.value.ledger`)
inside the database engine, DuckDB or PostgreSQL, so the orders never leave it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from custvalue.data.db import Database
from custvalue.value.ledger import Ledger, aggregate

__all__ = ["ledger_from_db"]

#: the store's tables the ledger reads
TABLES = {"orders": "orders", "costs": "costs", "customers": "customers"}


def ledger_from_db(
    db: Database,
    *,
    as_of: date | None = None,
    service_categories: Iterable[str] | None = None,
) -> Ledger:
    """Aggregate the store's ledger inside the database engine.

    ``as_of`` defaults to the latest order or cost date in the store;
    ``service_categories`` names the categories (or products) of added services
    (default :data:`~custvalue.value.ledger.SERVICE_CATEGORIES`, see
    :func:`~custvalue.value.ledger.service_names`).
    """
    return aggregate(db.frame, tables=TABLES, as_of=as_of, service_categories=service_categories)
