"""Figures of the choice model: the scenario's shares before and after a what-if."""

from __future__ import annotations

import polars as pl

from custvalue.figures import Figure
from custvalue.i18n import t

__all__ = ["shares_figure"]


def shares_figure(table: pl.DataFrame, lang: str | None = None) -> Figure:
    """Choice shares per alternative (``before_share``; with ``after_share`` beside it
    when the what-if changed something), as percentages."""
    names = [str(a) for a in table["alternative"].to_list()]
    data = [
        {
            "type": "bar",
            "x": names,
            "y": [100 * v for v in table["before_share"].to_list()],
            "name": t("figures.whatif_before", lang=lang),
            "marker": {"color": "#95a5a6" if "after_share" in table.columns else "#2c6fbb"},
            "hovertemplate": "%{x}: %{y:.1f}%<extra></extra>",
        }
    ]
    if "after_share" in table.columns:
        data.append(
            {
                "type": "bar",
                "x": names,
                "y": [100 * v for v in table["after_share"].to_list()],
                "name": t("figures.whatif_after", lang=lang),
                "marker": {"color": "#c0392b"},
                "hovertemplate": "%{x}: %{y:.1f}%<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": {
            "title": {"text": t("figures.choice_shares", lang=lang)},
            "barmode": "group",
            "yaxis": {"title": {"text": t("figures.choice_share_axis", lang=lang)}},
            "showlegend": "after_share" in table.columns,
        },
    }
