"""``custvalue survey nps|csat|ces|gaps|ipa|drivers|servqual|kano``: what customers say.

Each command reads the stored answers (``custvalue import nps FILE`` …), scoped by
``--wave`` and ``--segment`` and grouped by ``--by``, calls
:func:`custvalue.app.voice.measure` and renders its table (and, by wave, the changes
between waves with their significance).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from custvalue.app.voice import (
    CHANGE_KEEP,
    CHANGE_PERCENT,
    CHANGE_PRIORITY,
    NUMBERS,
    PERCENT,
    by_label,
    change_note,
    in_words,
    sentence,
)
from custvalue.cli.common import open_db, parse_number_pairs
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, emit_frame, emit_json
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = ["register"]

_WAVE = Annotated[str | None, typer.Option("--wave", help=t("voice.opt_wave"))]
_SEGMENT = Annotated[str | None, typer.Option("--segment", help=t("voice.opt_segment"))]
_BY = Annotated[str | None, typer.Option("--by", help=t("voice.opt_by"))]
_CONFIDENCE = Annotated[float, typer.Option("--confidence", help=t("voice.opt_confidence"))]


def _show(result: Any, fmt: Format) -> None:
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    table = in_words(result)
    name = result.measure
    kinds: dict[str, Any] = dict.fromkeys(NUMBERS, "number")
    if result.by and "group" in table.columns:
        table = table.rename({"group": by_label(result.by)})
    emit_frame(
        table,
        fmt,
        title=t(f"voice.title_{name}") + _scope(result),
        percent=PERCENT.get(name, ()),
        kinds=kinds,
        caption=sentence(result),
    )
    if result.changes is not None and fmt is Format.table:
        emit_frame(
            in_words(result, result.changes),
            fmt,
            title=t("voice.title_changes"),
            kinds=dict.fromkeys(NUMBERS, "number"),
            percent=CHANGE_PERCENT.get(name, ()),
            keep=CHANGE_KEEP,
            priority=CHANGE_PRIORITY,
            caption=change_note(result),
        )


def _scope(result: Any) -> str:
    parts = []
    if result.wave is not None:
        parts.append(t("cli.cva_wave", wave=result.wave))
    if result.segment is not None:
        parts.append(t("voice.scope_segment", segment=result.segment))
    return f" · {' · '.join(parts)}" if parts else ""


def _run(name: str, wave: str | None, segment: str | None, by: str | None, confidence: float,
         fmt: Format, **options: Any) -> None:  # fmt: skip
    from custvalue.app.voice import measure

    with open_db() as db:
        result = measure(
            db, name=name, wave=wave, segment=segment, by=by, confidence=confidence,
            options={k: v for k, v in options.items() if v is not None},
        )  # fmt: skip
    _show(result, fmt)


def _simple(name: str):  # type: ignore[no-untyped-def]
    @output_options
    def command(
        wave: _WAVE = None,
        segment: _SEGMENT = None,
        by: _BY = None,
        confidence: _CONFIDENCE = 0.95,
        fmt: Format = Format.table,
    ) -> None:
        _run(name, wave, segment, by, confidence, fmt)

    return command


@output_options
def _gaps(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    by: _BY = None,
    ratio: Annotated[bool, typer.Option("--ratio", help=t("voice.opt_ratio"))] = False,
    tolerance: Annotated[float, typer.Option("--tolerance", help=t("voice.opt_tolerance"))] = 0.0,
    confidence: _CONFIDENCE = 0.95,
    fmt: Format = Format.table,
) -> None:
    method = "ratio" if ratio else "difference"
    _run("gaps", wave, segment, by, confidence, fmt, method=method, tolerance=tolerance)


@output_options
def _ipa(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    by: _BY = None,
    cross: Annotated[str, typer.Option("--cross", help=t("voice.opt_cross"))] = "data",
    scale: Annotated[str, typer.Option("--scale", help=t("voice.opt_scale"))] = "1-7",
    fmt: Format = Format.table,
) -> None:
    low, sep, high = scale.replace("–", "-").partition("-")
    try:
        bounds = (float(low), float(high))
    except ValueError:
        bounds = None
    if not sep or bounds is None:
        raise DataValidationError(
            "error.option", option="--scale", value=scale, reason=t("voice.opt_scale"), hint="1-7"
        )
    _run("ipa", wave, segment, by, 0.95, fmt, cross=cross, scale=bounds)


@output_options
def _drivers(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    by: _BY = None,
    method: Annotated[
        str, typer.Option("--method", help=t("voice.opt_driver_method"))
    ] = "relative_weights",
    fmt: Format = Format.table,
) -> None:
    _run("drivers", wave, segment, by, 0.95, fmt, method=method)


@output_options
def _servqual(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    by: _BY = None,
    confidence: _CONFIDENCE = 0.95,
    weights: Annotated[str | None, typer.Option("--weights", help=t("voice.opt_weights"))] = None,
    items: Annotated[Path | None, typer.Option("--items", help=t("voice.opt_items"))] = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.satisfaction.service_quality import load_items

    mapping = load_items(items) if items is not None else None
    _run(
        "servqual",
        wave,
        segment,
        by,
        confidence,
        fmt,
        weights=parse_number_pairs(
            "--weights",
            weights,
            reason=t("voice.opt_weights"),
            hint="tangibles=10,reliability=30,responsiveness=20,assurance=20,empathy=20",
        ),
        items=mapping,
    )


@output_options
def _value(
    holdout_days: Annotated[
        int, typer.Option("--holdout-days", help=t("voice.opt_holdout"), min=30, max=3650)
    ] = 365,
    min_holdout: Annotated[
        int, typer.Option("--min-holdout", help=t("voice.opt_min_holdout"), min=1)
    ] = 90,
    draws: Annotated[int, typer.Option("--draws", help=t("voice.opt_draws"), min=0)] = 100,
    confidence: _CONFIDENCE = 0.95,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.moves import labelled, moves_sentence, value_moves

    with open_db() as db:
        result = value_moves(
            db, holdout_days=holdout_days, min_holdout=min_holdout, confidence=confidence,
            draws=draws,
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(result.to_dict())
        return

    table = labelled(result.table)
    emit_frame(
        table,
        fmt,
        title=t("voice.title_value"),
        money=("delta_spend", "delta_low", "delta_high"),
        kinds=dict.fromkeys(
            ("odds_ratio", "odds_low", "odds_high", "purchases_ratio", "spend_ratio"), "ratio"
        ),
        keep=("delta_spend", "significant"),
        priority=("purchases_p", "spend_p", "odds_low", "odds_high", "purchases_ratio",
                  "spend_ratio", "n"),
        caption=moves_sentence(result),
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``custvalue survey ...``."""
    group = typer.Typer(help=t("voice.survey_help"), no_args_is_help=True)
    for name in ("nps", "csat", "ces", "kano"):
        group.command(name, help=t(f"voice.{name}_help"))(_simple(name))
    group.command("gaps", help=t("voice.gaps_help"))(_gaps)
    group.command("ipa", help=t("voice.ipa_help"))(_ipa)
    group.command("drivers", help=t("voice.drivers_help"))(_drivers)
    group.command("servqual", help=t("voice.servqual_help"))(_servqual)
    group.command("value", help=t("voice.value_help"))(_value)
    app.add_typer(group, name="survey")
