"""The survey kinds of issue 12 (nps, csat, ces, satisfaction, servqual, kano): read
with Chinese or English headers, GBK too, every bad row named by line, column and
value, answers linked to known customers only, stored exactly once, on both engines."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.kinds import ALL_KINDS, VOICE_KINDS
from custvalue.data.storing import import_table
from custvalue.data.writer import StrictImportError


def _customers(db: Database) -> None:
    import_frames(
        db, {"customers": pl.DataFrame({"customer_id": ["C1", "C2"], "name": ["甲", "乙"]})},
        source="people",
    )  # fmt: skip


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_every_voice_kind_is_offered() -> None:
    assert set(VOICE_KINDS) <= set(ALL_KINDS)


def test_nps_answers_in_gbk_with_chinese_headers(db: Database, tmp_path: Path) -> None:
    _customers(db)
    text = (
        "调查批次,受访者,客户编号,答卷日期,推荐意愿\n"
        "2024H1,r1,C1,2024-03-01,9\n"
        "2024H1,r2,,2024-03-02,6\n"  # anonymous: kept
        "2024H1,r3,C9,2024-03-02,10\n"  # unknown customer
        "2024H1,r4,C2,2024-03-03,11\n"  # off the scale
        "2024H1,r5,C2,2024-03-03,7.5\n"  # not whole
        "2024H1,r1,C1,2024-03-01,9\n"  # the same answer again: a duplicate
    )
    result = import_table(db, "nps", _write(tmp_path / "nps.csv", text, "gbk"))
    assert result.imported == 2 and result.duplicates == 1
    bad = {(r.line, r.column, r.value, r.reason) for r in result.rejected}
    assert bad == {
        (4, "客户编号", "C9", "voice.unknown_customer"),
        (5, "推荐意愿", "11", "table.out_of_range"),
        (6, "推荐意愿", "7.5", "voice.not_whole"),
    }
    rows = db.fetchall("SELECT respondent, customer_id, score FROM voice_nps ORDER BY respondent")
    assert rows == [("r1", "C1", 9), ("r2", None, 6)]
    messages = [r.message("zh") for r in result.rejected]
    assert any("客户台账中没有" in m for m in messages) and any("整数" in m for m in messages)
    again = import_table(
        db, "nps", _write(tmp_path / "nps2.csv", "wave,respondent,score\n2024H1,r1,10\n")
    )
    assert again.imported == 0 and again.rejected[0].reason == "survey.conflicts_stored"
    assert db.scalar("SELECT score FROM voice_nps WHERE respondent = 'r1'") == 9


def test_a_strict_import_with_a_bad_row_stores_nothing(db: Database, tmp_path: Path) -> None:
    _customers(db)
    path = _write(tmp_path / "csat.csv", "respondent,customer_id,score\nr1,C1,5\nr2,C7,4\n")
    with pytest.raises(StrictImportError):
        import_table(db, "csat", path, strict=True)
    assert db.scalar("SELECT count(*) FROM voice_csat") == 0


def test_csat_ces_servqual_kano_and_satisfaction(db: Database, tmp_path: Path) -> None:
    _customers(db)
    csat = import_table(db, "csat", _write(
        tmp_path / "csat.csv", "受访者,触点,满意度\nr1,售后,5\nr1,配送,3\nr2,售后,0\n"
    ))  # fmt: skip
    assert csat.imported == 2 and [r.reason for r in csat.rejected] == ["table.out_of_range"]
    ces = import_table(db, "ces", _write(
        tmp_path / "ces.csv", "respondent,effort,scale\nr1,6,7\nr2,6,5\nr3,2,legacy\n"
    ))  # fmt: skip
    assert ces.imported == 2 and [(r.line, r.reason) for r in ces.rejected] == [
        (3, "voice.ces_legacy_range")
    ]
    assert db.fetchall("SELECT respondent, scale FROM voice_ces ORDER BY 1") == [
        ("r1", "7"), ("r3", "5")
    ]  # fmt: skip
    servqual = import_table(db, "servqual", _write(
        tmp_path / "sq.csv", "受访者,题号,期望,感知\nr1,1,7,5\nr1,23,7,5\nr1,2,8,5\n"
    ))  # fmt: skip
    assert servqual.imported == 1
    assert sorted(r.value for r in servqual.rejected) == ["23", "8"]
    kano = import_table(db, "kano", _write(
        tmp_path / "kano.csv",
        "受访者,功能,正向问题,反向问题\nr1,一键下单,喜欢,不喜欢\nr2,一键下单,maybe,5\n",
    ))  # fmt: skip
    assert kano.imported == 1 and kano.rejected[0].value == "maybe"
    assert db.fetchall("SELECT functional, dysfunctional FROM voice_kano") == [("1", "5")]
    gaps = import_table(db, "satisfaction", _write(
        tmp_path / "gaps.csv",
        "受访者,客户编号,属性,期望,表现,重要性\nr1,C1,速度,6,5,7\nr1,C1,overall,,6,\nr2,C2,速度,6,x,7\n",
    ))  # fmt: skip
    assert gaps.imported == 2 and gaps.rejected[0].reason == "table.bad_number"
    assert db.fetchall(
        "SELECT attribute, expectation, performance FROM voice_satisfaction ORDER BY 1"
    ) == [("overall", None, 6.0), ("速度", 6.0, 5.0)]


def test_loyalty_statements(db: Database, tmp_path: Path) -> None:
    _customers(db)
    text = (
        "受访者,客户编号,陈述,同意程度\n"
        "r1,C1,L15,7\n"
        "r1,C1,我喜欢这个品牌,6\n"
        "r2,C2,L09,8\n"  # off the 1–7 scale
        "r2,C2,L07,4.5\n"  # not whole
        "r3,C5,L07,4\n"  # unknown customer
    )
    result = import_table(db, "loyalty", _write(tmp_path / "loyalty.csv", text, "gbk"))
    assert result.imported == 2
    assert {(r.line, r.column, r.reason) for r in result.rejected} == {
        (4, "同意程度", "table.out_of_range"),
        (5, "同意程度", "voice.not_whole"),
        (6, "客户编号", "voice.unknown_customer"),
    }
    assert db.fetchall("SELECT item, score FROM voice_loyalty ORDER BY item") == [
        ("L15", 7.0), ("我喜欢这个品牌", 6.0)
    ]  # fmt: skip


def test_wide_satisfaction_names_the_cell_as_the_file_does(db: Database, tmp_path: Path) -> None:
    _customers(db)
    text = (
        "受访者,客户编号,产品质量_期望,产品质量_表现,产品质量_重要性,交货速度_期望,交货速度_表现,总体_表现,备注\n"
        "r1,C1,6,5,7,6,4,5,好\n"
        "r2,C2,6,x,7,,,6,\n"  # a bad cell; delivery not answered at all: no answer
        "r3,C9,5,5,5,5,5,5,\n"  # an unknown customer: named once for the row
    )
    path = _write(tmp_path / "wide.csv", text, "gbk")
    result = import_table(db, "satisfaction", path)
    assert {(r.line, r.column, r.value) for r in result.rejected} == {
        (3, "产品质量_表现", "x"), (4, "客户编号", "C9")
    }  # fmt: skip
    assert result.imported == 4
    assert db.fetchall(
        "SELECT respondent, attribute, expectation, performance, importance "
        "FROM voice_satisfaction ORDER BY 1, 2"
    ) == [
        ("r1", "overall", None, 5.0, None), ("r1", "交货速度", 6.0, 4.0, None),
        ("r1", "产品质量", 6.0, 5.0, 7.0), ("r2", "overall", None, 6.0, None),
    ]  # fmt: skip
    again = import_table(db, "satisfaction", path)
    assert again.imported == 0 and again.duplicates == 4
    with pytest.raises(StrictImportError):
        import_table(db, "satisfaction", _write(tmp_path / "w2.csv", text.replace("r1,", "r7,")),
                     strict=True)  # fmt: skip
    assert db.scalar("SELECT count(*) FROM voice_satisfaction") == 4


def test_wide_servqual_kano_csat_and_loyalty(db: Database, tmp_path: Path) -> None:
    _customers(db)
    servqual = import_table(db, "servqual", _write(
        tmp_path / "sq.csv", "respondent,E1,P1,E02,P02,E23\nq1,7,5,6,6,4\nq2,7,9,6,6,\n"
    ))  # fmt: skip
    assert {(r.line, r.column) for r in servqual.rejected} == {(2, "E23"), (3, "P1")}
    assert db.fetchall("SELECT respondent, item, expectation, perception FROM voice_servqual "
                       "ORDER BY 1, 2") == [
        ("q1", 1, 7, 5), ("q1", 2, 6, 6), ("q2", 2, 6, 6)
    ]  # fmt: skip
    kano = import_table(db, "kano", _write(
        tmp_path / "kano.csv",
        "受访者,一键补货_正向,一键补货_反向,电子发票 functional,电子发票 dysfunctional\n"
        "k1,喜欢,不喜欢,2,5\nk2,maybe,5,,\n",
    ))  # fmt: skip
    assert [(r.line, r.column, r.value) for r in kano.rejected] == [(3, "一键补货_正向", "maybe")]
    assert db.fetchall("SELECT feature, functional, dysfunctional FROM voice_kano ORDER BY 1") == [
        ("一键补货", "1", "5"), ("电子发票", "2", "5")
    ]  # fmt: skip
    csat = import_table(db, "csat", _write(
        tmp_path / "csat.csv", "respondent,满意度_配送,满意度_安装\ns1,5,4\ns2,,6\n"
    ))  # fmt: skip
    assert csat.imported == 2 and [(r.line, r.column) for r in csat.rejected] == [
        (3, "满意度_安装")
    ]
    assert db.fetchall("SELECT touchpoint, score FROM voice_csat ORDER BY 1") == [
        ("安装", 4), ("配送", 5)
    ]  # fmt: skip
    loyalty = import_table(db, "loyalty", _write(
        tmp_path / "loyalty.csv", "受访者,客户编号,L01,我喜欢这个品牌\nl1,C1,7,5\nl2,C2,8,3\n"
    ))  # fmt: skip
    assert loyalty.imported == 3 and [(r.line, r.column) for r in loyalty.rejected] == [(3, "L01")]
    assert db.fetchall("SELECT respondent, item, score FROM voice_loyalty ORDER BY 1, 2") == [
        ("l1", "L01", 7), ("l1", "我喜欢这个品牌", 5), ("l2", "我喜欢这个品牌", 3)
    ]  # fmt: skip
