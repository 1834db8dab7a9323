"""The referral graph: who brought in whom, and what flows up the chain.

Each customer has at most one referrer (``referred_by``), so the graph is a
forest; the value a customer's referred customers bring is credited to that
one direct referrer and, transitively, to the referrer's own referrers
(SPEC §1.1 influence value, 影响价值).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = ["find_cycle", "referral_edges", "roll_up"]


def referral_edges(customers: pl.DataFrame) -> pl.DataFrame:
    """Edges ``customer_id -> referred_by`` with a referrer, validated acyclic.

    Raises
    ------
    DataValidationError
        When a customer refers themselves or the links form a cycle.
    """
    edges = customers.select("customer_id", "referred_by").filter(
        pl.col("referred_by").is_not_null()
    )
    cycle = find_cycle(dict(zip(edges["customer_id"], edges["referred_by"], strict=True)))
    if cycle:
        raise DataValidationError("validation.referral_cycle", chain=" → ".join(cycle))
    return edges


def find_cycle(parent: dict[str, str]) -> list[str] | None:
    """A cycle in the child → parent map, as the list of ids around it, or None."""
    state: dict[str, int] = {}
    for start in parent:
        if state.get(start):
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and not state.get(node):
            state[node] = 1
            path.append(node)
            node = parent.get(node)
        if node is not None and state.get(node) == 1:
            return [*path[path.index(node) :], node]
        for visited in path:
            state[visited] = 2
    return None


def roll_up(
    values: pl.DataFrame,
    edges: pl.DataFrame,
    *,
    columns: Sequence[str],
    by: Sequence[str] = (),
    max_depth: int | None = None,
) -> pl.DataFrame:
    """Sum each customer's descendants' ``columns`` (per ``by`` keys).

    Parameters
    ----------
    values
        One row per customer (and ``by`` keys) with numeric ``columns``.
    edges
        From :func:`referral_edges`.
    columns
        What to add up.
    by
        Extra keys kept apart (e.g. ``["year"]``).
    max_depth
        1 = directly referred customers only; ``None`` = the whole subtree.

    Returns
    -------
    pl.DataFrame
        ``customer_id``, ``by`` keys and ``columns`` holding the descendants'
        totals; customers with no descendants are absent.
    """
    keys = ["customer_id", *by]
    current = values.select([*keys, *columns])
    parts: list[pl.DataFrame] = []
    depth = 0
    limit = max_depth if max_depth is not None else edges.height + 1
    while current.height and depth < limit:
        current = (
            current.join(edges, on="customer_id", how="inner")
            .drop("customer_id")
            .rename({"referred_by": "customer_id"})
            .group_by(keys)
            .agg([pl.col(c).sum() for c in columns])
        )
        if current.height:
            parts.append(current)
        depth += 1
    if not parts:
        return values.select([*keys, *columns]).clear()
    return pl.concat(parts).group_by(keys).agg([pl.col(c).sum() for c in columns])
