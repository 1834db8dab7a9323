"""From a long choice frame to the numeric design matrix of the conditional logit.

A :class:`Design` remembers which columns are numeric attributes, which are
categorical (dummy-coded against a stated reference level) and whether
alternative-specific constants are used, so that a fitted model encodes any scenario
frame exactly as it encoded its training data. Parameter names:

- a numeric attribute keeps its column name (``价格``);
- a categorical level reads ``column[level]`` (``品牌[海尔]``), one per non-reference
  level, a shift of utility relative to the reference level;
- an alternative-specific constant reads ``ASC[alternative]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from custvalue.exceptions import DataValidationError

__all__ = ["Categorical", "Design", "build_design"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Categorical:
    """A categorical column, its levels (sorted) and the reference level (no dummy)."""

    column: str
    levels: tuple[str, ...]
    reference: str

    @property
    def coded(self) -> tuple[str, ...]:
        """The levels that get a dummy (every level but the reference)."""
        return tuple(v for v in self.levels if v != self.reference)


@dataclass(frozen=True)
class Design:
    """How a frame becomes the design matrix: numeric, categorical and ASC columns."""

    numeric: tuple[str, ...]
    categorical: tuple[Categorical, ...] = ()
    asc: Categorical | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names, in the order of the columns of :meth:`matrix`."""
        out = list(self.numeric)
        for c in self.categorical:
            out.extend(f"{c.column}[{level}]" for level in c.coded)
        if self.asc is not None:
            out.extend(f"ASC[{level}]" for level in self.asc.coded)
        return tuple(out)

    @property
    def columns(self) -> tuple[str, ...]:
        """The attribute columns a frame must have (the alternative column not included)."""
        return self.numeric + tuple(c.column for c in self.categorical)

    def matrix(self, frame: pl.DataFrame, alternative: str) -> Array:
        """The design matrix of ``frame`` (rows in frame order); levels must be known."""
        blocks: list[Array] = []
        if self.numeric:
            blocks.append(frame.select(self.numeric).cast(pl.Float64).to_numpy())
        coded = list(self.categorical)
        sources = [c.column for c in self.categorical]
        if self.asc is not None:
            coded.append(self.asc)
            sources.append(alternative)
        for cat, source in zip(coded, sources, strict=True):
            values = frame[source].cast(pl.String).to_numpy()
            blocks.append(
                np.column_stack([values == level for level in cat.coded]).astype(np.float64)
                if cat.coded
                else np.zeros((frame.height, 0))
            )
        if not blocks:
            return np.zeros((frame.height, 0))
        return np.ascontiguousarray(np.hstack(blocks), dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (see :meth:`from_dict`)."""

        def cat(c: Categorical) -> dict[str, Any]:
            return {"column": c.column, "levels": list(c.levels), "reference": c.reference}

        return {
            "numeric": list(self.numeric),
            "categorical": [cat(c) for c in self.categorical],
            "asc": None if self.asc is None else cat(self.asc),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Design:
        """Rebuild a design; raises ``TypeError``/``KeyError``/``ValueError`` on bad input
        (the model loader turns them into one clear error)."""

        def cat(d: Mapping[str, Any]) -> Categorical:
            levels = tuple(_text(v) for v in d["levels"])
            reference = _text(d["reference"])
            if reference not in levels or len(set(levels)) != len(levels):
                raise ValueError("reference level not among the levels, or repeated levels")
            return Categorical(_text(d["column"]), levels, reference)

        numeric = tuple(_text(v) for v in data["numeric"])
        categorical = tuple(cat(d) for d in data["categorical"])
        asc = None if data["asc"] is None else cat(data["asc"])
        return cls(numeric, categorical, asc)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def build_design(
    frame: pl.DataFrame,
    *,
    numeric: Sequence[str],
    categorical: Mapping[str, str | None],
    alternative: str,
    asc: bool,
    asc_reference: str | None,
) -> Design:
    """The design for training ``frame``: levels as seen in it, references as stated
    (default: the first level in sorted order).

    Raises
    ------
    DataValidationError
        A stated reference level that is not in the column (the levels are listed).
    """
    cats = tuple(
        _categorical(frame, column, reference, column) for column, reference in categorical.items()
    )
    asc_cat = _categorical(frame, alternative, asc_reference, "ASC") if asc else None
    return Design(tuple(numeric), cats, asc_cat)


def _categorical(
    frame: pl.DataFrame, source: str, reference: str | None, label: str
) -> Categorical:
    levels = tuple(sorted(str(v) for v in frame[source].cast(pl.String).unique().drop_nulls()))
    chosen = levels[0] if reference is None and levels else reference
    if chosen is None or chosen not in levels:
        raise DataValidationError(
            "choice.bad_reference",
            column=label,
            value=reference,
            levels=", ".join(levels),
        )
    return Categorical(source, levels, chosen)
