"""Figures as Plotly figure dictionaries (JSON-ready) and standalone HTML.

Each analysis area has a module of figure builders (:mod:`custvalue.figures.cva`,
:mod:`custvalue.figures.clv`) returning ``{"data": [...], "layout": {...}}`` that the web
workbench renders directly; :func:`write_html` writes one as a page with the plotly.js
shipped inside the ``plotly`` package, so it works offline. Labels follow the language
setting (:mod:`custvalue.i18n`).
"""

from __future__ import annotations

import html
import json
import os
from importlib import resources
from typing import Any

__all__ = ["Figure", "write_html"]

Figure = dict[str, Any]


def write_html(figure: Figure, path: str | os.PathLike[str], *, title: str = "") -> None:
    """Write ``figure`` as a standalone HTML page (plotly.js embedded, works offline)."""
    script = resources.files("plotly").joinpath("package_data/plotly.min.js").read_text("utf-8")
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f"<script>{script}</script></head><body>"
        '<div id="chart" style="width:100%;height:90vh"></div>'
        "<script>const figure = "
        + json.dumps(figure, ensure_ascii=False).replace("</", "<\\/")
        + ";Plotly.newPlot('chart', figure.data, figure.layout, {responsive: true});"
        "</script></body></html>\n"
    )
    tmp = f"{os.fspath(path)}.tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(page)
    os.replace(tmp, path)
