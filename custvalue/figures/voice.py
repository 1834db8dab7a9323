"""Figures of what customers say: NPS composition, gaps, importance–performance,
key drivers, SERVQUAL dimensions and Kano's coefficients."""

from __future__ import annotations

import polars as pl

from custvalue.figures import Figure
from custvalue.i18n import t

__all__ = ["bars_figure", "funnel_figure", "ipa_figure", "kano_figure", "nps_figure"]

_RED, _GREY, _GREEN, _BLUE = "#c0392b", "#95a5a6", "#27ae60", "#2c6fbb"


def nps_figure(table: pl.DataFrame, lang: str | None = None) -> Figure:
    """Detractors, passives and promoters per group as stacked bars, the NPS written on each."""
    groups = table["group"].to_list() if "group" in table.columns else []
    groups = [g or t("voice.all_answers", lang=lang) for g in groups]
    parts = (
        ("detractor_share", "col.detractor_share", _RED),
        ("passive_share", "col.passive_share", _GREY),
        ("promoter_share", "col.promoter_share", _GREEN),
    )
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": groups,
            "x": [100 * v for v in table[column].to_list()],
            "name": t(label, lang=lang),
            "marker": {"color": color},
            "hovertemplate": "%{y}: %{x:.1f}%<extra>" + t(label, lang=lang) + "</extra>",
        }
        for column, label, color in parts
    ]
    notes = [
        {"x": 101, "y": g, "text": f"NPS {v:+.1f}", "showarrow": False, "xanchor": "left"}
        for g, v in zip(groups, table["nps"].to_list(), strict=True)
    ]
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "title": {"text": t("voice.title_nps", lang=lang)},
            "xaxis": {"title": {"text": "%"}, "range": [0, 118]},
            "yaxis": {"automargin": True},
            "annotations": notes,
        },
    }


def bars_figure(
    labels: list[str], values: list[float], *, title: str, axis: str, signed: bool = False
) -> Figure:
    """One horizontal bar per label (red below 0 when ``signed``)."""
    colors = [(_RED if v < 0 else _GREEN) if signed else _BLUE for v in values]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": values,
                "marker": {"color": colors},
                "hovertemplate": "%{y}: %{x:.3f}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": title},
            "xaxis": {"title": {"text": axis}, "zeroline": True},
            "yaxis": {"automargin": True, "autorange": "reversed"},
        },
    }


def ipa_figure(
    table: pl.DataFrame, x_line: float, y_line: float, lang: str | None = None
) -> Figure:
    """Attributes at (performance, importance) with the cross-hairs and the quadrants."""
    x, y = table["performance"].to_list(), table["importance"].to_list()
    span_x = [min([*x, x_line]) - 0.3, max([*x, x_line]) + 0.3]
    span_y = [min([*y, y_line]) - 0.3, max([*y, y_line]) + 0.3]
    corners = (
        (span_x[0], span_y[1], "concentrate_here", "left"),
        (span_x[1], span_y[1], "keep_up", "right"),
        (span_x[0], span_y[0], "low_priority", "left"),
        (span_x[1], span_y[0], "possible_overkill", "right"),
    )
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": x,
                "y": y,
                "text": table["attribute"].to_list(),
                "textposition": "top center",
                "marker": {"size": 12, "color": _BLUE},
                "hovertemplate": "%{text}<br>%{x:.2f}, %{y:.2f}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": t("voice.title_ipa", lang=lang)},
            "xaxis": {"title": {"text": t("col.performance", lang=lang)}, "range": span_x},
            "yaxis": {"title": {"text": t("col.importance", lang=lang)}, "range": span_y},
            "showlegend": False,
            "shapes": [
                {
                    "type": "line",
                    "x0": x_line,
                    "x1": x_line,
                    "y0": span_y[0],
                    "y1": span_y[1],
                    "line": {"dash": "dash", "color": _GREY},
                },
                {
                    "type": "line",
                    "x0": span_x[0],
                    "x1": span_x[1],
                    "y0": y_line,
                    "y1": y_line,
                    "line": {"dash": "dash", "color": _GREY},
                },
            ],  # fmt: skip
            "annotations": [
                {
                    "x": cx,
                    "y": cy,
                    "text": t(f"voice.quadrant_{q}", lang=lang),
                    "showarrow": False,
                    "xanchor": anchor,
                    "font": {"color": _GREY},
                }
                for cx, cy, q, anchor in corners
            ],  # fmt: skip
        },
    }


def kano_figure(table: pl.DataFrame, lang: str | None = None) -> Figure:
    """Each feature at (|DS|, CS): how much its absence hurts and its presence pleases."""
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [abs(v) if v is not None else None for v in table["ds"].to_list()],
                "y": table["cs"].to_list(),
                "text": [
                    f"{f} ({c})" for f, c in zip(table["feature"], table["category"], strict=True)
                ],
                "textposition": "top center",
                "marker": {"size": 12, "color": _BLUE},
                "hovertemplate": "%{text}<br>|DS| %{x:.2f}, CS %{y:.2f}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": t("voice.title_kano", lang=lang)},
            "xaxis": {"title": {"text": t("voice.kano_ds_axis", lang=lang)}, "range": [0, 1.05]},
            "yaxis": {"title": {"text": t("voice.kano_cs_axis", lang=lang)}, "range": [0, 1.05]},
            "showlegend": False,
            "shapes": [
                {
                    "type": "line",
                    "x0": 0.5,
                    "x1": 0.5,
                    "y0": 0,
                    "y1": 1.05,
                    "line": {"dash": "dot", "color": _GREY},
                },
                {
                    "type": "line",
                    "x0": 0,
                    "x1": 1.05,
                    "y0": 0.5,
                    "y1": 0.5,
                    "line": {"dash": "dot", "color": _GREY},
                },
            ],  # fmt: skip
        },
    }


def funnel_figure(stages: pl.DataFrame, labels: dict[str, str], lang: str | None = None) -> Figure:
    """The loyalty ladder as a funnel: the customers who reached each stage or a higher
    one (so every step holds the ones above it), advocates at the top."""
    ordered = stages.reverse()
    reached = ordered["customers"].cum_sum().to_list()
    everyone = max(int(stages["customers"].sum()), 1)
    return {
        "data": [
            {
                "type": "funnel",
                "y": [labels.get(s, s) for s in ordered["stage"].to_list()],
                "x": reached,
                "text": [f"{n:,} ({n / everyone:.0%})" for n in reached],
                "textinfo": "text",
                "marker": {"color": _BLUE},
            }
        ],
        "layout": {
            "title": {"text": t("loyalty.funnel_title", lang=lang)},
            "yaxis": {"automargin": True},
        },
    }
