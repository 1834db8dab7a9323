"""The pieces every page shares: tables (labels, formatting, links, exports) and charts."""

from __future__ import annotations

import io
import json
import math
import re
from typing import Any

import polars as pl
import pytest
from openpyxl import load_workbook
from starlette.requests import Request

from custvalue.exceptions import DataValidationError
from custvalue.i18n import using_lang
from custvalue.web.templating import _environment
from custvalue.web.views import export_format, exported, table_view


def request(query: str = "", path: str = "/customers") -> Request:
    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": [],
        "server": ("127.0.0.1", 8000),
        "scheme": "http",
    }
    return Request(scope)


FRAME = pl.DataFrame(
    {
        "customer_id": ["C 1", "=HYPERLINK(1)"],
        "realized_value": [12800.0, 0.5],
        "orders": [3, 1],
    }
)


def test_a_table_has_labelled_headers_formatted_cells_and_links() -> None:
    view = table_view(
        FRAME,
        name="values",
        money=["realized_value"],
        links={"customer_id": "/customers/{customer_id}"},
    )
    assert [c.label for c in view.columns] == ["Customer", "Realized value", "Orders"]
    assert [c.kind for c in view.columns] == ["id", "money", "count"]
    assert view.rows == [["C 1", "12,800.00", "3"], ["=HYPERLINK(1)", "0.50", "1"]]
    assert view.links[0] == ["/customers/C%201", None, None]
    assert view.links[1][0] == "/customers/%3DHYPERLINK%281%29"
    with using_lang("zh"):
        zh = table_view(FRAME, name="values")
    assert zh.columns[0].label != "Customer"


def test_a_table_name_is_a_plain_word() -> None:
    with pytest.raises(ValueError, match="lower-case"):
        table_view(FRAME, name="Bad Name")


def test_no_export_asked_is_none_and_an_unknown_format_is_refused() -> None:
    view = table_view(FRAME, name="values")
    assert exported(request(), [view]) is None
    with pytest.raises(DataValidationError) as caught:
        export_format(request("export=pdf"))
    assert caught.value.code == "web.export_unknown"
    assert "pdf" in caught.value.message() and "csv, xlsx" in caught.value.message()


def test_an_unknown_table_is_refused_naming_the_tables_there_are() -> None:
    view = table_view(FRAME, name="values")
    with pytest.raises(DataValidationError) as caught:
        exported(request("export=csv&table=orders"), [view])
    assert caught.value.code == "web.export_no_table"
    assert "values" in caught.value.message()


def test_csv_export_is_the_clis_writer_with_the_pages_headers() -> None:
    view = table_view(FRAME, name="values")
    answer = exported(request("export=csv&table=values"), [view])
    assert answer is not None
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"] == 'attachment; filename="values.csv"'
    body = bytes(answer.body)
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0] == "Customer,Realized value,Orders"
    assert lines[1] == "C 1,12800.0,3"
    assert lines[2].startswith("'=HYPERLINK(1)")  # neutralised: Excel shows it as text


def test_xlsx_export_has_a_sheet_per_table_numbers_as_numbers() -> None:
    first = table_view(FRAME, name="values", title="Values")
    second = table_view(pl.DataFrame({"year": [2024], "orders": [7]}), name="years")
    answer = exported(request("export=xlsx"), [first, second])
    assert answer is not None
    book = load_workbook(io.BytesIO(bytes(answer.body)))
    assert book.sheetnames == ["Values", "years"]
    rows = list(book["Values"].iter_rows(values_only=True))
    assert rows[0] == ("Customer", "Realized value", "Orders")
    assert rows[1] == ("C 1", 12800.0, 3)
    assert rows[2][0] == "'=HYPERLINK(1)"


def test_two_columns_with_one_label_stay_apart_in_the_export() -> None:
    frame = pl.DataFrame({"a": [1], "b": [2]})
    view = table_view(frame, name="t", labels={"a": "Same", "b": "Same"})
    assert view.labelled().columns == ["Same", "Same (2)"]


def _render(source: str, **values: Any) -> str:
    env = _environment()
    template = env.from_string(
        '{% from "_macros.html" import data_table, chart with context %}' + source
    )
    return template.render(**values)


def test_the_table_macro_escapes_cells_and_links_its_exports() -> None:
    frame = pl.DataFrame({"name": ["<script>alert(1)</script>"], "orders": [2]})
    view = table_view(frame, name="people", total=10)
    html = _render("{{ data_table(view) }}", view=view, request=request("tier=A"))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'href="/customers?tier=A&amp;export=csv&amp;table=people"' in html
    assert "1 of 10 rows shown." in html
    empty = table_view(frame.clear(), name="people")
    html = _render("{{ data_table(view) }}", view=empty, request=request())
    assert "Nothing to show." in html and "export=" not in html


def test_the_chart_macro_hands_json_to_the_script_not_code() -> None:
    figure = {"data": [{"type": "bar", "y": [1.0, math.nan], "name": "</script><b>"}]}
    html = _render('{{ chart(figure, "values") }}', figure=figure)
    pattern = r'<script type="application/json" id="chart-values-data">(.*?)</script>'
    block = re.search(pattern, html)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["data"][0]["y"] == [1.0, None]
    assert data["data"][0]["name"] == "</script><b>"
    assert 'data-save-png="chart-values"' in html
