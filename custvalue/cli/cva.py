"""``custvalue cva quality|price|map|winloss|head2head|events|whatwho|trend``.

Gale's seven tools and Kotler's CVA over segments and waves, on the survey and deal
data stored by ``custvalue import ratings|weights|market|deals|events|owners``.
Analyses of one wave default to the latest; ``--wave`` and ``--segment`` choose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from custvalue import figures
from custvalue._validation import check_number
from custvalue.app.survey import in_words, scope_survey, what_who_matrix
from custvalue.cli.common import allowed_option, open_db
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json, err_console
from custvalue.cva.events import key_events
from custvalue.cva.headtohead import head_to_head
from custvalue.cva.profile import BASELINES, Kind, Profile, profile
from custvalue.cva.survey import Survey
from custvalue.cva.trend import trend
from custvalue.cva.valuemap import LINES, PRICE_REFERENCES, PRICE_SOURCES, value_map
from custvalue.cva.winloss import win_loss
from custvalue.exceptions import DataValidationError
from custvalue.figures import cva as charts
from custvalue.i18n import t
from custvalue.output import check_writable

__all__ = ["register"]

_US = Annotated[str | None, typer.Option("--us", help=t("cli.opt_cva_us"))]
_WAVE = Annotated[str | None, typer.Option("--wave", help=t("cli.opt_cva_wave"))]
_SEGMENT = Annotated[str | None, typer.Option("--segment", help=t("cli.opt_cva_segment"))]
_CHART = Annotated[Path | None, typer.Option("--chart", help=t("cli.opt_cva_chart"))]
_BASELINE = Annotated[str, typer.Option("--baseline", help=t("cli.opt_cva_baseline"))]
_DIGITS = Annotated[int | None, typer.Option("--ratio-digits", help=t("cli.opt_cva_ratio_digits"))]


def _survey(
    us: str | None, wave: str | None, segment: str | None, *, all_waves: bool = False
) -> tuple[Survey, str | None]:
    """The stored survey scoped to ``segment`` and ``wave`` (default: the latest wave)."""
    with open_db() as db:
        scoped = scope_survey(db, us=us, wave=wave, segment=segment, all_waves=all_waves)
    return scoped.survey, scoped.wave


def _scope_caption(wave: str | None, segment: str | None, latest: bool) -> str:
    parts = []
    if wave:
        parts.append(t("cli.cva_wave_latest" if latest else "cli.cva_wave", wave=wave))
    parts.append(t("cli.cva_segment", segment=segment) if segment else t("cli.cva_all_segments"))
    return " · ".join(parts)


def _chart(figure: dict[str, Any], path: Path | None, title: str) -> None:
    """Write the chart to exactly ``path`` (checked before the analysis by
    :func:`_chart_path`); say so on standard error, beside any JSON or CSV."""
    if path is None:
        return
    figures.write_html(figure, path, title=title)
    err_console.print(t("cli.cva_chart_written", path=str(path)))


def _chart_path(path: Path | None) -> None:
    """Refuse a ``--chart`` that cannot be written before any work is done."""
    if path is not None:
        check_writable(path)


def _digits(ratio_digits: int | None) -> int | None:
    if ratio_digits is None:
        return None
    return int(check_number("--ratio-digits", ratio_digits, minimum=0, maximum=12, integer=True))


def _profile_command(
    kind: Kind,
    us: str | None,
    wave: str | None,
    segment: str | None,
    baseline: str,
    chart: Path | None,
    fmt: Format,
    ratio_digits: int | None = None,
) -> None:
    chosen_baseline = allowed_option("--baseline", baseline, BASELINES)
    digits = _digits(ratio_digits)
    _chart_path(chart)
    survey, chosen = _survey(us, wave, segment)
    prof: Profile = profile(survey, kind, baseline=chosen_baseline, ratio_digits=digits)
    if fmt is Format.json:
        emit_json(
            {
                "kind": kind,
                "us": prof.us,
                "wave": chosen,
                "segment": segment,
                "baseline": prof.baseline,
                "excluded_respondents": prof.excluded_respondents,
                "unweighted_attributes": prof.unweighted_attributes,
                "attributes": prof.attributes.to_dicts(),
                "overall": prof.overall.to_dicts(),
            }
        )
    elif fmt is Format.csv:
        emit_frame(prof.attributes, fmt)
    elif fmt is Format.xlsx:
        emit_frame(prof.attributes, fmt, sheet=t("cli.cva_attributes_sheet"))
        emit_frame(prof.overall, fmt, sheet=t("cli.cva_overall_sheet"))
    else:
        caption = _scope_caption(chosen, segment, wave is None)
        emit_frame(
            in_words(prof.attributes),
            fmt,
            title=t(f"cli.cva_{kind}_title", us=prof.us),
            caption=caption,
        )
        emit_frame(in_words(prof.overall), fmt, title=t("cli.cva_overall_title"))
        console.print(t("cli.cva_excluded", count=prof.excluded_respondents))
        if prof.unweighted_attributes:
            console.print(t("cli.cva_unweighted", attributes=", ".join(prof.unweighted_attributes)))
    _chart(charts.profile_figure(prof), chart, t(f"cli.cva_{kind}_title", us=prof.us))


@output_options
def _quality(
    us: _US = None,
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    baseline: _BASELINE = "each",
    ratio_digits: _DIGITS = None,
    chart: _CHART = None,
    fmt: Format = Format.table,
) -> None:
    """Market-perceived quality profile: ratios per attribute against each rival."""
    _profile_command("quality", us, wave, segment, baseline, chart, fmt, ratio_digits)


@output_options
def _price(
    us: _US = None,
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    baseline: _BASELINE = "each",
    ratio_digits: _DIGITS = None,
    chart: _CHART = None,
    fmt: Format = Format.table,
) -> None:
    """Market-perceived price profile (satisfaction with price; > 1 = we look better)."""
    _profile_command("price", us, wave, segment, baseline, chart, fmt, ratio_digits)


@output_options
def _map(
    us: _US = None,
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    method: Annotated[str, typer.Option("--method", help=t("cli.opt_cva_method"))] = "ratio",
    baseline: Annotated[
        str, typer.Option("--baseline", help=t("cli.opt_cva_map_baseline"))
    ] = "mean",
    price_source: Annotated[
        str, typer.Option("--price-source", help=t("cli.opt_cva_price_source"))
    ] = "auto",
    line: Annotated[str, typer.Option("--line", help=t("cli.opt_cva_line"))] = "diagonal",
    quality_weight: Annotated[
        float | None, typer.Option("--quality-weight", help=t("cli.opt_cva_quality_weight"))
    ] = None,
    distance: Annotated[
        str, typer.Option("--distance", help=t("cli.opt_cva_distance"))
    ] = "vertical",
    tolerance: Annotated[float, typer.Option("--tolerance", help=t("cli.opt_cva_tolerance"))] = 1.0,
    price_reference: Annotated[
        str, typer.Option("--price-reference", help=t("cli.opt_cva_price_reference"))
    ] = "others",
    ratio_digits: _DIGITS = None,
    chart: _CHART = None,
    fmt: Format = Format.table,
) -> None:
    """Customer value map: relative quality vs relative price, fair-value line, zones."""
    options = {
        "method": allowed_option("--method", method, ("ratio", "score_ratio")),
        "baseline": allowed_option("--baseline", baseline, ("mean", "share")),
        "price_source": allowed_option("--price-source", price_source, PRICE_SOURCES),
        "line": allowed_option("--line", line, LINES),
        "distance": allowed_option("--distance", distance, ("vertical", "perpendicular")),
        "tolerance": check_number("--tolerance", tolerance, minimum=0),
        "price_reference": allowed_option("--price-reference", price_reference, PRICE_REFERENCES),
        "ratio_digits": _digits(ratio_digits),
    }
    qw = quality_weight
    if line == "importance":
        if quality_weight is None:
            raise DataValidationError("cva.quality_weight_needed", name="--quality-weight")
        # a weight of quality as a fraction (0.6) or a percentage (60)
        check_number("--quality-weight", quality_weight, above=0, below=100)
        qw = quality_weight / 100.0 if quality_weight > 1 else quality_weight
        check_number("--quality-weight", qw, above=0, below=1)
    _chart_path(chart)
    survey, chosen = _survey(us, wave, segment)
    vm = value_map(survey, quality_weight=qw, **options)
    if fmt is Format.json:
        emit_json(
            {
                "us": survey.us,
                "wave": chosen,
                "segment": segment,
                "line": vm.line,
                "slope": vm.slope,
                "intercept": vm.intercept,
                "price_source": vm.price_source,
                "method": vm.method,
                "baseline": vm.baseline,
                "distance": vm.distance,
                "points": vm.points.to_dicts(),
            }
        )
    elif fmt.spreadsheet:
        emit_frame(vm.points, fmt)
    else:
        emit_frame(
            in_words(vm.points.drop("is_us")),
            fmt,
            title=t("cva.chart_value_map"),
            caption=_scope_caption(chosen, segment, wave is None),
        )
        console.print(
            t(
                f"cli.cva_line_{vm.line}",
                slope=vm.slope,
                intercept=vm.intercept,
                source=t(f"cli.cva_price_source_{vm.price_source}"),
            )
        )
    _chart(charts.value_map_figure(vm), chart, t("cva.chart_value_map"))


@output_options
def _winloss(
    us: _US = None,
    segment: _SEGMENT = None,
    by_rival: Annotated[bool, typer.Option("--by-rival", help=t("cli.opt_cva_by_rival"))] = False,
    fmt: Format = Format.table,
) -> None:
    """Win/loss analysis: which attributes decided the deals won and lost."""
    survey, _ = _survey(us, None, segment, all_waves=True)
    wl = win_loss(survey, by_rival=by_rival)
    if fmt is Format.json:
        emit_json(
            {
                "deals": wl.deals,
                "won": wl.won,
                "lost": wl.lost,
                "win_rate": wl.win_rate,
                "attributes": wl.attributes.to_dicts(),
            }
        )
    elif fmt.spreadsheet:
        emit_frame(wl.attributes, fmt)
    else:
        emit_frame(in_words(wl.attributes), fmt, title=t("cli.cva_winloss_title"))
        console.print(
            t("cli.cva_winloss_totals", deals=wl.deals, won=wl.won, lost=wl.lost, rate=wl.win_rate)
        )


@output_options
def _head2head(
    rival: Annotated[str, typer.Argument(help=t("cli.arg_cva_rival"))],
    us: _US = None,
    wave: _WAVE = None,
    segment: _SEGMENT = None,
    kind: Annotated[str, typer.Option("--kind", help=t("cli.opt_cva_kind"))] = "quality",
    chart: _CHART = None,
    fmt: Format = Format.table,
) -> None:
    """Head-to-head area chart data against one rival (width = weight)."""
    _chart_path(chart)
    survey, chosen = _survey(us, wave, segment)
    h = head_to_head(survey, rival, kind=allowed_option("--kind", kind, ("quality", "price")))
    if fmt is Format.json:
        emit_json(
            {
                "us": survey.us,
                "rival": h.rival,
                "kind": h.kind,
                "wave": chosen,
                "segment": segment,
                "net": h.net,
                "ahead": h.ahead,
                "behind": h.behind,
                "attributes": h.attributes.to_dicts(),
            }
        )
    elif fmt.spreadsheet:
        emit_frame(h.attributes, fmt)
    else:
        emit_frame(
            h.attributes,
            fmt,
            title=t("cva.chart_head_to_head", rival=h.rival, net=h.net),
            caption=_scope_caption(chosen, segment, wave is None),
        )
        console.print(t("cli.cva_h2h_totals", ahead=h.ahead, behind=h.behind, net=h.net))
    _chart(
        charts.head_to_head_figure(h), chart, t("cva.chart_head_to_head", rival=h.rival, net=h.net)
    )


@output_options
def _events(us: _US = None, segment: _SEGMENT = None, fmt: Format = Format.table) -> None:
    """Key events (ours and rivals') with the rating movement around each."""
    survey, _ = _survey(us, None, segment, all_waves=True)
    table = key_events(survey)
    emit_frame(
        table if fmt is not Format.table else in_words(table), fmt, title=t("cli.cva_events_title")
    )


@output_options
def _whatwho(
    us: _US = None, wave: _WAVE = None, segment: _SEGMENT = None, fmt: Format = Format.table
) -> None:
    """What/who matrix: which function owns each attribute; priorities flagged."""
    with open_db() as db:
        result = what_who_matrix(db, us=us, wave=wave, segment=segment)
    if fmt is Format.table:
        emit_frame(
            in_words(result.owners),
            fmt,
            title=t("cli.cva_whatwho_title"),
            caption=_scope_caption(result.scope.wave, segment, wave is None),
        )
    else:
        emit_frame(result.table, fmt)


@output_options
def _trend(
    us: _US = None,
    rival: Annotated[str | None, typer.Option("--rival", help=t("cli.opt_cva_trend_rival"))] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help=t("cli.opt_cva_threshold"))
    ] = 0.05,
    fmt: Format = Format.table,
) -> None:
    """Overall ratios per segment and survey wave, changes flagged (Kotler's CVA)."""
    check_number("--threshold", threshold, minimum=0)
    survey, _ = _survey(us, None, None, all_waves=True)
    table = trend(survey, rival=rival, threshold=threshold)
    if fmt is Format.table:
        table = table.with_columns(pl.col("segment").replace("", t("cli.cva_all_segments"))).rename(
            {"segment": "market_segment"}
        )
        emit_frame(
            in_words(table),
            fmt,
            title=t("cli.cva_trend_title", rival=charts.rival_label(rival or "<mean>")),
        )
    else:
        emit_frame(table, fmt)


def register(app: typer.Typer) -> None:
    """Add ``custvalue cva ...`` to ``app``."""
    group = typer.Typer(help=t("cli.cva_help"), no_args_is_help=True)
    group.command("quality", help=t("cli.cva_quality_help"))(_quality)
    group.command("price", help=t("cli.cva_price_help"))(_price)
    group.command("map", help=t("cli.cva_map_help"))(_map)
    group.command("winloss", help=t("cli.cva_winloss_help"))(_winloss)
    group.command("head2head", help=t("cli.cva_h2h_help"))(_head2head)
    group.command("events", help=t("cli.cva_events_help"))(_events)
    group.command("whatwho", help=t("cli.cva_whatwho_help"))(_whatwho)
    group.command("trend", help=t("cli.cva_trend_help"))(_trend)
    app.add_typer(group, name="cva")
