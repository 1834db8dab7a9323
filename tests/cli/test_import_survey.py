"""``custvalue import KIND`` for the survey, deal and offerings tables: output, languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.cli.main import main
from custvalue.cva.store import get_us
from custvalue.data.db import connect
from custvalue.demo.registry import bundled_folder, imported_files
from custvalue.demo.survey import US

FILES = imported_files("survey")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_survey_files_import(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = bundled_folder("survey")
    expected = {
        "ratings": 8070,
        "weights": 3000,
        "market": 16,
        "deals": 297,
        "events": 10,
        "owners": 17,
        "offerings": 70,
    }
    for kind, name in FILES.items():
        extra = ["--us", US] if kind == "ratings" else []
        code, out, err = run(capsys, "--db", db_url, "import", kind, str(folder / name), *extra)
        assert code == 0, err
        assert f"{expected[kind]:,d} imported, 0 duplicates skipped, 0 rows rejected" in out
    assert (
        f"Our brand (us): {US}"
        in run(capsys, "--db", db_url, "import", "ratings", str(folder / FILES["ratings"]))[1]
    )
    code, out, _ = run(
        capsys, "--db", db_url, "import", "deals", str(folder / FILES["deals"]), "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and (data["imported"], data["duplicates"], data["kind"]) == (0, 297, "deals")
    with connect(db_url) as db:
        assert get_us(db) == US


def test_chinese_output_and_rejected_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    weights = tmp_path / "w.csv"
    weights.write_text(
        "受访者,属性,类型,权重\nr1,送货及时,质量,60\nr1,采购价格,价格,30\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "--lang", "zh", "--db", db, "import", "weights", str(weights))
    assert code == 0, err
    assert "导入 0 行" in out and "拒绝 2 行" in out and "合计为 90" in out and "被拒绝的行" in out
    code, out, _ = run(capsys, "--db", db, "import", "weights", str(weights), "--normalize-weights")
    assert code == 0 and "2 imported" in out and "1 respondent weight set(s)" in out
    code, out, _ = run(
        capsys, "--lang", "zh", "--db", db, "import", "weights", str(weights), "--format", "json"
    )
    data = json.loads(out)
    assert data["rejected"][0]["code"] == "survey.weights_sum"
    assert "合计为 90" in data["rejected"][0]["reason"]


def test_strict_and_option_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    ratings = tmp_path / "r.csv"
    ratings.write_text(
        "respondent,competitor,attribute,rating\nr1,us,q,8\nr1,them,q,x\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "--db", db, "import", "ratings", str(ratings), "--strict")
    assert code == 1 and "--strict" in err and "not a number" in out
    code, out, err = run(
        capsys, "--db", db, "import", "ratings", str(ratings), "--strict", "--format", "json"
    )
    assert code == 1 and json.loads(out)["rejected"][0]["line"] == 3
    with connect(db) as store:
        assert store.scalar("SELECT COUNT(*) FROM cva_ratings") == 0
    code, _, err = run(capsys, "--db", db, "import", "weights", str(ratings), "--us", "us")
    assert code == 1 and "--us" in err
    code, _, err = run(capsys, "--db", db, "import", "ratings", str(ratings), "--us", "nobody")
    assert code == 1 and "nobody" in err and "them" in err
    code, _, err = run(
        capsys, "--lang", "zh", "--db", db, "import", "ratings", str(ratings), "--us", "nobody"
    )
    assert code == 1 and "不在被评分的竞争者中" in err
    code, out, err = run(capsys, "--db", db, "import", "ratings", str(ratings))
    assert code == 0 and "1 imported" in out and "--us NAME" in out
    code, _, err = run(capsys, "--db", db, "import", "surveys", str(ratings))
    assert code == 1 and "ratings" in err


def test_demo_loads_the_survey(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.db")
    code, out, err = run(capsys, "--db", db, "demo", "--no-serve", "--customers", "100")
    assert code == 0, err
    assert "ratings" not in out and "imported" not in out  # quiet
    code, _, err = run(capsys, "--db", db, "demo", "--no-serve", "--customers", "100")
    assert code == 0, err  # a demo database is rebuilt
    with connect(db) as store:
        assert get_us(store) == US
        assert store.scalar("SELECT COUNT(*) FROM cva_ratings") == 8070
        assert store.scalar("SELECT COUNT(DISTINCT deal_id) FROM cva_deals") == 200


def test_demo_refuses_a_database_with_survey_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "own.db")
    ratings = tmp_path / "r.csv"
    ratings.write_text("respondent,competitor,attribute,rating\nr1,us,q,8\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", "ratings", str(ratings))[0] == 0
    code, _, err = run(capsys, "--db", db, "demo", "--no-serve", "--customers", "50")
    assert code == 1 and "--force" in err


def test_edges_of_files_read_as_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    header = tmp_path / "ratings.csv"
    header.write_text("受访者,品牌,属性,评分\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", "ratings", str(header))
    assert code == 1 and "no data rows" in err and "imported" not in out
    code, _, err = run(capsys, "--lang", "zh", "--db", db, "import", "ratings", str(header))
    assert code == 1 and "没有数据行" in err
    renamed = tmp_path / "ratings.xlsx"
    renamed.write_text("受访者,品牌,属性,评分\nr1,我们,质量,8\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "import", "ratings", str(renamed))
    assert code == 1 and "Rename it to .csv" in err and "zip" not in err.lower()
    code, _, err = run(capsys, "--db", db, "import", "invoices", str(header))
    assert code == 1 and "KIND: 'invoices' is not one of the allowed values" in err
