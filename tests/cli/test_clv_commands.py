"""``custvalue clv``: the CDNOW sample imported as an order file, on both databases."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import polars as pl
import pytest

from custvalue.cli.main import main
from custvalue.data.db import connect

CDNOW = Path(str(files("custvalue") / "examples" / "cdnow"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cdnow(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, _, err = run(
        capsys, "--db", db_url, "import", "orders", str(CDNOW / "cdnow_sample_orders.csv")
    )
    assert code == 0, err
    return db_url


def test_fit_names_every_parameter_and_matches_the_published_fit(
    cdnow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--db", cdnow, "clv", "fit", "--calibration-end", "1997-09-30", "--format", "json"
    )
    assert code == 0, err
    fit = json.loads(out)
    assert fit["customers"] == 2357 and fit["unit"] == "week"
    assert set(fit["params"]) == {"r", "alpha", "a", "b"}
    assert round(fit["params"]["r"], 3) == 0.243 and round(fit["params"]["a"], 3) == 0.793
    assert fit["log_likelihood"] == pytest.approx(-9582.4, abs=0.1)
    assert set(fit["spend"]["params"]) == {"p", "q", "gamma"}
    assert round(fit["spend"]["params"]["p"], 2) == 6.25
    code, out, _ = run(
        capsys,
        "--db",
        cdnow,
        "clv",
        "fit",
        "--model",
        "pareto",
        "--calibration-end",
        "1997-09-30",
        "--format",
        "json",
    )
    pareto = json.loads(out)
    assert set(pareto["params"]) == {"r", "alpha", "s", "beta"}
    assert pareto["log_likelihood"] == pytest.approx(-9595.0, abs=0.1)


def test_score_writes_clv_scores(cdnow: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "--db",
        cdnow,
        "clv",
        "score",
        "--calibration-end",
        "1997-09-30",
        "--horizon",
        "39",
        "--discount",
        "0.1",
        "--intervals",
        "20",
        "--format",
        "json",
    )
    assert code == 0, err
    result = json.loads(out)
    scores = result["scores"]
    assert len(scores) == 2357
    assert all(0 <= s["p_alive"] <= 1 and s["clv"] >= 0 for s in scores)
    assert scores[0]["clv"] >= scores[-1]["clv"]
    with connect(cdnow) as db:
        assert (
            db.scalar("SELECT COUNT(*) FROM clv_scores WHERE run_id = ?", [result["run_id"]])
            == 2357
        )
        model, unit = db.fetchall(
            "SELECT model, unit FROM clv_runs WHERE run_id = ?", [result["run_id"]]
        )[0]
        assert (model, unit) == ("bgnbd", "week")


def test_validate_reports_holdout_metrics(cdnow: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "--db",
        cdnow,
        "clv",
        "validate",
        "--calibration-end",
        "1997-09-30",
        "--format",
        "json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["metrics"]["actual_total"] == 1882
    assert report["observation_end"] == "1998-06-30"
    code, out, _ = run(
        capsys, "--db", cdnow, "--lang", "zh", "clv", "validate", "--calibration-end", "1997-09-30"
    )
    assert code == 0 and "保留期" in out


def test_validate_writes_the_charts(
    cdnow: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "validate.html"
    args = ["--db", cdnow, "--lang", "zh", "clv", "validate", "--calibration-end", "1997-09-30"]
    code, _, err = run(capsys, *args, "--chart", str(page))
    assert code == 0, err
    text = page.read_text("utf-8")
    figures = json.loads(text.split("const figures = ")[1].split(";figures.forEach")[0])
    assert [f["data"][0]["type"] for f in figures] == ["scatter", "bar", "heatmap", "heatmap"]
    tracking = figures[0]["data"]
    orders = pl.read_csv(CDNOW / "cdnow_sample_orders.csv", schema_overrides={"date": pl.String})
    days = orders.select("customer_id", "date").unique()
    repeats = days.height - days["customer_id"].n_unique()  # customer-days after the first
    assert tracking[0]["y"][-1] == repeats
    assert abs(tracking[1]["y"][-1] - tracking[0]["y"][-1]) / tracking[0]["y"][-1] < 0.05
    assert "累计重复购买" in text
    code, _, err = run(capsys, *args, "--chart", str(tmp_path / "missing" / "x.html"))
    assert code == 1 and "x.html" in err and not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["clv", "fit", "--model", "magic"], "--model"),
        (["clv", "fit", "--unit", "fortnight"], "--unit"),
        (["clv", "fit", "--calibration-end", "1997-13-01"], "--calibration-end"),
        (["clv", "score", "--discount", "-1"], "discount"),
        (["clv", "score", "--horizon", "0"], "horizon"),
        (["clv", "fit", "--calibration-end", "1990-01-01"], "calibration"),
    ],
)
def test_bad_options_name_the_problem(
    cdnow: str, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    code, out, err = run(capsys, "--db", cdnow, *args)
    assert code != 0
    assert needle in err and "Traceback" not in err + out


def test_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "e.db"), "clv", "fit")
    assert code == 1 and "import orders" in err


def test_sbg_from_order_cohorts(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Monthly subscriptions: A renews 5 months, B 2, C 0; cohorts by first month."""
    lines = ["customer_id,date,amount"]
    for customer, months in (("A", 6), ("B", 3), ("C", 1), ("D", 4)):
        for m in range(months):
            lines.append(f"{customer},2024-{m + 1:02d}-15,10")
    path = tmp_path / "subs.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db_url, "import", "orders", str(path))
    assert code == 0, err
    from custvalue.clv.store import cohort_survivors

    with connect(db_url) as db:
        table = cohort_survivors(db, unit="month")
    first = table.filter(pl.col("cohort") == 0).sort("period")["active"].to_list()
    assert first[:6] == [4, 3, 3, 2, 1, 1]  # A..D start together; C stops at 0, B at 2, D at 3
    code, out, err = run(
        capsys,
        "--db",
        db_url,
        "clv",
        "fit",
        "--model",
        "sbg",
        "--unit",
        "month",
        "--format",
        "json",
    )
    assert code == 0, err
    fit = json.loads(out)
    assert set(fit["params"]) == {"alpha", "beta"} and fit["customers"] == 4
    assert fit["projection"][0]["survival"] == 1.0
