"""Survey tables in the store (DuckDB and PostgreSQL): imports once, conflicts, strict, load."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from custvalue.cva.store import (
    get_us,
    import_survey_table,
    load_survey,
    set_us,
)
from custvalue.data.db import Database
from custvalue.data.importing import StrictImportError
from custvalue.exceptions import DataValidationError, NotFoundError

RATINGS = (
    "调查批次,细分市场,受访者,品牌,属性,评分\n"
    "W1,大客户,r1,我们,送货及时,9\n"
    "W1,大客户,r1,对手,送货及时,7\n"
    "W1,中小企业,r2,我们,送货及时,8\n"
    "W2,大客户,r3,我们,送货及时,8\n"
    "W2,大客户,r3,对手,送货及时,8\n"
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _count(db: Database, table: str) -> int:
    return int(db.scalar(f"SELECT COUNT(*) FROM {table}"))


def test_ratings_gbk_once_then_duplicates(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", RATINGS, "gbk")
    first = import_survey_table(db, "ratings", path, us="我们")
    assert (first.imported, first.duplicates, first.rejected) == (5, 0, [])
    assert first.us == "我们" and get_us(db) == "我们"
    again = import_survey_table(db, "ratings", path)
    assert (again.imported, again.duplicates) == (0, 5)
    assert again.previous_imports and again.previous_imports[0][0] == first.import_id
    assert _count(db, "cva_ratings") == 5
    kinds = [r[0] for r in db.fetchall("SELECT kind FROM imports ORDER BY import_id")]
    assert kinds == ["ratings", "ratings"]


def test_conflict_with_stored_names_line_and_values(db: Database, tmp_path: Path) -> None:
    import_survey_table(db, "ratings", _write(tmp_path / "r.csv", RATINGS))
    changed = (
        RATINGS.replace("r1,对手,送货及时,7", "r1,对手,送货及时,6")
        + "W2,大客户,r4,我们,送货及时,5\n"
    )
    result = import_survey_table(db, "ratings", _write(tmp_path / "r2.csv", changed))
    assert (result.imported, result.duplicates) == (1, 4)
    [bad] = result.rejected
    assert (bad.line, bad.column, bad.value, bad.reason) == (
        3,
        "评分",
        "6",
        "survey.conflicts_stored",
    )
    message = bad.message("en")
    assert "stored with 评分 = 7, not 6" in message
    assert "7" in bad.message("zh") and "6" in bad.message("zh")
    assert (
        db.scalar("SELECT rating FROM cva_ratings WHERE respondent = 'r1' AND competitor = '对手'")
        == 7
    )


def test_utf8_weights_and_excel_market(db: Database, tmp_path: Path) -> None:
    weights = (
        "wave,segment,respondent,attribute,kind,weight\n"
        "W1,大客户,r1,送货及时,quality,70\nW1,大客户,r1,采购价格,price,30\n"
        "W1,大客户,r2,送货及时,quality,50\nW1,大客户,r2,采购价格,price,30\n"
    )
    path = _write(tmp_path / "w.csv", weights)
    refused = import_survey_table(db, "weights", path)
    assert refused.imported == 2 and {r.line for r in refused.rejected} == {4, 5}
    assert "sum to 80" in refused.rejected[0].message("en")
    rescaled = import_survey_table(db, "weights", path, normalize_weights=True)
    assert (rescaled.imported, rescaled.duplicates, rescaled.normalized_sets) == (2, 2, 1)
    stored = db.fetchall("SELECT weight FROM cva_weights WHERE respondent = 'r2' ORDER BY weight")
    assert [r[0] for r in stored] == pytest.approx([37.5, 62.5])

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "市场"
    sheet.append(["调查批次", "细分市场", "竞争者", "价格", "市场份额"])
    sheet.append(["W1", "大客户", "我们", 1000, "34%"])
    sheet.append(["W1", "大客户", "对手", 950, "28.5%"])
    book.save(tmp_path / "m.xlsx")
    market = import_survey_table(db, "market", tmp_path / "m.xlsx", sheet="市场")
    assert (market.imported, market.rejected) == (2, [])
    shares = db.fetchall("SELECT competitor, share, price FROM cva_market ORDER BY competitor")
    assert dict((c, s) for c, s, _ in shares) == pytest.approx({"对手": 0.285, "我们": 0.34})


def test_strict_writes_nothing(db: Database, tmp_path: Path) -> None:
    bad = RATINGS + "W2,大客户,r5,我们,送货及时,abc\n"
    with pytest.raises(StrictImportError) as info:
        import_survey_table(db, "ratings", _write(tmp_path / "r.csv", bad), strict=True, us="我们")
    assert info.value.rejected[0].line == 7
    assert _count(db, "cva_ratings") == 0 and _count(db, "imports") == 0 and get_us(db) is None
    import_survey_table(db, "ratings", _write(tmp_path / "ok.csv", RATINGS))
    conflict = RATINGS.replace(",9\n", ",1\n") + "W3,大客户,r9,我们,送货及时,5\n"
    with pytest.raises(StrictImportError):
        import_survey_table(db, "ratings", _write(tmp_path / "c.csv", conflict), strict=True)
    assert _count(db, "cva_ratings") == 5 and _count(db, "imports") == 1


def test_error_during_write_rolls_back(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import custvalue.data.storing as storing

    def boom(*args: object, **kwargs: object) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(storing, "rated_competitors", boom)
    path = _write(tmp_path / "r.csv", RATINGS)
    with pytest.raises(KeyboardInterrupt):
        import_survey_table(db, "ratings", path, us="我们")
    assert _count(db, "cva_ratings") == 0 and _count(db, "imports") == 0 and get_us(db) is None
    monkeypatch.undo()
    assert import_survey_table(db, "ratings", path).imported == 5


def test_unknown_us_is_refused_and_nothing_written(db: Database, tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as info:
        import_survey_table(db, "ratings", _write(tmp_path / "r.csv", RATINGS), us="Us")
    message = info.value.message("en")
    assert "我们" in message and "对手" in message and "--us NAME" in message
    assert _count(db, "cva_ratings") == 0


def test_load_survey_filters_and_us(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="custvalue import ratings"):
        load_survey(db)
    import_survey_table(db, "ratings", _write(tmp_path / "r.csv", RATINGS))
    with pytest.raises(DataValidationError) as info:
        load_survey(db)
    assert "--us NAME" in info.value.message("en") and "对手, 我们" in info.value.message("en")
    assert "--us" in info.value.message("zh")
    survey = load_survey(db, us="对手")
    assert survey.us == "对手" and survey.ratings.height == 5
    set_us(db, "我们")
    set_us(db, "我们")
    assert get_us(db) == "我们"
    assert load_survey(db, wave="W1").ratings.height == 3
    assert load_survey(db, wave="W1", segment="大客户").ratings["respondent"].to_list() == [
        "r1",
        "r1",
    ]
    assert load_survey(db).waves == ["W1", "W2"]
    with pytest.raises(DataValidationError, match="nobody"):
        load_survey(db, us="nobody")


def test_deals_events_owners_round_trip(db: Database, tmp_path: Path) -> None:
    import_survey_table(db, "ratings", _write(tmp_path / "r.csv", RATINGS), us="我们")
    deals = (
        "商机编号,日期,细分市场,竞争者,结果,决定属性,金额,备注\n"
        "D1,2025-07-01,大客户,对手,赢,送货及时,120000,招标\n"
        "D1,2025-07-01,大客户,对手,赢,售后服务,120000,招标\n"
        "D2,,中小企业,对手,输,采购价格,,\n"
    )
    events = (
        "日期,调查批次,主体,属性,类型,影响,事件描述\n2026-01-12,W2,对手,送货及时,质量,上升,新仓库\n"
    )
    owners = "属性,部门,职责\n送货及时,物流部,主责\n送货及时,仓储,协助\n"
    for kind, text in (("deals", deals), ("events", events), ("owners", owners)):
        path = _write(tmp_path / f"{kind}.csv", text)
        assert import_survey_table(db, kind, path).rejected == []  # type: ignore[arg-type]
        assert import_survey_table(db, kind, path).imported == 0  # type: ignore[arg-type]
    survey = load_survey(db)
    assert survey.deals.height == 3 and survey.deals["outcome"].to_list().count("won") == 2
    assert str(survey.deals.filter(deal_id="D1")["date"][0]) == "2025-07-01"
    assert survey.events.row(0, named=True)["effect"] == "up"
    assert survey.events.row(0, named=True)["kind"] == "quality"
    assert survey.owners.sort("role")["role"].to_list() == ["lead", "support"]
    changed = deals.replace("赢,售后服务,120000", "输,售后服务,120000")
    result = import_survey_table(db, "deals", _write(tmp_path / "d2.csv", changed))
    assert [(r.line, r.column) for r in result.rejected] == [(3, "结果")]
    assert "won" in result.rejected[0].message("en") and "lost" in result.rejected[0].message("en")
