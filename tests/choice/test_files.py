"""Reading choice files: role columns by header, every bad row named, both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from custvalue.choice import read_choices
from custvalue.data.tables import TableRowsError
from custvalue.exceptions import DataValidationError, ImportFileError

GOOD = '情境,方案,价格,品牌,是否选择\ns1,A,1.0,x,1\ns1,B,2,y,0\ns2,A,"1,200",x,否\ns2,B,3,y,是\n'


def write(tmp_path: Path, text: str, name: str = "c.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_chinese_headers_and_flags(tmp_path: Path) -> None:
    table = read_choices(write(tmp_path, GOOD, encoding="gbk"), categorical={"品牌": None})
    assert table.numeric == ("价格",)
    assert table.rows["chosen"].to_list() == [1, 0, 0, 1]
    assert table.rows["价格"].to_list() == [1.0, 2.0, 1200.0, 3.0]
    assert table.headers["situation"] == "情境"


def test_role_options_map_other_headers(tmp_path: Path) -> None:
    text = "trip,shop,picked,cost\n1,A,1,1\n1,B,0,2\n"
    table = read_choices(
        write(tmp_path, text), situation="trip", alternative="shop", chosen="picked"
    )
    assert table.numeric == ("cost",)


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        (
            GOOD.replace("s1,A,1.0,x,1", "s1,A,1.0,x,0"),
            "line 2, column '是否选择'",
            "情境“s1”中没有被选中的方案",
        ),
        (
            GOOD.replace("s1,B,2,y,0", "s1,B,2,y,1"),
            "2 alternatives are chosen in situation 's1'",
            "第 2 行",
        ),
        (GOOD + "s3,A,1,x,1\n", "line 6", "情境“s3”只有一个备选方案"),
        (GOOD.replace("s1,B,2,", "s1,B,abc,"), "line 3, column '价格', value 'abc'", "不是数字"),
        (GOOD.replace("s1,B,2,", "s1,B,inf,"), "value 'inf'", "第 3 行"),
        (
            GOOD.replace("s2,B,3,y,是", "s2,B,3,y,maybe"),
            "column '是否选择', value 'maybe'",
            "第 5 行",
        ),
    ],
)
def test_bad_rows_are_named_in_both_languages(tmp_path: Path, text: str, en: str, zh: str) -> None:
    with pytest.raises(TableRowsError) as info:
        read_choices(write(tmp_path, text), categorical={"品牌": None})
    assert en in info.value.message("en")
    assert zh in info.value.message("zh")


def test_unknown_columns_and_missing_roles(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    with pytest.raises(DataValidationError, match="no attribute column '颜色'"):
        read_choices(path, categorical={"颜色": None})
    with pytest.raises(ImportFileError):
        read_choices(write(tmp_path, "a,b\n1,2\n", "x.csv"))
