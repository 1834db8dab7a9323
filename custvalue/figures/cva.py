"""Figures of customer value analysis (value map, profiles, head-to-head)."""

from __future__ import annotations

import polars as pl

from custvalue.cva.headtohead import HeadToHead
from custvalue.cva.profile import MEAN, SHARE, Profile
from custvalue.cva.valuemap import ValueMap
from custvalue.cva.winloss import WinLoss
from custvalue.figures import Figure
from custvalue.i18n import t

__all__ = [
    "head_to_head_figure",
    "key_events_figure",
    "profile_figure",
    "rival_label",
    "trend_figure",
    "value_map_figure",
    "win_loss_figure",
]

_US = "#c0392b"
_THEM = "#2c6fbb"


def rival_label(rival: str, lang: str | None = None) -> str:
    """A rival's display name (the baselines get words)."""
    if rival == MEAN:
        return t("cva.rivals_mean", lang=lang)
    if rival == SHARE:
        return t("cva.rivals_share", lang=lang)
    return rival


def value_map_figure(vm: ValueMap, lang: str | None = None) -> Figure:
    """Competitors at (relative price, relative quality) with the fair-value line."""
    pts = vm.points
    prices = pts["relative_price"].to_list()
    low, high = min([*prices, 100.0]) - 10.0, max([*prices, 100.0]) + 10.0
    line_x = [low, high]
    line_y = [vm.intercept + vm.slope * x for x in line_x]
    colors = [_US if us else _THEM for us in pts["is_us"].to_list()]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": line_x,
                "y": line_y,
                "name": t("cva.chart_fair_line", lang=lang),
                "line": {"dash": "dash", "color": "#7f8c8d"},
            },
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": prices,
                "y": pts["relative_quality"].to_list(),
                "text": pts["competitor"].to_list(),
                "textposition": "top center",
                "marker": {"size": 14, "color": colors},
                "name": t("cva.chart_competitors", lang=lang),
                "customdata": [t(f"cva.zone_{z}", lang=lang) for z in pts["zone"].to_list()],
                "hovertemplate": "%{text}<br>%{x:.1f}, %{y:.1f}<br>%{customdata}<extra></extra>",
            },
        ],
        "layout": {
            "title": {"text": t("cva.chart_value_map", lang=lang)},
            "xaxis": {"title": {"text": t("col.relative_price", lang=lang)}},
            "yaxis": {"title": {"text": t("col.relative_quality", lang=lang)}},
            "annotations": [
                {
                    "x": low + 2,
                    "y": max(line_y + pts["relative_quality"].to_list()),
                    "text": t("cva.zone_better", lang=lang),
                    "showarrow": False,
                    "xanchor": "left",
                },
                {
                    "x": high - 2,
                    "y": min(line_y + pts["relative_quality"].to_list()),
                    "text": t("cva.zone_worse", lang=lang),
                    "showarrow": False,
                    "xanchor": "right",
                },
            ],
        },
    }


def profile_figure(profile: Profile, lang: str | None = None) -> Figure:
    """Performance ratio per attribute (bars per rival) with the parity line at 1."""
    attributes = (
        profile.attributes.group_by("attribute")
        .agg(pl.col("weight").max())
        .sort(["weight", "attribute"], descending=[True, False])["attribute"]
        .to_list()
    )
    data = []
    for rival in sorted(set(profile.attributes["rival"].to_list())):
        rows = {
            r["attribute"]: r["ratio"]
            for r in profile.attributes.filter(pl.col("rival") == rival).to_dicts()
        }
        data.append(
            {
                "type": "bar",
                "x": attributes,
                "y": [rows.get(a) for a in attributes],
                "name": rival_label(rival, lang),
            }
        )
    title = t(f"cva.chart_{profile.kind}_profile", lang=lang, us=profile.us)
    return {
        "data": data,
        "layout": {
            "title": {"text": title},
            "barmode": "group",
            "yaxis": {"title": {"text": t("col.ratio", lang=lang)}},
            "shapes": [_parity()],
        },
    }


def head_to_head_figure(h2h: HeadToHead, lang: str | None = None) -> Figure:
    """Gale's area chart: bar width = weight, height = rating difference."""
    rows = h2h.attributes.to_dicts()
    return {
        "data": [
            {
                "type": "bar",
                "x": [(r["x_start"] + r["x_end"]) / 2 for r in rows],
                "width": [r["weight"] for r in rows],
                "y": [r["difference"] for r in rows],
                "text": [r["attribute"] for r in rows],
                "textposition": "auto",
                "marker": {
                    "color": [_US if r["difference"] >= 0 else _THEM for r in rows],
                    "line": {"color": "white", "width": 1},
                },
                "hovertemplate": "%{text}<br>%{y:.2f}<extra></extra>",
                "name": t("col.difference", lang=lang),
            }
        ],
        "layout": {
            "title": {"text": t("cva.chart_head_to_head", lang=lang, rival=h2h.rival, net=h2h.net)},
            "xaxis": {
                "title": {"text": t("cva.chart_cumulative_weight", lang=lang)},
                "range": [0, 100],
            },
            "yaxis": {"title": {"text": t("col.difference", lang=lang)}},
            "bargap": 0,
        },
    }


def win_loss_figure(wl: WinLoss, lang: str | None = None) -> Figure:
    """Won deals to the right, lost deals to the left, per deciding attribute."""
    rows = wl.attributes.sort("net").to_dicts()
    names = [r["attribute"] for r in rows]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": [r["won"] for r in rows],
                "name": t("col.won", lang=lang),
                "marker": {"color": _US},
            },
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": [-r["lost"] for r in rows],
                "customdata": [r["lost"] for r in rows],
                "hovertemplate": "%{y}: %{customdata}<extra></extra>",
                "name": t("col.lost", lang=lang),
                "marker": {"color": _THEM},
            },
        ],
        "layout": {
            "title": {"text": t("cva.chart_win_loss", lang=lang, won=wl.won, lost=wl.lost)},
            "barmode": "relative",
            "xaxis": {"title": {"text": t("cva.chart_deals", lang=lang)}},
            "yaxis": {"automargin": True},
        },
    }


def _wave_ratios(trend: pl.DataFrame, segment: str) -> pl.DataFrame:
    return trend.filter(pl.col("segment") == segment).sort("wave")


def key_events_figure(events: pl.DataFrame, trend: pl.DataFrame, lang: str | None = None) -> Figure:
    """Gale's key events chart: our overall quality and price ratios wave by wave (all
    segments), each event marked at its date on the ratio of its kind after it."""
    overall = _wave_ratios(trend, "")
    data: list[dict[str, object]] = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": overall["wave"].to_list(),
            "y": overall[f"{kind}_ratio"].to_list(),
            "name": t(f"col.{kind}_ratio", lang=lang),
            "line": {"color": _US if kind == "quality" else _THEM},
        }
        for kind in ("quality", "price")
    ]
    rows = events.to_dicts()
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": [r["wave"] for r in rows],
            "y": [r["ratio_after"] for r in rows],
            "text": [f"{r['date']} {r['actor']}: {r['description']}" for r in rows],
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {
                "size": 12,
                "symbol": ["triangle-up" if r["effect"] == "up" else "triangle-down" for r in rows],
                "color": "#7f8c8d",
            },
            "name": t("cva.chart_events", lang=lang),
        }
    )
    return {
        "data": data,
        "layout": {
            "title": {"text": t("cva.chart_key_events", lang=lang)},
            "xaxis": {"title": {"text": t("col.wave", lang=lang)}, "type": "category"},
            "yaxis": {"title": {"text": t("col.ratio", lang=lang)}},
            "shapes": [_parity()],
        },
    }


def trend_figure(trend: pl.DataFrame, lang: str | None = None) -> Figure:
    """Overall quality ratio (solid) and price ratio (dotted) per segment, wave by wave."""
    data = []
    for segment in trend["segment"].unique(maintain_order=True).to_list():
        part = _wave_ratios(trend, segment)
        label = segment or t("cva.chart_all_segments", lang=lang)
        for kind, dash in (("quality", "solid"), ("price", "dot")):
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": part["wave"].to_list(),
                    "y": part[f"{kind}_ratio"].to_list(),
                    "name": f"{label} · {t(f'col.{kind}_ratio', lang=lang)}",
                    "line": {"dash": dash},
                }
            )
    return {
        "data": data,
        "layout": {
            "title": {"text": t("cva.chart_trend", lang=lang)},
            "xaxis": {"title": {"text": t("col.wave", lang=lang)}, "type": "category"},
            "yaxis": {"title": {"text": t("col.ratio", lang=lang)}},
            "shapes": [_parity()],
        },
    }


def _parity() -> dict[str, object]:
    """The dotted line at ratio 1 (parity with the rivals)."""
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": 1,
        "y1": 1,
        "line": {"color": "#7f8c8d", "dash": "dot"},
    }
