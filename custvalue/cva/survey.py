"""Survey and deal data for customer value analysis, as one object of tidy frames.

The canonical columns of each frame are in :data:`COLUMNS` (see docs/customer-value.md);
``wave`` and ``segment`` are ``""`` when the data has none. ``us`` names our own brand
among the ``competitor`` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import polars as pl

from custvalue._validation import check_columns

__all__ = ["COLUMNS", "Survey", "empty"]

COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "ratings": {
        "wave": pl.String(),
        "segment": pl.String(),
        "respondent": pl.String(),
        "competitor": pl.String(),
        "attribute": pl.String(),
        "rating": pl.Float64(),
    },
    "weights": {
        "wave": pl.String(),
        "segment": pl.String(),
        "respondent": pl.String(),
        "attribute": pl.String(),
        "kind": pl.String(),
        "weight": pl.Float64(),
    },
    "market": {
        "wave": pl.String(),
        "segment": pl.String(),
        "competitor": pl.String(),
        "price": pl.Float64(),
        "share": pl.Float64(),
    },
    "deals": {
        "deal_id": pl.String(),
        "date": pl.Date(),
        "segment": pl.String(),
        "competitor": pl.String(),
        "outcome": pl.String(),
        "attribute": pl.String(),
        "amount": pl.Float64(),
        "note": pl.String(),
    },
    "events": {
        "date": pl.Date(),
        "wave": pl.String(),
        "actor": pl.String(),
        "attribute": pl.String(),
        "kind": pl.String(),
        "effect": pl.String(),
        "description": pl.String(),
    },
    "owners": {
        "attribute": pl.String(),
        "function": pl.String(),
        "role": pl.String(),
    },
    "offerings": {
        "segment": pl.String(),
        "offering": pl.String(),
        "component": pl.String(),
        "kind": pl.String(),
        "level": pl.String(),
        "amount": pl.Float64(),
        "unit": pl.String(),
        "per_point": pl.Float64(),
    },
}


def empty(name: str) -> pl.DataFrame:
    """An empty frame with the canonical columns of ``name``."""
    return pl.DataFrame(schema=COLUMNS[name])


@dataclass(frozen=True)
class Survey:
    """The data of one customer value analysis.

    Parameters
    ----------
    us
        Our brand as written in the ``competitor`` column.
    ratings, weights, market, deals, events, owners, offerings
        Frames with (at least) the canonical columns; missing frames are empty.
    """

    us: str
    ratings: pl.DataFrame = field(default_factory=lambda: empty("ratings"))
    weights: pl.DataFrame = field(default_factory=lambda: empty("weights"))
    market: pl.DataFrame = field(default_factory=lambda: empty("market"))
    deals: pl.DataFrame = field(default_factory=lambda: empty("deals"))
    events: pl.DataFrame = field(default_factory=lambda: empty("events"))
    owners: pl.DataFrame = field(default_factory=lambda: empty("owners"))
    offerings: pl.DataFrame = field(default_factory=lambda: empty("offerings"))

    def __post_init__(self) -> None:
        for name, schema in COLUMNS.items():
            frame: pl.DataFrame = getattr(self, name)
            check_columns(frame, list(schema), frame_name=name)
            object.__setattr__(
                self, name, frame.select([pl.col(c).cast(t) for c, t in schema.items()])
            )

    def where(self, *, wave: str | None = None, segment: str | None = None) -> Survey:
        """Only the rows of one wave and/or segment.

        Weights and market rows stated for all waves or all segments (``""``) are kept:
        the analyses prefer the specific rows and fall back to the general ones.
        """
        out: dict[str, pl.DataFrame] = {}
        for name in COLUMNS:
            frame: pl.DataFrame = getattr(self, name)
            general = name in ("weights", "market")
            for column, value in (("wave", wave), ("segment", segment)):
                if value is not None and column in frame.columns:
                    keep = pl.col(column) == value
                    frame = frame.filter(keep | (pl.col(column) == "") if general else keep)
            out[name] = frame
        return replace(self, **out)  # type: ignore[arg-type]

    @property
    def waves(self) -> list[str]:
        """Waves in sort order (labels like 2025H2 < 2026H1 sort as written)."""
        return sorted(set(self.ratings["wave"].to_list()) | set(self.weights["wave"].to_list()))

    @property
    def segments(self) -> list[str]:
        return sorted(set(self.ratings["segment"].to_list()))

    @property
    def competitors(self) -> list[str]:
        return sorted(set(self.ratings["competitor"].to_list()))
