"""Figures of the overview and of one customer's page, from the snapshot's stored pieces
(:func:`custvalue.app.snapshots.overview`, :func:`~custvalue.app.snapshots.customer_detail`).

They follow ../shared CONVENTIONS §8: the tier pyramid top first; the Pareto view as
cumulative shares over customers ranked by value, with the 80 % line and the share of
customers that brings 80 % of revenue marked, and the whale curve of value (it rises
above 100 % when loss-making customers eat part of the profit); the RFM heatmap with F
across, R up and the mean revenue as colour (the count in each cell as text); the value
histogram with what lies beyond the 1st/99th percentiles said in the title.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from custvalue.figures import Figure
from custvalue.formatting import format_value
from custvalue.i18n import t

__all__ = [
    "histogram_figure",
    "pareto_figure",
    "pyramid_figure",
    "rfm_heatmap_figure",
    "years_figure",
]

_INK = "#2c3e50"
_ACCENT = "#c0392b"
_GREY = "#7f8c8d"
_TIER_COLOURS = {"platinum": "#5d6d7e", "gold": "#d4ac0d", "iron": "#839192", "lead": "#34495e"}
#: revenue by kind, stacked; what is taken off, below zero
_KINDS = ("first", "repeat", "upsell", "cross_sell", "service")
_KIND_COLOURS = ("#1f618d", "#2e86c1", "#17a589", "#28b463", "#b7950b")


def _title(text: str) -> dict[str, Any]:
    return {"text": text, "x": 0, "xanchor": "left", "font": {"size": 15}}


def pyramid_figure(pyramid: Sequence[Mapping[str, Any]], lang: str | None = None) -> Figure:
    """Customers per tier, top tier at the top, each bar's value and revenue shares as
    its text."""
    from custvalue.segmentation.tiers import tier_label

    tiers = [str(r["tier"]) for r in pyramid]
    names = [
        t(
            "overview.pyramid_label",
            lang=lang,
            tier=tier_label(k, lang),
            value=format_value(r.get("value_share"), "share", lang=lang),
            revenue=format_value(r.get("revenue_share"), "share", lang=lang),
        )
        for k, r in zip(tiers, pyramid, strict=True)
    ]
    text = [format_value(r["customers"], "count", lang=lang) for r in pyramid]
    return {
        "data": [
            {
                "type": "funnel",
                "y": names,
                "x": [r["customers"] for r in pyramid],
                "text": text,
                "textinfo": "text",
                "textposition": "inside",
                "hovertemplate": "%{y}<br>%{text}<extra></extra>",
                "marker": {"color": [_TIER_COLOURS.get(k, _GREY) for k in tiers]},
                "connector": {"visible": False},
            }
        ],
        "layout": {
            "title": _title(t("overview.pyramid_title", lang=lang)),
            "margin": {"l": 90, "r": 20, "t": 50, "b": 30},
            "yaxis": {"automargin": True},
        },
    }


def pareto_figure(
    value_curve: Sequence[Mapping[str, Any]],
    revenue_curve: Sequence[Mapping[str, Any]],
    *,
    customers_for_80pct: float | None,
    lang: str | None = None,
) -> Figure:
    """Cumulative revenue share (Pareto) and value share (whale curve) over the share of
    customers ranked by each, the 80 % line, and where revenue reaches 80 %."""
    data: list[dict[str, Any]] = []
    for curve, name, colour in (
        (revenue_curve, t("overview.pareto_revenue", lang=lang), _INK),
        (value_curve, t("overview.pareto_value", lang=lang), _ACCENT),
    ):
        points = [p for p in curve if p.get("value_share") is not None]
        if not points:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [0.0] + [p["customer_share"] for p in points],
                "y": [0.0] + [p["value_share"] for p in points],
                "name": name,
                "line": {"color": colour},
                "hovertemplate": "%{x:.1%} → %{y:.1%}<extra>" + name + "</extra>",
            }
        )
    line = {"dash": "dash", "color": _GREY, "width": 1}
    shapes: list[dict[str, Any]] = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0.8, "y1": 0.8, "line": line},
    ]
    annotations: list[dict[str, Any]] = [
        {
            "xref": "paper",
            "x": 1,
            "y": 0.8,
            "xanchor": "right",
            "yanchor": "bottom",
            "text": "80%",
            "showarrow": False,
            "font": {"color": _GREY},
        }
    ]
    if customers_for_80pct is not None:
        shapes.append(
            {
                "type": "line",
                "yref": "paper",
                "x0": customers_for_80pct,
                "x1": customers_for_80pct,
                "y0": 0,
                "y1": 1,
                "line": line,
            }
        )
        annotations.append(
            {
                "x": customers_for_80pct,
                "y": 0.8,
                "text": t(
                    "overview.pareto_mark",
                    lang=lang,
                    share=format_value(customers_for_80pct, "share", lang=lang),
                ),
                "showarrow": True,
                "ax": 60,
                "ay": 40,
            }
        )
    return {
        "data": data,
        "layout": {
            "title": _title(t("overview.pareto_title", lang=lang)),
            "xaxis": {
                "title": {"text": t("overview.pareto_x", lang=lang)},
                "tickformat": ".0%",
                "range": [0, 1],
            },
            "yaxis": {"title": {"text": t("overview.pareto_y", lang=lang)}, "tickformat": ".0%"},
            "shapes": shapes,
            "annotations": annotations,
            "legend": {"orientation": "h", "y": -0.25},
            "margin": {"l": 60, "r": 20, "t": 50, "b": 80},
        },
    }


def rfm_heatmap_figure(grid: Sequence[Mapping[str, Any]], lang: str | None = None) -> Figure:
    """F score across, R score up, colour the mean revenue, the customers as text."""
    rs = sorted({int(c["r_score"]) for c in grid if c.get("r_score") is not None})
    fs = sorted({int(c["f_score"]) for c in grid if c.get("f_score") is not None})
    cells = {(int(c["r_score"]), int(c["f_score"])): c for c in grid if c.get("r_score")}
    z = [[cells.get((r, f), {}).get("revenue_mean") for f in fs] for r in rs]
    text = [
        [format_value(cells.get((r, f), {}).get("customers", 0), "count", lang=lang) for f in fs]
        for r in rs
    ]
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [str(f) for f in fs],
                "y": [str(r) for r in rs],
                "z": z,
                "text": text,
                "texttemplate": "%{text}",
                "colorscale": "YlGnBu",
                "colorbar": {"title": {"text": t("overview.rfm_colour", lang=lang)}},
                "hovertemplate": t("overview.rfm_hover", lang=lang) + "<extra></extra>",
            }
        ],
        "layout": {
            "title": _title(t("overview.rfm_title", lang=lang)),
            "xaxis": {"title": {"text": t("overview.rfm_x", lang=lang)}, "type": "category"},
            "yaxis": {"title": {"text": t("overview.rfm_y", lang=lang)}, "type": "category"},
            "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        },
    }


def histogram_figure(histogram: Mapping[str, Any], lang: str | None = None) -> Figure:
    """Customers per value band between the 1st and 99th percentiles (those beyond are
    counted in the end bands, as the title says)."""
    edges = [float(e) for e in histogram.get("edges", [])]
    counts = list(histogram.get("counts", []))
    mids = [(a + b) / 2 for a, b in zip(edges, edges[1:], strict=False)]
    widths = [b - a for a, b in zip(edges, edges[1:], strict=False)]
    bands = [
        f"{format_value(a, 'money', lang=lang)} – {format_value(b, 'money', lang=lang)}"
        for a, b in zip(edges, edges[1:], strict=False)
    ]
    return {
        "data": [
            {
                "type": "bar",
                "x": mids,
                "y": counts,
                "width": widths,
                "customdata": bands,
                "marker": {"color": _INK},
                "hovertemplate": "%{customdata}: %{y}<extra></extra>",
            }
        ],
        "layout": {
            "title": _title(
                t("overview.histogram_name", lang=lang)
                + "<br><sup>"
                + t(
                    "overview.histogram_title",
                    lang=lang,
                    below=format_value(histogram.get("below", 0), "count", lang=lang),
                    above=format_value(histogram.get("above", 0), "count", lang=lang),
                )
                + "</sup>"
            ),
            "xaxis": {"title": {"text": t("overview.histogram_x", lang=lang)}},
            "yaxis": {"title": {"text": t("overview.histogram_y", lang=lang)}},
            "bargap": 0.05,
            "margin": {"l": 60, "r": 20, "t": 75, "b": 50},
        },
    }


def years_figure(years: Sequence[Mapping[str, Any]], lang: str | None = None) -> Figure:
    """One customer's revenue by year and kind (stacked), refunds and costs below zero,
    the realized value and the referral net as lines."""
    labels = [str(y["year"]) for y in years]
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "x": labels,
            "y": [y.get(kind) or 0 for y in years],
            "name": t(f"col.{kind}", lang=lang),
            "marker": {"color": colour},
        }
        for kind, colour in zip(_KINDS, _KIND_COLOURS, strict=True)
    ]
    for kind, colour in (("refund", "#e59866"), ("cost", "#a93226")):
        data.append(
            {
                "type": "bar",
                "x": labels,
                "y": [-abs(y.get(kind) or 0) for y in years],
                "name": t(f"col.{kind}", lang=lang),
                "marker": {"color": colour},
            }
        )
    for column, colour, dash in (("realized_value", _INK, "solid"), ("referral_net", _GREY, "dot")):
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": labels,
                "y": [y.get(column) for y in years],
                "name": t(f"col.{column}", lang=lang),
                "line": {"color": colour, "dash": dash},
            }
        )
    return {
        "data": data,
        "layout": {
            "title": _title(t("customers.years_title", lang=lang)),
            "barmode": "relative",
            "xaxis": {"title": {"text": t("col.year", lang=lang)}, "type": "category"},
            "yaxis": {"title": {"text": t("customers.years_y", lang=lang)}},
            "legend": {"orientation": "h", "y": -0.3},
            "margin": {"l": 60, "r": 20, "t": 50, "b": 90},
        },
    }
