"""Delivered value: the offerings from a file or from the store, one segment or all,
and every part of the analysis (value per offering, the choice, our comparison with
each rival and Anderson's test, the flip points, a sweep of one component's worth).

A file is analysed on its own: the store is not opened (nor created). Without a file
the offerings stored by ``custvalue import offerings`` are read, through ``store`` (a
callable opening the store, called only then).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from custvalue._validation import check_choice, check_number
from custvalue.app.results import Result, rows
from custvalue.exceptions import DataValidationError

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database

__all__ = [
    "PARTS",
    "RULE_OPTIONS",
    "ComponentWhatIf",
    "Delivered",
    "Offerings",
    "component_what_if",
    "delivered_analysis",
    "in_words",
    "known_value",
    "load_offerings",
]

#: the parts of the analysis, in the order they are shown
PARTS = ("offerings", "choice", "comparison", "flip", "sweep")
#: which rule decides the winner: the difference V − C, the ratio V / C, or both
RULE_OPTIONS = ("both", "difference", "ratio")

Store = Callable[[], AbstractContextManager["Database"]]


@dataclass(frozen=True)
class Offerings(Result):
    """The prepared offerings, our brand as stored (None for a file) and where they
    came from (the file, or the store's URL with any password hidden)."""

    frame: pl.DataFrame
    stored_us: str | None
    source: str

    def data(self) -> dict[str, Any]:
        return {"source": self.source, "us": self.stored_us, "offerings": rows(self.frame)}


def load_offerings(
    *,
    file: str | Path | None = None,
    store: Store | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    per_point: float | None = None,
    worth: Mapping[str, float] | None = None,
    groups: Mapping[str, str] | None = None,
) -> Offerings:
    """The offerings of ``file``, or without one those in the store (``sheet`` and
    ``mapping`` are for a file and refused without one), prepared with the worth of a
    point, worth overrides and component groups."""
    from custvalue.delivered.offerings import prepare

    if per_point is not None:
        check_number("--per-point", per_point, above=0)
    worths, grouped = dict(worth or {}), dict(groups or {})
    if file is not None:
        from custvalue.delivered.files import read_offerings

        frame = read_offerings(
            Path(file),
            sheet=sheet,
            mapping=dict(mapping or {}),
            per_point=per_point,
            worth=worths,
            groups=grouped,
        )
        return Offerings(frame, None, str(file))
    if sheet is not None or mapping:
        raise DataValidationError("cli.delivered_options_need_file")
    if store is None:
        raise TypeError("load_offerings: give a file or a store")
    from custvalue.cva.store import get_us
    from custvalue.cva.store import load_offerings as stored_offerings

    with store() as db:
        frame = stored_offerings(db)
        stored_us = get_us(db)
        source = db.display_url
    prepared = prepare(frame, per_point=per_point, worth=worths, groups=grouped)
    return Offerings(prepared, stored_us, source)


@dataclass(frozen=True)
class Delivered(Result):
    """Every part of the delivered-value analysis by name (``parts``) and its terms."""

    source: str
    us: str
    rival: str | None
    #: the segment asked for, as typed (None: every segment)
    segment: str | None
    rule: str
    worth: dict[str, float]
    groups: dict[str, str]
    segments_without_us: list[str]
    #: the prepared offerings analysed (one segment when asked)
    offerings: pl.DataFrame
    parts: dict[str, pl.DataFrame] = field(default_factory=dict)
    #: the component swept and its worths (None: no sweep)
    sweep: tuple[str, list[float]] | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules in force (``both`` is the difference and the ratio)."""
        return ("difference", "ratio") if self.rule == "both" else (self.rule,)

    def data(self) -> dict[str, Any]:
        return self.document([p for p in PARTS if p in self.parts])

    def document(self, parts: Sequence[str]) -> dict[str, Any]:
        """The terms and the named ``parts`` (each a list of rows)."""
        return {
            "source": self.source,
            "us": self.us,
            "rival": self.rival,
            "segment": self.segment,
            "rule": self.rule,
            "worth": self.worth,
            "groups": self.groups,
            "segments_without_us": self.segments_without_us,
            **{name: rows(self.parts[name]) for name in parts},
        }

    def to_dict(self, parts: Sequence[str] | None = None) -> dict[str, Any]:
        """The result as one JSON-ready document, every part or the ones named."""
        from custvalue.output import jsonable

        chosen = [p for p in PARTS if p in self.parts] if parts is None else list(parts)
        return jsonable(self.document(chosen))  # type: ignore[no-any-return]


def _choose_us(frame: pl.DataFrame, us: str | None, stored: str | None) -> str:
    from custvalue.data.ids import match_id

    names = list(dict.fromkeys(frame["offering"].to_list()))
    if us is not None:
        return us.strip()
    if stored is not None and match_id(stored, names) is not None:
        return stored
    raise DataValidationError("delivered.us_missing", offerings=", ".join(names))


def delivered_analysis(
    *,
    file: str | Path | None = None,
    store: Store | None = None,
    us: str | None = None,
    rival: str | None = None,
    segment: str | None = None,
    rule: str = "both",
    per_point: float | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    worth: Mapping[str, float] | None = None,
    groups: Mapping[str, str] | None = None,
    sweep: tuple[str, list[float]] | None = None,
) -> Delivered:
    """Delivered value of the offerings (:func:`load_offerings`) in ``segment`` (found
    as typed) for ``us`` (default: our stored brand) against ``rival`` (default: each
    rival), decided by ``rule``; ``sweep`` also varies one component's worth."""
    import polars as pl

    from custvalue.data.ids import match_id
    from custvalue.delivered.flip import flip_points
    from custvalue.delivered.sweep import worth_sweep
    from custvalue.delivered.value import compare, delivered_value, market_choice

    check_choice("--rule", rule, RULE_OPTIONS)
    loaded = load_offerings(
        file=file,
        store=store,
        sheet=sheet,
        mapping=mapping,
        per_point=per_point,
        worth=worth,
        groups=groups,
    )
    frame = loaded.frame
    segments = list(dict.fromkeys(frame["segment"].to_list()))
    if segment is not None:
        found = match_id(segment, segments)
        if found is None:
            raise DataValidationError(
                "cli.delivered_unknown_segment",
                value=segment,
                known=", ".join(s for s in segments if s) or "—",
            )
        frame = frame.filter(pl.col("segment") == found)
    comparison = compare(frame, _choose_us(frame, us, loaded.stored_us), rival=rival)
    chosen_us = comparison.us
    rival = None if rival is None else match_id(rival, frame["offering"].to_list()) or rival
    rules = ("difference", "ratio") if rule == "both" else (rule,)
    parts: dict[str, pl.DataFrame] = {
        "offerings": delivered_value(frame),
        "choice": market_choice(frame).filter(pl.col("rule").is_in(rules)),
        "comparison": comparison.table,
        "flip": flip_points(frame, chosen_us, rival=rival, rule=rule),
    }
    if sweep is not None:
        parts["sweep"] = worth_sweep(frame, *sweep).filter(pl.col("rule").is_in(rules))
    return Delivered(
        source=loaded.source,
        us=chosen_us,
        rival=rival,
        segment=segment,
        rule=rule,
        worth=dict(worth or {}),
        groups=dict(groups or {}),
        segments_without_us=list(comparison.segments_without_us),
        offerings=frame,
        parts=parts,
        sweep=sweep,
    )


def in_words(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes to words for tables read by people (JSON and CSV keep the codes): rules,
    sides, kinds, levels, components and groups in the language in force, the segment
    as ``market_segment`` (an empty one named), booleans as yes/no."""
    import polars as pl

    from custvalue.delivered.components import component_label
    from custvalue.i18n import t

    out = frame
    simple: dict[str, Callable[[Any], str]] = {
        "rule": lambda v: t(f"delivered.rule_{v}"),
        "side": lambda v: t(f"delivered.side_{v}"),
        "kind": lambda v: t(f"delivered.kind_{v}"),
        "level": lambda v: t(f"delivered.level_{v}"),
        "unit": lambda v: t(f"delivered.unit_{v}"),
        "component": component_label,
        "group": lambda v: t(f"delivered.group_{v}") if v else "",
    }
    for column, word in simple.items():
        if column in out.columns:
            out = out.with_columns(pl.col(column).map_elements(word, return_dtype=pl.String))
    if "segment" in out.columns:
        out = out.with_columns(
            pl.when(pl.col("segment") == "")
            .then(pl.lit(t("delivered.no_segment")))
            .otherwise(pl.col("segment"))
            .alias("market_segment")
        ).drop("segment")
        out = out.select("market_segment", *[c for c in out.columns if c != "market_segment"])
    for column, schema in out.schema.items():
        if schema == pl.Boolean:
            out = out.with_columns(
                pl.col(column).map_elements(
                    lambda v: t("cli.yes") if v else t("cli.no"), return_dtype=pl.String
                )
            )
    return out


@dataclass(frozen=True)
class ComponentWhatIf(Result):
    """One component of one offering changed: the delivered value of every offering of
    the segment and the choice by each rule, before and after."""

    segment: str
    offering: str
    component: str
    unit: str
    before_amount: float
    after_amount: float
    #: ``offering, delivered_value, value_ratio`` before and after, and their changes
    offerings: pl.DataFrame
    #: ``rule, winner_before, winner_after, margin_before, margin_after, changed``
    choice: pl.DataFrame

    def data(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "offering": self.offering,
            "component": self.component,
            "unit": self.unit,
            "before_amount": self.before_amount,
            "after_amount": self.after_amount,
            "offerings": rows(self.offerings),
            "choice": rows(self.choice),
        }


def component_what_if(
    offerings: pl.DataFrame,
    *,
    segment: str,
    offering: str,
    component: str,
    amount: float,
    rule: str = "both",
) -> ComponentWhatIf:
    """Set ``component`` of ``offering`` in ``segment`` to ``amount`` (in the component's
    own unit: money, or points for a score) in the prepared ``offerings``
    (:attr:`Delivered.offerings`) and compare the delivered value and the choice before
    and after. The margin is the winner's lead: value minus the runner-up's under the
    difference rule, V1:V2 under the ratio rule."""
    import polars as pl

    from custvalue.delivered.value import delivered_value, market_choice

    check_choice("--rule", rule, RULE_OPTIONS)
    check_number("amount", amount, minimum=0)
    found_segment = known_value("segment", segment, offerings["segment"].to_list())
    part = offerings.filter(pl.col("segment") == found_segment)
    found_offering = known_value("offering", offering, part["offering"].to_list())
    found_component = known_value(
        "component",
        component,
        part.filter(pl.col("offering") == found_offering)["component"].to_list(),
    )
    target = (pl.col("offering") == found_offering) & (pl.col("component") == found_component)
    row = part.filter(target).row(0, named=True)
    worth = row["per_point"] if row["unit"] == "score" else 1.0
    changed = part.with_columns(
        pl.when(target).then(pl.lit(float(amount))).otherwise(pl.col("amount")).alias("amount"),
        pl.when(target)
        .then(pl.lit(float(amount) * float(worth)))
        .otherwise(pl.col("money"))
        .alias("money"),
    )
    kept = ("offering", "delivered_value", "value_ratio")
    before = delivered_value(part).select(kept)
    after = delivered_value(changed).select(kept)
    table = before.join(after, on="offering", suffix="_after").select(
        "offering",
        pl.col("delivered_value").alias("delivered_value_before"),
        "delivered_value_after",
        (pl.col("delivered_value_after") - pl.col("delivered_value")).alias("delivered_change"),
        pl.col("value_ratio").alias("value_ratio_before"),
        "value_ratio_after",
    )
    rules = ("difference", "ratio") if rule == "both" else (rule,)

    def choice(frame: pl.DataFrame) -> pl.DataFrame:
        picked = market_choice(frame).filter(pl.col("rule").is_in(rules))
        return picked.select(
            "rule",
            pl.when(pl.col("tie")).then(pl.lit(None)).otherwise(pl.col("winner")).alias("winner"),
            pl.when(pl.col("rule") == "difference")
            .then(pl.col("winner_value") - pl.col("runner_up_value"))
            .otherwise(pl.col("v1_v2"))
            .alias("margin"),
        )

    verdict = (
        choice(part)
        .join(choice(changed), on="rule", suffix="_after")
        .select(
            "rule",
            pl.col("winner").alias("winner_before"),
            "winner_after",
            pl.col("margin").alias("margin_before"),
            "margin_after",
            pl.col("winner").ne_missing(pl.col("winner_after")).alias("changed"),
        )
    )
    return ComponentWhatIf(
        segment=found_segment,
        offering=found_offering,
        component=found_component,
        unit=str(row["unit"]),
        before_amount=float(row["amount"]),
        after_amount=float(amount),
        offerings=table,
        choice=verdict,
    )


def known_value(name: str, typed: str, known: Sequence[str]) -> str:
    """``typed`` as stored among ``known`` (matched as ids are), else refused naming them."""
    from custvalue.data.ids import match_id

    names = list(dict.fromkeys(known))
    found = match_id(typed, names)
    if found is None:
        raise DataValidationError(
            "delivered.whatif_unknown", name=name, value=typed, known=", ".join(names) or "—"
        )
    return found
