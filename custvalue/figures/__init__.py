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

from custvalue.output import write_atomic

__all__ = ["Figure", "write_html"]

Figure = dict[str, Any]


def write_html(
    figure: Figure | list[Figure], path: str | os.PathLike[str], *, title: str = ""
) -> None:
    """Write one figure or several (one below the other) as a standalone HTML page
    (plotly.js embedded, works offline) to exactly ``path``; the file appears complete
    or not at all, and a folder or a path that cannot be written is refused
    (:func:`custvalue.output.write_atomic`)."""
    figures = figure if isinstance(figure, list) else [figure]
    script = resources.files("plotly").joinpath("package_data/plotly.min.js").read_text("utf-8")
    height = "90vh" if len(figures) == 1 else "70vh"
    divs = "".join(
        f'<div id="chart{i}" style="width:100%;height:{height}"></div>' for i in range(len(figures))
    )
    data = json.dumps(figures, ensure_ascii=False).replace("</", "<\\/")
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f"<script>{script}</script></head><body>{divs}"
        f"<script>const figures = {data};"
        "figures.forEach((f, i) => Plotly.newPlot('chart' + i, f.data, f.layout, "
        "{responsive: true}));</script></body></html>\n"
    )
    write_atomic(path, page.encode("utf-8"))
