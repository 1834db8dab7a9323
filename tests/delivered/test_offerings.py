"""Offerings input: the file reader, the frame checks, and every refusal named."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.data.tables import TableRowsError
from custvalue.delivered import canonical_component, component_label, prepare, read_offerings
from custvalue.exceptions import DataValidationError, ImportFileError
from custvalue.i18n import t

BAD = """供应商,构成,类别,金额,单位,每分金额
A,产品价值,价值,100,元,
A,货币成本,价值,80,元,
A,技术支持,,30,元,
A,形象价值,,7,分,
A,服务价值,,-5,元,
A,人员价值,,abc,元,
B,产品,,90,,
B,price,,60,,
B,产品价值,,95,,
B,人员价值,,5,元,3
"""


def test_standard_component_spellings() -> None:
    assert canonical_component("产品价值") == "product"
    assert canonical_component(" Product Value ") == "product"
    assert canonical_component("价格") == "monetary"
    assert canonical_component("精力成本") == "energy"
    assert canonical_component("合作关系") == "合作关系"
    assert component_label("monetary", lang="zh") == "货币成本（价格）"
    assert component_label("合作关系", lang="en") == "合作关系"


def test_every_bad_row_is_named(tmp_path: Path) -> None:
    path = tmp_path / "offers.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(TableRowsError) as caught:
        read_offerings(path)
    by_line = {(r.line, r.reason) for r in caught.value.rejected}
    assert by_line == {
        (3, "delivered.kind_conflict"),
        (4, "delivered.kind_needed"),
        (5, "delivered.per_point"),
        (6, "table.out_of_range"),
        (7, "table.bad_number"),
        (8, "survey.conflict_in_file"),  # 产品 and 产品价值 are the same component
        (10, "survey.conflict_in_file"),
        (11, "delivered.per_point_money"),
    }
    message = caught.value.message("en")
    assert "offers.csv" in message and "line 3" in message and "类别" in message
    assert "货币成本" in caught.value.message("zh")


def test_gbk_file_with_english_kind_words(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    text = (
        "细分市场,供应商,构成,类别,层次,金额\n"
        ",甲,产品价值,value,episode,100\n"
        ',甲,转换成本,成本,关系,"￥1,200"\n'
    )
    path.write_bytes(text.encode("gbk"))
    rows = read_offerings(path)
    assert rows["money"].to_list() == [100.0, 1200.0]
    assert rows["kind"].to_list() == ["value", "cost"]
    assert rows["level"].to_list() == ["episode", "relationship"]


def test_excel_file_and_per_point_default(tmp_path: Path) -> None:
    path = tmp_path / "offers.xlsx"
    pl.DataFrame(
        {
            "offering": ["A", "A"],
            "component": ["image", "price"],
            "amount": [8, 50],
            "unit": ["score", ""],
        }
    ).write_excel(path)
    with pytest.raises(TableRowsError):
        read_offerings(path)
    rows = read_offerings(path, per_point=5.0)
    assert rows["money"].to_list() == [40.0, 50.0]


def test_missing_file_and_columns(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError):
        read_offerings(tmp_path / "nope.csv")
    path = tmp_path / "cols.csv"
    path.write_text("供应商,金额\nA,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_offerings(path)
    assert "component" in caught.value.message("en") or "构成" in caught.value.message("en")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"offering": ["A"], "amount": [1.0]}, "delivered.missing_columns"),
        ({"offering": ["A"], "component": ["x"], "amount": [1.0]}, "delivered.kind_needed_frame"),
        (
            {"offering": ["A"], "component": ["price"], "amount": [1.0], "kind": ["value"]},
            "delivered.kind_conflict_frame",
        ),
        ({"offering": ["A"], "component": ["price"], "amount": [-1.0]}, "delivered.bad_amount"),
        (
            {"offering": ["A"], "component": ["price"], "amount": [float("nan")]},
            "delivered.bad_amount",
        ),
        (
            {"offering": ["A"], "component": ["image"], "amount": [3.0], "unit": ["score"]},
            "delivered.per_point_frame",
        ),
        (
            {"offering": ["A", "A"], "component": ["价格", "price"], "amount": [1.0, 2.0]},
            "delivered.repeated",
        ),
        (
            {"offering": ["A"], "component": ["price"], "amount": [1.0], "level": ["forever"]},
            "delivered.bad_choice",
        ),
    ],
)
def test_frames_are_checked(data: dict[str, list[object]], code: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        prepare(pl.DataFrame(data))
    assert caught.value.code == code
    for lang in ("en", "zh"):
        assert "{" not in caught.value.message(lang)


def test_bad_per_point_option() -> None:
    frame = pl.DataFrame({"offering": ["A"], "component": ["price"], "amount": [1.0]})
    with pytest.raises(DataValidationError, match="per score point"):
        prepare(frame, per_point=0.0)
    assert t("delivered.bad_per_point", lang="zh", value=0)
