"""Figures are JSON-ready Plotly dictionaries carrying the computed numbers; HTML is offline."""

from __future__ import annotations

import json
from pathlib import Path

from custvalue.cva.headtohead import head_to_head
from custvalue.cva.profile import quality_profile
from custvalue.cva.valuemap import value_map
from custvalue.figures import write_html
from custvalue.figures.cva import head_to_head_figure, profile_figure, value_map_figure
from tests.cva import handmade


def test_figures_carry_the_numbers(tmp_path: Path) -> None:
    vm = value_map(handmade.survey())
    fig = value_map_figure(vm, lang="zh")
    points = fig["data"][1]
    assert points["x"] == vm.points["relative_price"].to_list()
    assert points["y"] == vm.points["relative_quality"].to_list()
    assert fig["layout"]["title"]["text"] == "客户价值图"
    line = fig["data"][0]
    assert line["y"][0] == vm.intercept + vm.slope * line["x"][0]

    prof = profile_figure(quality_profile(handmade.survey()), lang="en")
    assert [bar["name"] for bar in prof["data"]] == ["B", "C"]
    assert prof["data"][0]["x"] == ["q1", "q2"]

    h = head_to_head(handmade.survey(), "B")
    area = head_to_head_figure(h)
    assert area["data"][0]["width"] == [60.0, 40.0]
    assert area["data"][0]["x"] == [30.0, 80.0]

    out = tmp_path / "map.html"
    write_html(fig, out, title="map")
    page = out.read_text("utf-8")
    assert "Plotly.newPlot" in page and "客户价值图" in page
    assert "https://" not in page.split("<script>")[1][:200]  # plotly.js inline, not fetched
    json.dumps(fig)  # JSON-ready
