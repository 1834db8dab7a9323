"""The stored survey scoped by wave and segment, and the what/who matrix with its owners.

Every analysis of one wave defaults to the latest wave; a wave or segment is found as
typed (``Ｗ１`` finds ``W1``) and an unknown one is refused naming the known ones
(``cli.cva_unknown_value``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.exceptions import DataValidationError

if TYPE_CHECKING:
    import polars as pl

    from custvalue.cva.survey import Survey
    from custvalue.data.db import Database

__all__ = ["ScopedSurvey", "WhatWho", "scope_survey", "what_who_matrix"]


@dataclass(frozen=True)
class ScopedSurvey(Result):
    """The survey of one wave (or every wave) and one segment (or all of them)."""

    survey: Survey
    #: the wave analysed (None: every wave)
    wave: str | None
    #: the segment as stored (None: all segments)
    segment: str | None
    #: True when the wave is the latest because none was asked for
    latest: bool

    def data(self) -> dict[str, Any]:
        return {
            "us": self.survey.us,
            "wave": self.wave,
            "segment": self.segment,
            "latest": self.latest,
        }


def scope_survey(
    db: Database,
    *,
    us: str | None = None,
    wave: str | None = None,
    segment: str | None = None,
    all_waves: bool = False,
) -> ScopedSurvey:
    """The stored survey (``us``: our brand, default the stored one) scoped to
    ``segment`` and ``wave`` (default the latest wave; ``all_waves`` keeps every wave
    when none is asked for)."""
    from custvalue.cva.store import load_survey

    survey = load_survey(db, us=us)
    found_segment = _known("--segment", segment, survey.segments)
    waves = [w for w in survey.waves if w]
    found_wave = _known("--wave", wave, survey.waves)
    chosen = found_wave if found_wave is not None or all_waves else (waves[-1] if waves else None)
    return ScopedSurvey(
        survey=survey.where(wave=chosen, segment=found_segment),
        wave=chosen,
        segment=found_segment,
        latest=wave is None and chosen is not None,
    )


@dataclass(frozen=True)
class WhatWho(Result):
    """The what/who matrix: each attribute's weight, ratio and priority flag
    (``table``), and the same with the functions that lead and support it
    (``owners``: lead and support joined with 、)."""

    scope: ScopedSurvey
    table: pl.DataFrame
    owners: pl.DataFrame

    def data(self) -> dict[str, Any]:
        return {**self.scope.data(), "attributes": rows(self.table), "owners": rows(self.owners)}


def what_who_matrix(
    db: Database, *, us: str | None = None, wave: str | None = None, segment: str | None = None
) -> WhatWho:
    """Which function owns each attribute, on the scoped survey; priorities flagged."""
    import polars as pl

    from custvalue.cva.whatwho import what_who

    scope = scope_survey(db, us=us, wave=wave, segment=segment)
    table = what_who(scope.survey)
    owners = scope.survey.owners
    compact = table.select("attribute", "kind", "weight", "ratio", "flag").join(
        owners.group_by("attribute").agg(
            pl.col("function").filter(pl.col("role") == "lead").sort().str.join("、").alias("lead"),
            pl.col("function")
            .filter(pl.col("role") == "support")
            .sort()
            .str.join("、")
            .alias("support"),
        ),
        on="attribute",
        how="left",
        maintain_order="left",
    )
    return WhatWho(
        scope=scope,
        table=table,
        owners=compact.select("attribute", "kind", "weight", "ratio", "lead", "support", "flag"),
    )


def _known(option: str, typed: str | None, known: Sequence[str]) -> str | None:
    """``typed`` as stored among ``known`` (:func:`~custvalue.data.ids.match_id`), ``None``
    when not given; an unknown value is refused, listing the known ones."""
    from custvalue.data.ids import match_id

    if typed is None:
        return None
    found = match_id(typed, known)
    if found is None:
        raise DataValidationError(
            "cli.cva_unknown_value",
            option=option,
            value=typed,
            known=", ".join(k for k in known if k) or "-",
        )
    return found
