"""Long-format tables: headers by synonym, numbers, bad cells named, nothing half-read."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.data.tables import Field, TableRowsError, TableSpec, load_table, read_frame
from custvalue.exceptions import ImportFileError

SPEC = TableSpec(
    "import.kind_orders",
    (
        Field("respondent", "id", ("受访者", "respondent_id")),
        Field("competitor", "text", ("品牌", "brand")),
        Field("rating", "number", ("评分", "score"), minimum=0, maximum=10),
        Field(
            "kind",
            "choice",
            ("类型",),
            required=False,
            choices={"质量": "quality", "quality": "quality", "价格": "price", "price": "price"},
            default="quality",
        ),
        Field("wave", "text", ("批次",), required=False, default=""),
    ),
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_good_file_in_gbk_with_chinese_headers(tmp_path: Path) -> None:
    path = _write(tmp_path, "受访者,品牌,评分,类型\nr1,我们,８,价格\nr2,他们,25%,\n", "gbk")
    spec = TableSpec(
        SPEC.label, (*SPEC.fields[:2], Field("rating", "number", ("评分",)), *SPEC.fields[3:])
    )
    frame = read_frame(spec, path)
    assert frame["rating"].to_list() == [8.0, 25.0]
    assert frame["kind"].to_list() == ["price", "quality"]
    assert frame["wave"].to_list() == ["", ""]
    assert frame["_line"].to_list() == [2, 3]


def test_bad_cells_are_named_and_nothing_is_used(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "受访者,品牌,评分,类型\nr1,我们,8,质量\nr2,他们,abc,质量\nr3,,7,质量\nr4,他们,12,x\nr5,他们,nan,\n",
    )
    loaded = load_table(SPEC, path)
    assert loaded.rows["respondent"].to_list() == ["r1"]
    found = {(r.line, r.column, r.value, r.reason) for r in loaded.rejected}
    assert found == {
        (3, "评分", "abc", "table.bad_number"),
        (4, "品牌", None, "import.missing_value"),
        (5, "评分", "12", "table.out_of_range"),
        (5, "类型", "x", "import.bad_choice"),
        (6, "评分", "nan", "table.bad_number"),
    }
    with pytest.raises(TableRowsError) as info:
        read_frame(SPEC, path)
    assert info.value.rejected[0].line == 3
    assert "line 3" in info.value.message("en") and "abc" in info.value.message("en")
    assert "第 3 行" in info.value.message("zh") and "不是数字" in info.value.message("zh")


def test_missing_required_column_and_map(tmp_path: Path) -> None:
    path = _write(tmp_path, "who,品牌,评分\nr1,我们,8\n")
    with pytest.raises(ImportFileError) as info:
        read_frame(SPEC, path)
    assert "respondent" in str(info.value)
    frame = read_frame(SPEC, path, mapping={"who": "respondent"})
    assert frame.select("respondent", "rating").rows() == [("r1", 8.0)]
    assert isinstance(frame.schema["rating"], pl.Float64)


def test_numbers_as_people_write_money() -> None:
    from custvalue.data.tables import parse_numbers

    cells = [
        "¥28,800",
        "28800元",
        "2.88万",
        "2.88万元",
        "RMB 5",
        "１２",
        "-3",
        "25%",
        "万",
        "1e999",
    ]
    parsed = parse_numbers(pl.Series(cells))
    assert parsed.values.to_list()[:8] == [
        28800.0,
        28800.0,
        28800.0,
        28800.0,
        5.0,
        12.0,
        -3.0,
        25.0,
    ]
    assert parsed.reasons.to_list()[8:] == ["table.bad_number", "table.bad_number"]
