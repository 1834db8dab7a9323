"""``custvalue clv``: the CDNOW sample imported as an order file, on both databases."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from pathlib import Path

import polars as pl
import pytest

from custvalue.cli.main import main
from custvalue.data.db import connect
from tests.cli.helpers import refused

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
    err = refused(
        capsys, "output.no_folder", *args, "--chart", str(tmp_path / "missing" / "x.html")
    ).err
    assert "x.html" in err and not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("args", "key", "needle"),
    [
        (["clv", "fit", "--model", "magic"], "validation.choice", "--model"),
        (["clv", "fit", "--unit", "fortnight"], "validation.choice", "--unit"),
        (["clv", "fit", "--calibration-end", "1997-13-01"], "error.option", "--calibration-end"),
        (["clv", "score", "--discount", "-1"], "error.option", "--discount"),
        (["clv", "score", "--horizon", "0"], "error.option", "--horizon"),
        (["clv", "fit", "--calibration-end", "1990-01-01"], "clv.empty_summary", "calibration"),
    ],
)
def test_bad_options_name_the_problem(
    cdnow: str, capsys: pytest.CaptureFixture[str], args: list[str], key: str, needle: str
) -> None:
    assert needle in refused(capsys, key, "--db", cdnow, *args).err


def test_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "clv.no_orders", "--db", str(tmp_path / "e.db"), "clv", "fit").err
    assert "import orders" in err


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


@pytest.mark.parametrize(
    "args",
    [
        ["clv", "fit"],
        ["clv", "fit", "--calibration-end", "2024-01-01"],
        ["clv", "fit", "--model", "sbg", "--unit", "month"],
        ["clv", "score"],
        ["clv", "validate", "--calibration-end", "2024-01-01"],
    ],
)
def test_every_clv_command_on_an_empty_store_says_what_to_import(
    db_url: str, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    done = refused(capsys, "clv.no_orders", "--db", db_url, *args)
    assert done.out == ""
    assert "custvalue import orders FILE" in done.err and "custvalue demo" in done.err
    assert "None" not in done.err
    err = refused(capsys, "clv.no_orders", "--db", db_url, "--lang", "zh", *args).err
    assert "数据库中还没有订单" in err and "custvalue demo" in err


def test_score_margin_turns_spend_into_profit(
    cdnow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", cdnow, "clv", "score", "--calibration-end", "1997-09-30", "--format", "json"]
    code, out, err = run(capsys, *base)
    assert code == 0, err
    revenue = json.loads(out)
    # the CDNOW orders carry no cost of goods: revenue terms, said so
    assert (revenue["margin"], revenue["margin_source"]) == (1.0, "none")
    code, out, err = run(capsys, *base, "--margin", "0.3")
    assert code == 0, err
    profit = json.loads(out)
    assert (profit["margin"], profit["margin_source"]) == (0.3, "option")
    by_id = {s["customer_id"]: s["clv"] for s in revenue["scores"]}
    for s in profit["scores"][:50]:
        assert s["clv"] == pytest.approx(0.3 * by_id[s["customer_id"]], rel=1e-9)
    with connect(cdnow) as db:
        stored = db.fetchall(
            "SELECT margin, margin_source FROM clv_runs WHERE run_id = ?", [profit["run_id"]]
        )[0]
    assert stored == (0.3, "option")
    from custvalue.clv.store import latest_scores

    with connect(cdnow) as db:
        latest = latest_scores(db)
    assert latest is not None
    run_info, saved = latest
    assert (run_info.run_id, run_info.model, run_info.spend_model) == (
        profit["run_id"],
        "bgnbd",
        "gg",
    )
    assert (run_info.margin, run_info.horizon, run_info.unit) == (0.3, 52.0, "week")
    assert run_info.calibration_end == date(1997, 9, 30) and saved.height == 2357
    code, out, err = run(capsys, "--db", cdnow, "value", "--format", "json")
    assert code == 0, err
    first = json.loads(out)[0]
    assert first["potential_value"] == pytest.approx(by_id[first["customer_id"]] * 0.3)
    code, out, err = run(capsys, "--db", cdnow, "clv", "score", "--calibration-end", "1997-09-30")
    assert code == 0, err
    assert "revenue terms (no margin)" in out and "--margin" in out


@pytest.mark.parametrize("value", ["0", "1.5", "-0.2", "nan"])
def test_a_margin_that_is_not_a_share_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    db = str(tmp_path / "m.db")
    code, _, err = run(
        capsys, "--db", db, "import", "orders", str(CDNOW / "cdnow_sample_orders.csv")
    )
    assert code == 0, err
    err = refused(capsys, "error.option", "--db", db, "clv", "score", "--margin", value).err
    assert "--margin" in err and value in err and "0.3" in err


def test_the_margin_comes_from_the_cost_of_goods(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = pl.read_csv(CDNOW / "cdnow_sample_orders.csv", schema_overrides={"date": pl.String})
    with_cost = orders.with_columns((pl.col("amount") * 0.75).round(2).alias("cost"))
    path = tmp_path / "orders_with_cost.csv"
    with_cost.write_csv(path)
    code, _, err = run(capsys, "--db", db_url, "import", "orders", str(path))
    assert code == 0, err
    code, out, err = run(
        capsys, "--db", db_url, "clv", "score", "--calibration-end", "1997-09-30", "--top", "3"
    )
    assert code == 0, err
    assert "margin 25.0% from cost of goods" in out and "revenue terms" not in out
    from custvalue.clv.store import cogs_margin

    with connect(db_url) as db:
        margin = cogs_margin(db, calibration_end=date(1997, 9, 30))
        total = db.fetchall(
            "SELECT SUM(amount_cents), SUM(cost_cents) FROM orders "
            "WHERE ordered_at < '1997-10-01' AND amount_cents > 0"
        )[0]
    assert margin == pytest.approx(1 - float(total[1]) / float(total[0]), rel=1e-12)
    assert margin == pytest.approx(0.25, abs=1e-3)


def test_tables_read_with_labels_units_and_numbers(
    cdnow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--db", cdnow, "clv", "score", "--calibration-end", "1997-09-30", "--top", "5"
    )
    assert code == 0, err
    assert "Age at last purchase" in out and "Recency" not in out
    assert re.search(r"\d+\.\d%", out)  # P(alive) as a percentage
    assert "BG/NBD + Gamma-Gamma" in out and "weeks" in out
    code, out, err = run(
        capsys, "--db", cdnow, "clv", "validate", "--calibration-end", "1997-09-30"
    )
    assert code == 0, err
    for internal in ("mae", "rmse", "total_error_pct", "actual_total", "correlation"):
        assert internal not in out
    assert "Mean absolute error per customer" in out and "Error of the total" in out
    assert "1,882" in out  # actual repeat purchases, with separators
    assert re.search(r"Error of the total\s*│\s*-?\d+\.\d%", out)
    code, out, _ = run(
        capsys,
        "--db",
        cdnow,
        "--lang",
        "zh",
        "clv",
        "validate",
        "--calibration-end",
        "1997-09-30",
    )
    assert "每位客户的平均绝对误差" in out and "合计误差" in out and "mae" not in out
    code, out, _ = run(
        capsys, "--db", cdnow, "--lang", "zh", "clv", "score", "--calibration-end", "1997-09-30"
    )
    assert "末次购买时的客户年龄" in out and "最近购买间隔" not in out
    code, out, _ = run(capsys, "--db", cdnow, "clv", "fit", "--calibration-end", "1997-09-30")
    assert "BG/NBD fit (2,357 customers, unit: weeks)" in out and "Std. error" in out
    assert "Log-likelihood: -9,582.4" in out


def test_fit_json_writes_null_for_a_standard_error_that_is_not_a_number(
    cdnow: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a penalizer the information matrix may be singular: no crash, null in JSON."""
    import numpy as np

    from custvalue.clv import fitting

    def singular(loglik: object, data: object, theta: np.ndarray, *args: object) -> np.ndarray:
        return np.full((len(theta), len(theta)), np.nan)

    monkeypatch.setattr(fitting, "_covariance", singular)
    args = ["--db", cdnow, "clv", "fit", "--calibration-end", "1997-09-30", "--penalizer", "0.01"]
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    fit = json.loads(out)
    assert set(fit["standard_errors"].values()) == {None}
    assert all(v > 0 for v in fit["params"].values())
    code, out, err = run(capsys, *args)
    assert code == 0 and "—" in out and "nan" not in out.lower(), err


@pytest.mark.parametrize(
    ("option", "value", "example"),
    [
        ("--horizon", "-5", "--horizon 52"),
        ("--horizon", "0", "--horizon 52"),
        ("--horizon", "20000", "--horizon 52"),  # more than the 10,000 steps of one unit
        ("--discount", "-1", "--discount 0.1"),
        ("--top", "0", "--top 20"),
        ("--intervals", "-3", "--intervals 200"),
        ("--margin", "2", "--margin 0.3"),
    ],
)
def test_score_options_read_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, example: str
) -> None:
    """Checked before the store is read: named as written, with an example to copy."""
    done = refused(
        capsys, "error.option", "--db", str(tmp_path / "e.db"), "clv", "score", option, value
    )
    out, err = done.out, done.err
    assert out == ""
    assert f"Option {option}:" in err and f"For example: {example}." in err
    assert "horizon horizon" not in err and "horizon=" not in err
    code, _, err = run(
        capsys, "--db", str(tmp_path / "e.db"), "--lang", "zh", "clv", "score", option, value
    )
    assert f"选项 {option}" in err and f"例如：{example}" in err
