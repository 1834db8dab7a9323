"""Offerings input: the file reader, the frame checks, and every refusal named."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.data.tables import TableRowsError
from custvalue.delivered import canonical_component, component_label, prepare, read_offerings
from custvalue.delivered.components import (
    SEED_ITEMS,
    STANDARD,
    canonical_group,
    component_group,
)
from custvalue.exceptions import DataValidationError, ImportFileError

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

RANGE, NAN = "validation.number_range", "validation.not_a_number"


def test_standard_component_spellings() -> None:
    assert canonical_component("产品价值") == "product"
    assert canonical_component(" Product Value ") == "product"
    assert canonical_component("价格") == "monetary"
    assert canonical_component("产品成本") == "monetary"
    assert canonical_component("合作关系") == "合作关系"
    assert component_label("monetary", lang="zh") == "货币成本（价格）"
    assert component_label("合作关系", lang="en") == "合作关系"


def test_four_distinct_costs_with_their_synonyms() -> None:
    for name in ("体力成本", "体力", "energy", "Energy cost", "physical cost"):
        assert canonical_component(name) == "energy", name
    for name in ("精神成本", "精力成本", "心理成本", "psychic", "psychic cost", "mental cost"):
        assert canonical_component(name) == "psychic", name
    codes = {canonical_component(n) for n in ("货币成本", "时间成本", "体力成本", "精神成本")}
    assert codes == {"monetary", "time", "energy", "psychic"}
    assert component_label("energy", lang="zh") == "体力成本"
    assert component_label("psychic", lang="zh") == "精神成本"
    assert "energy" in component_label("energy", lang="en")
    assert "psychic" in component_label("psychic", lang="en")
    # one word for costs: every cost label says 成本 / cost
    for code, kind in STANDARD.items():
        if kind == "cost":
            assert "成本" in component_label(code, lang="zh")
            assert "cost" in component_label(code, lang="en")


def test_the_seeds_value_items_keep_their_names() -> None:
    names = (
        "产品品牌价值",
        "企业影响力价值",
        "良好的服务价值",
        "多年的合作愉快价值",
        "购买相关人员的利益",
        "购买相关人员的情感价值",
    )
    codes = [canonical_component(n) for n in names]
    assert codes == list(SEED_ITEMS)
    assert [component_label(c, lang="zh") for c in codes] == list(names)
    assert all(STANDARD[c] == "value" for c in codes)
    assert [component_group(c) for c in codes] == [
        "social",
        "social",
        "functional",
        "emotional",
        "social",
        "emotional",
    ]
    assert [component_group(c) for c in ("product", "service", "image")] == [
        "functional",
        "functional",
        "social",
    ]
    assert component_group("monetary") is None and component_group("保修年限") is None
    assert canonical_group("功能价值") == "functional" and canonical_group("情感") == "emotional"
    assert canonical_group("社会价值") == "social" and canonical_group("nosuch") is None


def _tv() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "offering": ["A", "A", "A", "A", "B", "B", "B"],
            "component": ["产品价值", "保修年限", "导购", "价格", "产品价值", "保修年限", "价格"],
            "kind": ["value", "value", "value", "cost", "value", "value", "cost"],
            "amount": [4000.0, 5.0, 4.0, 4000.0, 4000.0, 4.0, 3600.0],
            "unit": ["money", "score", "score", "money", "money", "score", "money"],
            "per_point": [None, 100.0, 50.0, None, None, 100.0, None],
        }
    )


def test_worth_of_a_point_overrides_the_rows_rate() -> None:
    rows = prepare(_tv(), worth={"保修年限": 500})
    warranty = rows.filter(pl.col("component") == "保修年限")
    assert warranty["per_point"].to_list() == [500.0, 500.0]
    assert warranty["money"].to_list() == [2500.0, 2000.0]
    # the other scores keep their own rate
    assert rows.filter(pl.col("component") == "导购")["money"].to_list() == [200.0]
    assert prepare(_tv())["money"].sum() == 4000 + 500 + 200 + 4000 + 4000 + 400 + 3600


def test_bad_worth_is_refused() -> None:
    with pytest.raises(DataValidationError) as caught:
        prepare(_tv(), worth={"门店": 50})
    assert caught.value.code == "delivered.worth_unknown"
    assert "保修年限" in caught.value.message("en")
    for bad, code in ((0.0, RANGE), (-1.0, RANGE), (float("nan"), NAN), (float("inf"), NAN)):
        with pytest.raises(DataValidationError) as caught:
            prepare(_tv(), worth={"保修年限": bad})
        assert caught.value.code == code
        assert caught.value.message("en").startswith("worth 保修年限: ")
    with pytest.raises(DataValidationError) as caught:
        prepare(_tv(), worth={"保修年限": "500"})  # type: ignore[dict-item]
    assert caught.value.code == NAN


def test_groups_of_user_defined_components() -> None:
    plain = prepare(_tv())
    assert dict(plain.select("component", "group").unique().rows()) == {
        "product": "functional",
        "保修年限": "other",
        "导购": "other",
        "monetary": None,
    }
    named = prepare(_tv(), groups={"保修年限": "功能价值", "导购": "social"})
    assert dict(named.select("component", "group").unique().rows())["导购"] == "social"
    with pytest.raises(DataValidationError) as caught:
        prepare(_tv(), groups={"保修年限": "fun"})
    assert caught.value.code == "validation.choice"
    assert caught.value.message("en") == (
        "groups 保修年限: 'fun' is not one of the allowed values; use one of: functional, "
        "social, emotional, other, 功能价值, 社会价值, 情感价值, 其他价值."
    )
    assert "fun" in caught.value.message("zh")
    with pytest.raises(DataValidationError) as caught:
        prepare(_tv(), groups={"价格": "functional"})
    assert caught.value.code == "delivered.group_unknown"


def test_a_frame_can_carry_its_groups() -> None:
    frame = _tv().with_columns(
        pl.Series("group", [None, "情感价值", "社会", None, "功能价值", None, None])
    )
    rows = prepare(frame)
    assert rows["group"].to_list() == [
        "functional",
        "emotional",
        "social",
        None,
        "functional",
        "other",
        None,  # a cost has no part
    ]
    # the option wins over the cell; a prepared frame prepares to the same groups
    assert prepare(frame, groups={"导购": "emotional"})["group"][2] == "emotional"
    assert prepare(rows.drop("money"))["group"].to_list() == rows["group"].to_list()
    with pytest.raises(DataValidationError) as caught:
        prepare(frame.with_columns(pl.lit("fun").alias("group")))
    assert caught.value.code == "validation.choice" and "'fun'" in caught.value.message("en")
    # a cost naming a part is refused, as the importer refuses it
    with pytest.raises(DataValidationError) as caught:
        prepare(frame.with_columns(pl.lit("functional").alias("group")))
    assert caught.value.code == "delivered.group_on_cost_frame"
    assert "functional" in caught.value.message("zh")


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
        ({"offering": ["A"], "amount": [1.0]}, "validation.missing_columns"),
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
            "validation.choice",
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
    with pytest.raises(DataValidationError) as caught:
        prepare(frame, per_point=0.0)
    assert caught.value.code == RANGE
    assert caught.value.message("en") == (
        "per_point: 0.0 is out of range; it must satisfy per_point > 0."
    )
    assert "per_point > 0" in caught.value.message("zh")
