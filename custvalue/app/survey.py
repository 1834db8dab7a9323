"""The stored survey scoped by wave and segment, and the what/who matrix with its owners.

Every analysis of one wave defaults to the latest wave; a wave or segment is found as
typed (``Ｗ１`` finds ``W1``) and an unknown one is refused naming the known ones
(``cli.cva_unknown_value``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.exceptions import CustValueError, DataValidationError

if TYPE_CHECKING:
    import polars as pl

    from custvalue.cva.survey import Survey
    from custvalue.data.db import Database

__all__ = [
    "TOOLS",
    "GaleTools",
    "ScopedSurvey",
    "WhatWho",
    "gale_tools",
    "in_words",
    "scope_survey",
    "what_who_matrix",
]


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

    return _scoped(load_survey(db, us=us), wave, segment, all_waves=all_waves)


def _scoped(
    survey: Survey, wave: str | None, segment: str | None, *, all_waves: bool
) -> ScopedSurvey:
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
    scope = scope_survey(db, us=us, wave=wave, segment=segment)
    return _what_who(scope)


def _what_who(scope: ScopedSurvey) -> WhatWho:
    import polars as pl

    from custvalue.cva.whatwho import what_who

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


#: Gale's seven tools (and Kotler's trend), in the order they are shown
TOOLS = ("quality", "price", "value_map", "win_loss", "head_to_head", "events", "what_who", "trend")


@dataclass(frozen=True)
class GaleTools(Result):
    """Every tool of customer value analysis on one scope of the stored survey.

    Profiles, the value map, head-to-head and what/who use the scoped wave (default the
    latest) and segment; win/loss and key events every wave of the segment; the trend
    every wave and segment. A tool the data cannot support (no deals stored, a rival
    never rated against us) has its error in ``errors`` instead of a result, so the
    other tools are still shown."""

    scope: ScopedSurvey
    #: every wave and segment stored, and the rivals rated against us
    waves: list[str]
    segments: list[str]
    rivals: list[str]
    #: the rival of the head-to-head chart (default: the strongest on the quality profile)
    rival: str | None
    results: dict[str, Any]
    errors: dict[str, CustValueError] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.scope.data(),
            "waves": self.waves,
            "segments": self.segments,
            "rivals": self.rivals,
            "rival": self.rival,
        }
        for tool in TOOLS:
            if tool in self.errors:
                error = self.errors[tool]
                out[tool] = {"error": {"code": error.code, "message": error.message()}}
            elif tool in self.results:
                out[tool] = _tool_data(self.results[tool])
        return out


def _tool_data(result: Any) -> Any:
    """A tool's result as plain data (frames as rows, dataclasses field by field)."""
    import dataclasses

    import polars as pl

    if isinstance(result, pl.DataFrame):
        return rows(result)
    if isinstance(result, WhatWho):
        return rows(result.owners)
    if dataclasses.is_dataclass(result):
        return {f.name: _tool_data(getattr(result, f.name)) for f in dataclasses.fields(result)}
    return result


def gale_tools(
    db: Database,
    *,
    us: str | None = None,
    wave: str | None = None,
    segment: str | None = None,
    rival: str | None = None,
    kind: str = "quality",
) -> GaleTools:
    """Gale's seven tools and the trend on the stored survey (see :class:`GaleTools`);
    ``rival`` and ``kind`` (quality or price) are the head-to-head's."""
    from custvalue._validation import check_choice
    from custvalue.cva.events import key_events
    from custvalue.cva.headtohead import head_to_head
    from custvalue.cva.profile import profile
    from custvalue.cva.store import load_survey
    from custvalue.cva.trend import trend
    from custvalue.cva.valuemap import value_map
    from custvalue.cva.winloss import win_loss

    check_choice("--kind", kind, ("quality", "price"))
    survey = load_survey(db, us=us)
    scope = _scoped(survey, wave, segment, all_waves=False)
    every_wave = _scoped(survey, None, segment, all_waves=True).survey
    rivals = sorted(set(survey.ratings["competitor"].to_list()) - {survey.us})
    results: dict[str, Any] = {}
    errors: dict[str, CustValueError] = {}

    def attempt(tool: str, run: Callable[[], Any]) -> None:
        try:
            results[tool] = run()
        except CustValueError as error:
            errors[tool] = error

    attempt("quality", lambda: profile(scope.survey, "quality"))
    attempt("price", lambda: profile(scope.survey, "price"))
    attempt("value_map", lambda: value_map(scope.survey))
    attempt("win_loss", lambda: win_loss(every_wave))
    chosen = _known("--rival", rival, rivals) if rival is not None else _strongest(results, rivals)
    if chosen is not None:
        attempt("head_to_head", lambda: head_to_head(scope.survey, chosen, kind=kind))  # type: ignore[arg-type]
    attempt("events", lambda: key_events(every_wave))
    attempt("what_who", lambda: _what_who(scope))
    attempt("trend", lambda: trend(survey))
    return GaleTools(
        scope=scope,
        waves=[w for w in survey.waves if w],
        segments=[s for s in survey.segments if s],
        rivals=rivals,
        rival=chosen,
        results=results,
        errors=errors,
    )


def _strongest(results: dict[str, Any], rivals: list[str]) -> str | None:
    """The rival closest to us on the quality profile (lowest overall ratio)."""
    import polars as pl

    quality = results.get("quality")
    if quality is not None and quality.overall.height:
        closest = quality.overall.filter(pl.col("rival").is_in(rivals)).sort("ratio", "rival")
        if closest.height:
            return str(closest["rival"][0])
    return rivals[0] if rivals else None


def in_words(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes to words for tables read by people (JSON and CSV keep the codes): rivals'
    baselines, zones, outcomes, effects, kinds and flags in the language in force."""
    import polars as pl

    from custvalue.figures.cva import rival_label
    from custvalue.i18n import t

    def words(prefix: str) -> Callable[[str | None], str]:
        return lambda code: t(prefix + code) if code else ""

    out = frame
    if "rival" in out.columns:
        out = out.with_columns(pl.col("rival").map_elements(rival_label, return_dtype=pl.String))
    for column, prefix in (
        ("zone", "cva.zone_"),
        ("outcome", "cva.outcome_"),
        ("effect", "cva.effect_"),
        ("kind", "cva.kind_"),
        ("flag", "cva.flag_"),
    ):
        if column in out.columns:
            out = out.with_columns(
                pl.col(column).map_elements(words(prefix), return_dtype=pl.String)
            )
    return out
