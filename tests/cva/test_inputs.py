"""Survey tables read from files: synonyms, weights summing to 100, shares, keys in a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from custvalue.cva.inputs import KEYS, SPECS, read_survey_table
from custvalue.exceptions import ImportFileError


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _found(rejected: list) -> set[tuple[int, str | None, str | None, str]]:  # type: ignore[type-arg]
    return {(r.line, r.column, r.value, r.reason) for r in rejected}


def test_ratings_in_gbk_with_chinese_headers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r.csv",
        "波次,客户群,受访者,供应商,指标,得分\n2025H2,大客户,r1,我们,送货及时,８\n"
        "2025H2,大客户,r1,对手,送货及时,7.5\n",
        "gbk",
    )
    table = read_survey_table("ratings", path)
    assert table.encoding in ("gbk", "gb18030") and not table.rejected
    assert table.rows.select("wave", "segment", "respondent", "competitor", "rating").rows() == [
        ("2025H2", "大客户", "r1", "我们", 8.0),
        ("2025H2", "大客户", "r1", "对手", 7.5),
    ]


def test_ratings_defaults_and_negative_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r.csv",
        "respondent,brand,attribute,score\nr1,us,q,8\nr1,them,q,-1\n",
    )
    table = read_survey_table("ratings", path)
    assert table.rows["wave"].to_list() == [""] and table.rows["segment"].to_list() == [""]
    assert _found(table.rejected) == {(3, "score", "-1", "table.out_of_range")}


def test_every_spec_accepts_its_canonical_headers() -> None:
    for kind, spec in SPECS.items():
        names = {f.name for f in spec.fields}
        assert set(KEYS[kind]) <= names


WEIGHTS = (
    "调查批次,细分市场,受访者,属性,类型,权重\n"
    "W1,大客户,r1,送货及时,质量,60\n"
    "W1,大客户,r1,采购价格,价格,40\n"
    "W1,大客户,r2,送货及时,quality,50\n"
    "W1,大客户,r2,采购价格,price,40\n"
)


def test_weights_not_summing_to_100_are_refused_with_the_sum(tmp_path: Path) -> None:
    table = read_survey_table("weights", _write(tmp_path, "w.csv", WEIGHTS))
    assert table.rows["respondent"].to_list() == ["r1", "r1"]
    assert _found(table.rejected) == {
        (4, "权重", "50", "survey.weights_sum"),
        (5, "权重", "40", "survey.weights_sum"),
    }
    assert "sum to 90" in table.rejected[0].message("en")
    assert "合计为 90" in table.rejected[0].message("zh")
    assert table.normalized_sets == 0


def test_weights_normalised_on_request(tmp_path: Path) -> None:
    table = read_survey_table("weights", _write(tmp_path, "w.csv", WEIGHTS), normalize_weights=True)
    assert not table.rejected and table.normalized_sets == 1
    r2 = table.rows.filter(respondent="r2")["weight"].to_list()
    assert r2 == pytest.approx([100 * 50 / 90, 100 * 40 / 90])
    assert table.rows["kind"].to_list() == ["quality", "price", "quality", "price"]


def test_weights_within_tolerance_and_incomplete_set(tmp_path: Path) -> None:
    text = (
        "wave,respondent,attribute,kind,weight\n"
        "W1,r1,a,quality,60.3\nW1,r1,b,price,40\n"
        "W1,r2,a,quality,x\nW1,r2,b,price,100\n"
    )
    table = read_survey_table("weights", _write(tmp_path, "w.csv", text), normalize_weights=True)
    assert table.rows["respondent"].to_list() == ["r1", "r1"] and table.normalized_sets == 0
    assert _found(table.rejected) == {
        (4, "weight", "x", "table.bad_number"),
        (5, "weight", "100", "survey.weights_incomplete"),
    }


def test_market_shares_as_percent_or_fraction(tmp_path: Path) -> None:
    percent = "wave,competitor,price,share\nW1,us,100,25%\nW1,a,90,30\nW1,b,95,\n"
    table = read_survey_table("market", _write(tmp_path, "m.csv", percent))
    assert not table.rejected
    assert table.rows["share"].to_list() == [0.25, 0.30, None]
    fraction = "品牌,价格,市场份额\nus,100,0.25\na,90,0.3\n"
    table = read_survey_table("market", _write(tmp_path, "f.csv", fraction))
    assert table.rows["share"].to_list() == [0.25, 0.3]


def test_market_bad_shares_and_prices(tmp_path: Path) -> None:
    text = "competitor,price,share\nus,100,25%\na,0,30%\nb,90,0.2\nc,80,120%\nd,80,x\n"
    table = read_survey_table("market", _write(tmp_path, "m.csv", text))
    assert table.rows["competitor"].to_list() == ["us"]
    assert _found(table.rejected) == {
        (3, "price", "0", "survey.price_positive"),
        (4, "share", "0.2", "survey.share_mixed"),
        (5, "share", "120%", "survey.share_range"),
        (6, "share", "x", "table.bad_number"),
    }


def test_in_file_duplicates_and_conflicts(tmp_path: Path) -> None:
    text = (
        "wave,respondent,competitor,attribute,rating\n"
        "W1,r1,us,q,8\nW1,r1,us,q,8\nW1,r1,a,q,7\nW1,r1,a,q,6\n"
    )
    table = read_survey_table("ratings", _write(tmp_path, "r.csv", text))
    assert table.duplicates == 1 and table.rows["_line"].to_list() == [2]
    assert _found(table.rejected) == {
        (4, "rating", "7", "survey.conflict_in_file"),
        (5, "rating", "6", "survey.conflict_in_file"),
    }
    assert "line(s) 5" in table.rejected[0].message("en")
    assert (
        table.rejected[0]
        .message("en")
        .startswith("wave=W1, respondent=r1, competitor=a, attribute=q appears again")
    )


def test_conflict_names_the_key_by_the_file_headers_and_skips_blank_parts(
    tmp_path: Path,
) -> None:
    text = "波次,细分市场,受访者,竞争者,属性,评分\nW1,,r1,a,q,7\nW1,,r1,a,q,6\n"
    table = read_survey_table("ratings", _write(tmp_path, "r.csv", text))
    message = table.rejected[0].message("zh")
    assert message.startswith("波次=W1, 受访者=r1, 竞争者=a, 属性=q 在第 3 行再次出现")


def test_deals_events_owners_choices(tmp_path: Path) -> None:
    deals = (
        "商机编号,日期,竞争者,结果,决定属性,金额\n"
        "D1,2025/7/1,a,赢,送货及时,1.2万\nD2,,a,丢单,价格,\nD3,,a,赢,价格,1.2千\n"
    )
    table = read_survey_table("deals", _write(tmp_path, "d.csv", deals))
    assert [(r.line, r.reason) for r in table.rejected] == [(4, "table.bad_number")]
    assert table.rows["amount"].to_list() == [12000.0, None]  # 1.2万 = 12,000
    deals = "deal_id,date,competitor,outcome,attribute\nD1,2025-07-01,a,won,x\nD2,,a,成交,y\n"
    table = read_survey_table("deals", _write(tmp_path, "d.csv", deals))
    assert table.rows["outcome"].to_list() == ["won", "won"]
    events = "日期,主体,属性,影响,事件\n2026-01-12,a,送货及时,上升,新仓库\n2026-02-01,us,,-,延误\n"
    table = read_survey_table("events", _write(tmp_path, "e.csv", events))
    assert table.rows["effect"].to_list() == ["up", "down"]
    assert table.rows["attribute"].to_list() == ["送货及时", None]
    owners = "属性,职能,职责\n送货及时,物流部,主责\n送货及时,仓储,协助\n品牌形象,市场部,\n"
    table = read_survey_table("owners", _write(tmp_path, "o.csv", owners))
    assert table.rows["role"].to_list() == ["lead", "support", "lead"]


def test_missing_columns_and_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="rating"):
        read_survey_table("ratings", _write(tmp_path, "r.csv", "respondent,brand,attribute\n"))
    with pytest.raises(ImportFileError):
        read_survey_table("nonsense", tmp_path / "r.csv")  # type: ignore[arg-type]


def test_weights_as_two_100_point_questions(tmp_path: Path) -> None:
    text = (
        "respondent,attribute,kind,weight\n"
        "r1,a,quality,50\nr1,b,quality,50\nr1,p,price,100\n"
        "r2,a,quality,60\nr2,b,quality,60\nr2,p,price,100\n"
    )
    path = _write(tmp_path, "w.csv", text)
    table = read_survey_table("weights", path)
    assert table.rows["respondent"].to_list() == ["r1"] * 3
    assert {r.line for r in table.rejected} == {5, 6, 7}
    assert "quality 120" in table.rejected[0].message("en")
    table = read_survey_table("weights", path, normalize_weights=True)
    assert table.normalized_sets == 1
    r2 = table.rows.filter(respondent="r2")["weight"].to_list()
    assert r2 == pytest.approx([50.0, 50.0, 100.0])
