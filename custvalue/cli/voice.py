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

from custvalue.cli.common import open_db
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, emit_frame, emit_json
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = ["register"]

_WAVE = Annotated[str | None, typer.Option("--wave", help=t("voice.opt_wave"))]
_SEGMENT = Annotated[str | None, typer.Option("--segment", help=t("voice.opt_segment"))]
_BY = Annotated[str | None, typer.Option("--by", help=t("voice.opt_by"))]
_CONFIDENCE = Annotated[float, typer.Option("--confidence", help=t("voice.opt_confidence"))]

_PERCENT = {
    "nps": ("promoter_share", "passive_share", "detractor_share"),
    "csat": ("share", "share_low", "share_high"),
    "ces": ("share", "share_low", "share_high"),
    "gaps": ("share_dissatisfied", "share_satisfied", "share_highly_satisfied"),
    "drivers": ("share",),
}


def _show(result: Any, fmt: Format) -> None:
    import polars as pl

    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    table = result.table
    name = result.measure
    if "group" in table.columns and result.by is None:
        table = table.drop("group")
    if "gap" in table.columns:
        table = table.rename({"gap": "satisfaction_gap"})
    if name == "ipa":
        table = table.with_columns(
            pl.col("quadrant").replace_strict(
                {q: t(f"voice.quadrant_{q}") for q in _QUADRANTS}, default=pl.col("quadrant")
            )
        )
    if name == "servqual":
        table = table.with_columns(
            pl.col("dimension").replace_strict(_DIMENSIONS(), default=pl.col("dimension"))
        )
    kinds: dict[str, Any] = dict.fromkeys(_NUMBERS, "number")
    if result.by and "group" in table.columns:
        table = table.rename({"group": t(f"voice.by_{result.by}")})
    emit_frame(
        table,
        fmt,
        title=t(f"voice.title_{name}") + _scope(result),
        percent=_PERCENT.get(name, ()),
        kinds=kinds,
        caption=_caption(result),
    )
    if result.changes is not None and fmt is Format.table:
        emit_frame(
            result.changes,
            fmt,
            title=t("voice.title_changes"),
            percent=("change", "change_low", "change_high") if name != "nps" else (),
            caption=t("voice.change_note", alpha=f"{1 - result.facts['confidence']:.2f}"),
        )


#: statistics shown with one number of decimals per column
_NUMBERS = (
    "nps", "nps_low", "nps_high", "mean", "mean_low", "mean_high", "weight", "coefficient",
    "expectation", "performance", "importance", "satisfaction_gap", "cs", "ds",
    "change", "change_low", "change_high", "mean_change",
)  # fmt: skip
_QUADRANTS = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")


def _DIMENSIONS() -> dict[str, str]:  # noqa: N802 - a table of labels
    from custvalue.satisfaction.service_quality import DIMENSIONS

    return {d: t(f"voice.dimension_{d}") for d in DIMENSIONS}


def _scope(result: Any) -> str:
    parts = []
    if result.wave is not None:
        parts.append(t("cli.cva_wave", wave=result.wave))
    if result.segment is not None:
        parts.append(t("voice.scope_segment", segment=result.segment))
    return f" · {' · '.join(parts)}" if parts else ""


def _caption(result: Any) -> str | None:
    facts = result.facts
    name = result.measure
    if name == "drivers":
        weak = ", ".join(facts["not_significant"]) or t("voice.none")
        return t(
            "voice.drivers_facts",
            r2=facts["r2"],
            adjusted=facts["adjusted_r2"],
            n=facts["n"],
            weak=weak,
        )
    if name == "servqual":
        weighted = (
            t("voice.servqual_weighted", value=facts["weighted"])
            if facts["weighted"] is not None
            else t("voice.servqual_unweighted_only")
        )
        return t("voice.servqual_facts", unweighted=facts["unweighted"], weighted=weighted)
    if name == "ipa":
        rule = t(f"voice.cross_{facts['cross']}")
        return t(
            "voice.ipa_facts", x=facts["performance_line"], y=facts["importance_line"], rule=rule
        )
    if name == "kano":
        return t("voice.kano_legend")
    if "small_sample" in result.table.columns and result.table["small_sample"].any():
        small = result.table.filter(result.table["small_sample"])
        groups = ", ".join(small["group"].to_list()) if result.by else t("voice.all_answers")
        return t("voice.small_sample_note", groups=groups)
    return None


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
    fmt: Format = Format.table,
) -> None:
    method = "ratio" if ratio else "difference"
    _run("gaps", wave, segment, by, 0.95, fmt, method=method, tolerance=tolerance)


@output_options
def _ipa(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
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
    _run("ipa", wave, segment, None, 0.95, fmt, cross=cross, scale=bounds)


@output_options
def _drivers(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    method: Annotated[
        str, typer.Option("--method", help=t("voice.opt_driver_method"))
    ] = "relative_weights",
    fmt: Format = Format.table,
) -> None:
    _run("drivers", wave, segment, None, 0.95, fmt, method=method)


def _weights(text: str | None) -> dict[str, float] | None:
    if text is None:
        return None
    out: dict[str, float] = {}
    for part in text.replace("，", ",").split(","):
        name, sep, value = part.replace("＝", "=").partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise DataValidationError(
                "error.option",
                option="--weights",
                value=text,
                reason=t("voice.opt_weights"),
                hint="tangibles=10,reliability=30,responsiveness=20,assurance=20,empathy=20",
            )
    return out


@output_options
def _servqual(
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    weights: Annotated[str | None, typer.Option("--weights", help=t("voice.opt_weights"))] = None,
    items: Annotated[Path | None, typer.Option("--items", help=t("voice.opt_items"))] = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.satisfaction.service_quality import load_items

    mapping = load_items(items) if items is not None else None
    _run("servqual", wave, segment, None, 0.95, fmt, weights=_weights(weights), items=mapping)


def register(app: typer.Typer) -> None:
    """Add ``custvalue survey ...``."""
    group = typer.Typer(help=t("voice.survey_help"), no_args_is_help=True)
    for name in ("nps", "csat", "ces", "kano"):
        group.command(name, help=t(f"voice.{name}_help"))(_simple(name))
    group.command("gaps", help=t("voice.gaps_help"))(_gaps)
    group.command("ipa", help=t("voice.ipa_help"))(_ipa)
    group.command("drivers", help=t("voice.drivers_help"))(_drivers)
    group.command("servqual", help=t("voice.servqual_help"))(_servqual)
    app.add_typer(group, name="survey")
