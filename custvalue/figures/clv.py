"""Figures of predictive CLV validation: tracking, conditional expectations, matrices."""

from __future__ import annotations

import polars as pl

from custvalue.figures import Figure
from custvalue.i18n import t

__all__ = ["by_frequency_figure", "matrix_figure", "tracking_figure"]

_ACTUAL = "#2c3e50"
_PREDICTED = "#c0392b"


def tracking_figure(tracking: pl.DataFrame, unit: str, lang: str | None = None) -> Figure:
    """Cumulative repeat purchases, actual vs predicted, with the calibration end marked."""
    cal = tracking.filter(pl.col("calibration"))["period"]
    end = float(cal.max()) if cal.len() else None  # type: ignore[arg-type]
    shapes = (
        [
            {
                "type": "line",
                "x0": end,
                "x1": end,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dash", "color": "#7f8c8d"},
            }
        ]
        if end is not None
        else []
    )
    periods = tracking["period"].to_list()
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": periods,
                "y": tracking["actual_cumulative"].to_list(),
                "name": t("col.actual", lang=lang),
                "line": {"color": _ACTUAL},
            },
            {
                "type": "scatter",
                "mode": "lines",
                "x": periods,
                "y": tracking["predicted_cumulative"].to_list(),
                "name": t("col.predicted", lang=lang),
                "line": {"color": _PREDICTED, "dash": "dash"},
            },
        ],
        "layout": {
            "title": {"text": t("figures.clv_tracking", lang=lang)},
            "xaxis": {"title": {"text": t("figures.period_unit", lang=lang, unit=unit)}},
            "yaxis": {"title": {"text": t("figures.cumulative_repeats", lang=lang)}},
            "shapes": shapes,
        },
    }


def by_frequency_figure(by_frequency: pl.DataFrame, lang: str | None = None) -> Figure:
    """Mean holdout purchases by calibration frequency, actual vs predicted."""
    labels = [str(x) for x in by_frequency["frequency"].to_list()]
    if labels:
        labels[-1] = f"{labels[-1]}+"
    return {
        "data": [
            {
                "type": "bar",
                "x": labels,
                "y": by_frequency["actual_mean"].to_list(),
                "name": t("col.actual", lang=lang),
                "marker": {"color": _ACTUAL},
            },
            {
                "type": "bar",
                "x": labels,
                "y": by_frequency["predicted_mean"].to_list(),
                "name": t("col.predicted", lang=lang),
                "marker": {"color": _PREDICTED},
            },
        ],
        "layout": {
            "title": {"text": t("figures.clv_by_frequency", lang=lang)},
            "barmode": "group",
            "xaxis": {"title": {"text": t("col.frequency", lang=lang)}},
            "yaxis": {"title": {"text": t("figures.holdout_mean", lang=lang)}},
        },
    }


def matrix_figure(
    matrix: pl.DataFrame, value: str, title_key: str, lang: str | None = None
) -> Figure:
    """Heatmap of ``value`` over calibration frequency × recency (a long frame)."""
    recency = sorted(set(matrix["recency"].to_list()))
    frequency = sorted(set(matrix["frequency"].to_list()))
    lookup = {(f, r): v for f, r, v in matrix.select("frequency", "recency", value).iter_rows()}
    z = [[lookup.get((f, r)) for r in recency] for f in frequency]
    return {
        "data": [
            {
                "type": "heatmap",
                "x": recency,
                "y": frequency,
                "z": z,
                "colorscale": "Viridis",
                "colorbar": {"title": {"text": t(f"col.{value}", lang=lang)}},
            }
        ],
        "layout": {
            "title": {"text": t(title_key, lang=lang)},
            "xaxis": {"title": {"text": t("col.recency", lang=lang)}},
            "yaxis": {"title": {"text": t("col.frequency", lang=lang)}},
        },
    }
