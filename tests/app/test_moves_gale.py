"""Gale's quality and price profiles in "what moves value": survey ratings of us linked
to customers (``customer_id``, ``answered_on`` on the ratings kind), scored per
respondent as the market-weighted mean of their ratings of us, then related to what
each customer bought after answering — on both engines, with a planted relationship the
model must find and a price score that plants none."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from custvalue.app.moves import labelled, moves_sentence, scale_top, value_moves
from custvalue.cva.profile import respondent_scores
from custvalue.cva.survey import Survey
from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.storing import import_table
from custvalue.i18n import using_lang

ANSWERED = date(2024, 1, 15)
QUALITY = ("交货", "质量", "服务")
PRICE = ("价格", "账期")
N = 240


def _store(db: Database, *, seed: int = 7) -> dict[str, float]:
    """``N`` customers, each a respondent rating us and a rival; the chance of buying in
    the year after answering rises with the quality ratings, not with the price ones.
    Returns each respondent's quality score computed by hand."""
    rng = np.random.default_rng(seed)
    customers = [f"K{i:03d}" for i in range(N)]
    ratings: list[tuple[object, ...]] = []
    quality: dict[str, float] = {}
    orders: list[tuple[str, str, str, str]] = []
    # market weights: quality 50/30/20, price 60/40 (every respondent states the same)
    q_weight = {"交货": 50.0, "质量": 30.0, "服务": 20.0}
    p_weight = {"价格": 60.0, "账期": 40.0}
    for i, cid in enumerate(customers):
        respondent = f"R{i:03d}"
        level = int(rng.integers(2, 10))
        mine = {a: float(np.clip(level + rng.integers(-1, 2), 1, 10)) for a in QUALITY}
        mine |= {a: float(rng.integers(3, 10)) for a in PRICE}
        for attribute, rating in mine.items():
            ratings.append(("2024H1", "", respondent, "我们", attribute, rating, cid, ANSWERED))
            ratings.append(("2024H1", "", respondent, "对手", attribute, 6.0, cid, ANSWERED))
        quality[respondent] = sum(q_weight[a] * mine[a] for a in QUALITY) / 100
        orders.append((f"o{i}-0", cid, "2023-06-01", "100.00"))  # before the survey
        p_buy = 1 / (1 + np.exp(-(quality[respondent] - 5.5) * 1.2))
        if rng.random() < p_buy:
            for k in range(1 + int(rng.integers(0, 3))):
                day = ANSWERED + timedelta(days=int(rng.integers(10, 360)))
                amount = 200 + 40 * quality[respondent] + float(rng.integers(0, 50))
                orders.append((f"o{i}-{k + 1}", cid, day.isoformat(), f"{amount:.2f}"))
    # an unlinked respondent and a linked one without a date: neither is modelled
    for respondent, cid in (("anon", None), ("undated", customers[0])):
        for attribute in (*QUALITY, *PRICE):
            ratings.append(("2024H1", "", respondent, "我们", attribute, 8.0, cid, None))
            ratings.append(("2024H1", "", respondent, "对手", attribute, 6.0, cid, None))
    orders.append(("last", customers[1], "2024-12-31", "10.00"))  # the ledger's last day
    weights = [
        ("2024H1", "", "", a, kind, w)
        for kind, table in (("quality", q_weight), ("price", p_weight))
        for a, w in table.items()
    ]
    import_frames(
        db,
        {
            "customers": pl.DataFrame({"customer_id": customers, "name": customers}),
            "orders": pl.DataFrame(
                orders, schema=["order_id", "customer_id", "date", "amount"], orient="row"
            ),
            "ratings": pl.DataFrame(
                ratings,
                schema=[
                    "wave",
                    "segment",
                    "respondent",
                    "competitor",
                    "attribute",
                    "rating",
                    "customer_id",
                    "answered_on",
                ],
                orient="row",
            ),  # fmt: skip
            "weights": pl.DataFrame(
                weights,
                schema=["wave", "segment", "respondent", "attribute", "kind", "weight"],
                orient="row",
            ),
        },
        source="gale",
        us="我们",
    )
    return quality


def test_each_respondents_profile_score_by_hand() -> None:
    ratings = pl.DataFrame(
        {
            "wave": ["w"] * 5,
            "segment": [""] * 5,
            "respondent": ["a", "a", "a", "b", "a"],
            "competitor": ["us", "us", "us", "us", "them"],
            "attribute": ["x", "y", "p", "x", "x"],
            "rating": [8.0, 5.0, 9.0, 4.0, 2.0],
        }
    )
    weights = pl.DataFrame(
        {
            "wave": ["w"] * 3,
            "segment": [""] * 3,
            "respondent": [""] * 3,
            "attribute": ["x", "y", "p"],
            "kind": ["quality", "quality", "price"],
            "weight": [75.0, 25.0, 100.0],
        }
    )
    survey = Survey(us="us", ratings=ratings, weights=weights)
    scores = respondent_scores(survey, "quality")
    # a: (75·8 + 25·5) / 100 = 7.25 over both attributes; b rated x only: 4 (rescaled)
    assert scores.rows() == [("w", "a", 7.25, 2), ("w", "b", 4.0, 1)]
    # the rival's ratings never enter; on price, only a rated us
    assert respondent_scores(survey, "price").rows() == [("w", "a", 9.0, 1)]


def test_the_top_of_a_scale() -> None:
    assert [scale_top(v) for v in (4, 5, 6, 7, 9.5, 10, 11, None)] == [
        5, 5, 7, 7, 10, 10, 11, 7,
    ]  # fmt: skip


def test_gale_profiles_move_value_on_both_engines(db: Database) -> None:
    quality = _store(db)
    result = value_moves(db, draws=60)
    table = result.table
    assert table["predictor"].to_list() == ["gale_quality", "gale_price"]
    rows = {r["predictor"]: r for r in table.iter_rows(named=True)}
    # every dated, linked respondent with a holdout; the anonymous and the undated not
    assert rows["gale_quality"]["n"] == N and result.respondents == N
    assert result.undated == 1 and result.too_recent == 0
    # the planted link: buying again rises with perceived quality, and so does the money
    q = rows["gale_quality"]
    assert q["odds_ratio"] > 1.5 and q["p_value"] < 0.001
    assert q["significant"] and q["delta_low"] > 0
    # affected: those with a whole point of room below the top of the 1–10 scale
    assert q["affected"] == sum(1 for v in quality.values() if v <= 9)
    # price was planted with no link: its odds ratio's interval covers 1
    p = rows["gale_price"]
    assert p["odds_low"] < 1 < p["odds_high"]
    with using_lang("en"):
        shown = labelled(table)["predictor"].to_list()
        sentence = moves_sentence(result)
    assert shown == ["perceived quality (Gale, weighted)", "price satisfaction (Gale, weighted)"]
    assert "perceived quality (Gale, weighted)" in sentence
    with using_lang("zh"):
        assert labelled(table)["predictor"].to_list()[0] == "感知质量（Gale 加权）"


def test_gale_and_satisfaction_predictors_side_by_side(db: Database) -> None:
    _store(db)
    answers = [
        ("2024H1", f"S{i}", f"K{i:03d}", "2024-02-01", attribute, float(3 + i % 5))
        for i in range(40)
        for attribute in ("overall", "交货速度")
    ]
    import_frames(
        db,
        {"satisfaction": pl.DataFrame(
            answers,
            schema=["wave", "respondent", "customer_id", "answered_on", "attribute",
                    "performance"],
            orient="row",
        )},
        source="sat",
    )  # fmt: skip
    result = value_moves(db, draws=0)
    predictors = result.table["predictor"].to_list()
    assert predictors == ["overall", "交货速度", "gale_quality", "gale_price"]
    # two surveys: each respondent once in each (respondent ids may repeat across them)
    assert result.respondents == N + 40
    assert dict(zip(predictors, result.table["n"].to_list(), strict=True)) == {
        "overall": 40, "交货速度": 40, "gale_quality": N, "gale_price": N,
    }  # fmt: skip


def test_without_weights_there_is_no_profile_to_score(db: Database) -> None:
    _store(db)
    db.execute("DELETE FROM cva_weights WHERE kind = 'price'")
    assert value_moves(db, draws=0).table["predictor"].to_list() == ["gale_quality"]


def test_ratings_naming_an_unknown_customer_are_refused(db: Database, tmp_path: Path) -> None:
    import_frames(
        db, {"customers": pl.DataFrame({"customer_id": ["C1"], "name": ["甲"]})}, source="p"
    )
    text = (
        "调查批次,受访者,品牌,属性,评分,客户编号,答卷日期\n"
        "2024H1,r1,我们,交货,8,C1,2024-03-01\n"
        "2024H1,r2,我们,交货,7,C9,2024-03-01\n"
        "2024H1,r3,我们,交货,6,,\n"
        "2024H1,r4,我们,交货,6,C1,2024-13-01\n"
    )
    path = tmp_path / "ratings.csv"
    path.write_bytes(text.encode("gbk"))
    result = import_table(db, "ratings", path, us="我们")
    bad = {(r.line, r.column, r.value, r.reason) for r in result.rejected}
    assert bad == {(3, "客户编号", "C9", "voice.unknown_customer"),
                   (5, "答卷日期", "2024-13-01", "import.invalid_date")}  # fmt: skip
    assert result.imported == 2
    stored = db.fetchall(
        "SELECT respondent, customer_id, CAST(answered_on AS TEXT) FROM cva_ratings "
        "ORDER BY respondent"
    )
    assert stored == [("r1", "C1", "2024-03-01"), ("r3", None, None)]


def test_no_linked_answers_of_either_kind(db: Database) -> None:
    from custvalue.exceptions import NotFoundError

    _store(db)
    db.execute("UPDATE cva_ratings SET customer_id = NULL")
    with pytest.raises(NotFoundError) as missing:
        value_moves(db)
    assert missing.value.code == "voice.no_linked_answers"


def test_the_same_store_gives_the_same_intervals(db: Database) -> None:
    _store(db)
    first, second = value_moves(db, draws=30), value_moves(db, draws=30)
    assert first.table.equals(second.table)
