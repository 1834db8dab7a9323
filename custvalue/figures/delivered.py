"""Figures of delivered value: each offering's delivered value (total value − total
cost), and a what-if's delivered value before and after."""

from __future__ import annotations

import polars as pl

from custvalue.figures import Figure
from custvalue.i18n import t

__all__ = ["delivered_figure", "what_if_figure"]

_VALUE = "#2c6fbb"
_DELIVERED = "#c0392b"


def delivered_figure(totals: pl.DataFrame, segment: str, lang: str | None = None) -> Figure:
    """One segment's offerings (``delivered_value`` rows): the delivered value of each,
    highest first, labelled with the total value and total cost it is the difference of."""
    part = totals.filter(pl.col("segment") == segment).sort("delivered_value", descending=True)
    values = part["delivered_value"].to_list()
    title = t("figures.delivered_title", lang=lang, segment=segment or t("delivered.no_segment"))
    return {
        "data": [
            {
                "type": "bar",
                "x": part["offering"].to_list(),
                "y": values,
                "text": [
                    f"{v:,.0f} − {c:,.0f}"
                    for v, c in zip(part["total_value"], part["total_cost"], strict=True)
                ],
                "textposition": "outside",
                "marker": {"color": [_DELIVERED if v >= 0 else _VALUE for v in values]},
                "name": t("col.delivered_value", lang=lang),
                "hovertemplate": "%{x}: %{y:,.2f}<br>%{text}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": title},
            "yaxis": {"title": {"text": t("col.delivered_value", lang=lang)}, "zeroline": True},
            "showlegend": False,
        },
    }


def what_if_figure(table: pl.DataFrame, lang: str | None = None) -> Figure:
    """Delivered value of each offering before and after a what-if change."""
    names = table["offering"].to_list()
    return {
        "data": [
            {
                "type": "bar",
                "x": names,
                "y": table["delivered_value_before"].to_list(),
                "name": t("figures.whatif_before", lang=lang),
                "marker": {"color": "#95a5a6"},
            },
            {
                "type": "bar",
                "x": names,
                "y": table["delivered_value_after"].to_list(),
                "name": t("figures.whatif_after", lang=lang),
                "marker": {"color": _DELIVERED},
            },
        ],
        "layout": {
            "title": {"text": t("figures.whatif_title", lang=lang)},
            "barmode": "group",
            "yaxis": {"title": {"text": t("col.delivered_value", lang=lang)}},
        },
    }
