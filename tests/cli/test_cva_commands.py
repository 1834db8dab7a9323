"""``custvalue cva``: the hand-computed survey imported as files, on both databases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from custvalue.cli.main import main
from custvalue.i18n import t
from tests.cva import handmade


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, " ".join(err.split())  # messages wrap at the terminal width


@pytest.fixture
def survey_db(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    ratings = pl.concat([handmade.ratings("W1"), handmade.ratings("W2")])
    ratings = ratings.with_columns(
        pl.when(
            (pl.col("wave") == "W2") & (pl.col("competitor") == "B") & (pl.col("attribute") == "q1")
        )
        .then(7.0)
        .otherwise(pl.col("rating"))
        .alias("rating")
    )
    files = {
        "ratings": ratings,
        "weights": handmade.weights(),
        "market": handmade.market(),
        "deals": pl.DataFrame(
            {
                "deal_id": ["d1", "d1", "d2", "d3", "d4"],
                "competitor": ["B", "B", "C", "B", "C"],
                "outcome": ["won", "won", "won", "lost", "lost"],
                "attribute": ["q1", "q2", "q1", "p1", "q2"],
            }
        ),
        "events": pl.DataFrame(
            {
                "date": [date(2026, 3, 1)],
                "wave": ["W2"],
                "actor": ["B"],
                "attribute": ["q1"],
                "effect": ["up"],
                "description": ["B opens a warehouse"],
            }
        ),
        "owners": pl.DataFrame(
            {
                "attribute": ["q1", "q2"],
                "function": ["Sales", "Logistics"],
                "role": ["lead", "lead"],
            }
        ),
    }
    for kind, frame in files.items():
        path = tmp_path / f"{kind}.csv"
        frame.write_csv(path)
        extra = ["--us", "A"] if kind == "ratings" else []
        code, _, err = run(capsys, "--db", db_url, "import", kind, str(path), *extra)
        assert code == 0, (kind, err)
    return db_url


def test_every_tool_in_json(survey_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", survey_db]
    code, out, err = run(capsys, *db, "cva", "quality", "--wave", "W1", "--format", "json")
    assert code == 0, err
    quality = json.loads(out)
    overall = {r["rival"]: r for r in quality["overall"]}
    assert overall["B"]["ratio"] == pytest.approx(1.54)
    assert overall["C"]["score_ratio"] == pytest.approx(1.36)
    assert quality["excluded_respondents"] == 1 and quality["wave"] == "W1"

    code, out, _ = run(capsys, *db, "cva", "quality", "--format", "json")
    assert json.loads(out)["wave"] == "W2"  # the latest by default

    code, out, _ = run(capsys, *db, "cva", "price", "--wave", "W1", "--format", "json")
    assert {r["rival"]: r["ratio"] for r in json.loads(out)["overall"]}["B"] == pytest.approx(
        5.5 / 4.5
    )

    code, out, err = run(capsys, *db, "cva", "map", "--wave", "W1", "--format", "json")
    assert code == 0, err
    points = {p["competitor"]: p for p in json.loads(out)["points"]}
    assert points["A"]["relative_quality"] == pytest.approx(157.0)
    assert points["A"]["relative_price"] == pytest.approx(100 * 110 / 95)
    assert points["B"]["zone"] == "worse"

    code, out, _ = run(capsys, *db, "cva", "winloss", "--format", "json")
    wl = json.loads(out)
    assert (wl["deals"], wl["won"], wl["lost"]) == (4, 2, 2)

    code, out, _ = run(capsys, *db, "cva", "head2head", "B", "--wave", "W1", "--format", "json")
    assert json.loads(out)["net"] == pytest.approx(2.4)

    code, out, _ = run(capsys, *db, "cva", "events", "--format", "json")
    (event,) = json.loads(out)
    assert event["ratio_before"] == pytest.approx(1.4) and event["consistent"] is True

    code, out, _ = run(capsys, *db, "cva", "whatwho", "--format", "json")
    flags = {r["attribute"]: r["flag"] for r in json.loads(out)}
    assert flags["p1"] == "unowned"

    code, out, _ = run(capsys, *db, "cva", "trend", "--format", "json")
    rows = json.loads(out)
    assert [r["wave"] for r in rows] == ["W1", "W2"] and rows[1]["flag"] == "down"


def test_tables_and_chart_in_both_languages(
    survey_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chart = tmp_path / "map.html"
    code, out, err = run(
        capsys,
        "--db",
        survey_db,
        "--lang",
        "zh",
        "cva",
        "map",
        "--wave",
        "W1",
        "--chart",
        str(chart),
    )
    assert code == 0, err
    assert "客户价值图" in out and "价值较差" in out and "公平价值线" in out
    assert "Plotly.newPlot" in chart.read_text("utf-8")
    code, out, err = run(capsys, "--db", survey_db, "--lang", "en", "cva", "quality")
    assert code == 0, err
    assert "Market-perceived quality profile of A" in out
    assert "1 respondent(s) rated a single competitor" in out
    code, out, _ = run(capsys, "--db", survey_db, "--lang", "zh", "cva", "whatwho")
    assert "无人负责" in out and "主责" in out and "谁做什么" in out


def test_gales_tools_carry_the_seeds_chinese_names(
    survey_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = t("cli.cva_help", lang="zh")
    for name in ("市场感知质量分析", "市场感知价格分析", "客户价值图", "得失分析", "对照图"):
        assert name in text, name
    assert "关键事件" in text and "谁做什么" in text
    db = ["--db", survey_db, "--lang", "zh", "cva"]
    titles = {
        "quality": "市场感知质量分析",
        "price": "市场感知价格分析",
        "winloss": "得失分析",
    }
    for command, title in titles.items():
        code, out, err = run(capsys, *db, command)
        assert code == 0 and title in out, (command, err)
    code, out, err = run(capsys, *db, "head2head", "B")
    assert code == 0 and "对照图" in out, err


def test_bad_options_are_clear(survey_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", survey_db]
    code, _, err = run(capsys, *db, "cva", "quality", "--baseline", "median")
    assert code == 1 and "median" in err and "each, mean, share" in err
    code, _, err = run(capsys, *db, "cva", "quality", "--wave", "W9")
    assert code == 1 and "W9" in err and "W1, W2" in err
    code, _, err = run(capsys, *db, "cva", "head2head", "Z")
    assert code == 1 and "'Z' is not a rival" in err
    code, _, err = run(capsys, *db, "--lang", "zh", "cva", "map", "--line", "importance")
    assert code == 1 and "--quality-weight：重要性价值线需要质量的权重" in err
    for option, value in (("--quality-weight", "150"), ("--tolerance", "-1")):
        code, _, err = run(capsys, *db, "cva", "map", "--line", "importance", option, value)
        assert code == 1 and f"{option}: " in err and "is out of range" in err, err
    code, _, err = run(capsys, *db, "cva", "trend", "--threshold", "-0.1")
    assert code == 1 and "--threshold: -0.1 is out of range" in err
    code, _, err = run(capsys, *db, "cva", "map", "--distance", "diagonal")
    assert code == 1 and "--distance: 'diagonal' is not one of the allowed values" in err
    assert "vertical, perpendicular" in err and "=" not in err
    code, _, err = run(capsys, *db, "cva", "quality", "--us", "Nobody")
    assert code == 1 and "Nobody" in err and "Traceback" not in err


def test_empty_store_says_what_to_import(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db_url, "cva", "quality")
    assert code == 1 and "import" in err and "Traceback" not in err
