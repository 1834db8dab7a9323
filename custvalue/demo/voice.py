"""The demo company's surveys, linked to its customers (docs/satisfaction.md §1).

Generated with a seed from the demo ledger, the same frames for the same ledger and
seed. Answers follow what each customer does, as real surveys tend to: customers who
buy more and more recently answer a little higher, so the satisfied-but-at-risk and
false-loyalty views of the loyalty page have something to find.

* ``nps``: two half-year waves (2024H1, 2024H2), about a fifth of the customers each;
* ``csat``: after delivery, installation and after-sales service;
* ``ces``: the after-sales contact (CES 2.0, 1–7);
* ``satisfaction``: expectation, performance and importance of six attributes, and the
  overall rating (for key drivers), in 2024H1 and 2024H2 (delivery speed better in H2);
* ``servqual``: 22 items, expectation and perception, in 2024H1 and 2024H2
  (responsiveness better in H2);
* ``kano``: five candidate features;
* ``loyalty``: the sixteen loyalty statements of ``custvalue/loyalty/loyalty_items.toml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl

if TYPE_CHECKING:
    from custvalue.demo.company import DemoLedger

__all__ = ["ATTRIBUTES", "FEATURES", "generate_demo_voice"]

ATTRIBUTES = ("产品质量", "交货速度", "价格", "售后服务", "技术支持", "订货便利")
#: each attribute's weight in the overall rating (the key drivers should find them)
_DRIVES = (0.35, 0.25, 0.15, 0.15, 0.05, 0.05)
FEATURES = ("一键补货", "账期提醒", "专属客服", "电子发票", "价格保护")
#: per feature: probabilities of (functional, dysfunctional) answer patterns
_KANO = {
    "一键补货": ((1, 3), (1, 4), (3, 3)),  # attractive
    "账期提醒": ((3, 5), (2, 5), (3, 4)),  # must-be
    "专属客服": ((1, 5), (1, 5), (1, 3)),  # one-dimensional
    "电子发票": ((2, 5), (3, 5), (3, 3)),  # must-be
    "价格保护": ((1, 5), (1, 3), (3, 3)),  # one-dimensional / attractive
}


def _engagement(ledger: DemoLedger) -> pl.DataFrame:
    """Per customer: a 0–1 score of how much and how recently they buy."""
    per = ledger.orders.group_by("customer_id").agg(
        pl.len().alias("orders"), pl.col("ordered_at").max().alias("last")
    )
    frame = ledger.customers.select("customer_id").join(per, on="customer_id", how="left")
    orders = frame["orders"].fill_null(0).to_numpy().astype(float)
    rank = orders.argsort().argsort() / max(len(orders) - 1, 1)
    return frame.select("customer_id").with_columns(pl.Series("engaged", rank))


def _clip(values: np.ndarray, low: int, high: int) -> np.ndarray:
    clipped: np.ndarray = np.clip(np.rint(values), low, high).astype(int)
    return clipped


def generate_demo_voice(ledger: DemoLedger, *, seed: int = 20240101) -> dict[str, pl.DataFrame]:
    """The demo's survey answers, kind -> frame (canonical columns)."""
    rng = np.random.default_rng(seed + 12)
    people = _engagement(ledger)
    ids = people["customer_id"].to_numpy()
    engaged = dict(zip(ids, people["engaged"].to_numpy(), strict=True))
    frames: dict[str, pl.DataFrame] = {}

    def sample(share: float) -> np.ndarray:
        size = max(10, int(len(ids) * share))
        return rng.choice(ids, size=min(size, len(ids)), replace=False)

    nps_rows = []
    for wave, lift, day in (("2024H1", 0.0, "2024-06-15"), ("2024H2", 0.45, "2024-12-10")):
        for k, cid in enumerate(sample(0.2)):
            score = _clip(rng.normal(6.6 + 2.4 * engaged[cid] + lift, 2.0, 1), 0, 10)[0]
            nps_rows.append((wave, f"N{wave}-{k + 1:04d}", cid, day, score))
    frames["nps"] = pl.DataFrame(
        nps_rows, schema=["wave", "respondent", "customer_id", "answered_on", "score"], orient="row"
    )

    csat_rows = []
    for touchpoint, base in (("配送", 3.9), ("安装", 4.1), ("售后", 3.5)):
        for k, cid in enumerate(sample(0.08)):
            score = _clip(rng.normal(base + 0.6 * engaged[cid], 0.9, 1), 1, 5)[0]
            csat_rows.append(("2024H2", f"S{k + 1:04d}", cid, touchpoint, score))
    frames["csat"] = pl.DataFrame(
        csat_rows, schema=["wave", "respondent", "customer_id", "touchpoint", "score"], orient="row"
    )

    ces_rows = [
        (
            "2024H2",
            f"E{k + 1:04d}",
            cid,
            "售后",
            _clip(rng.normal(4.6 + engaged[cid], 1.3, 1), 1, 7)[0],
        )
        for k, cid in enumerate(sample(0.06))
    ]
    frames["ces"] = pl.DataFrame(
        ces_rows, schema=["wave", "respondent", "customer_id", "touchpoint", "score"], orient="row"
    )

    sat_rows = _satisfaction_wave(rng, sample(0.1), engaged, "2024H2", "G", _PERFORM)
    frames["satisfaction"] = pl.DataFrame(
        sat_rows,
        schema=[
            "wave",
            "respondent",
            "customer_id",
            "attribute",
            "expectation",
            "performance",
            "importance",
        ],
        orient="row",
    )

    sq_rows = []
    gaps = {
        range(1, 5): 0.2,
        range(5, 10): -1.0,
        range(10, 14): -0.7,
        range(14, 18): -0.3,
        range(18, 23): -0.5,
    }
    for k, cid in enumerate(sample(0.05)):
        for item in range(1, 23):
            gap = next(g for r, g in gaps.items() if item in r)
            e = _clip(rng.normal(6.2, 0.6, 1), 1, 7)[0]
            p = _clip(rng.normal(6.2 + gap + 0.5 * (engaged[cid] - 0.5), 0.9, 1), 1, 7)[0]
            sq_rows.append(("2024H2", f"Q{k + 1:04d}", cid, item, e, p))
    frames["servqual"] = pl.DataFrame(
        sq_rows,
        schema=["wave", "respondent", "customer_id", "item", "expectation", "perception"],
        orient="row",
    )

    kano_rows = []
    for k, cid in enumerate(sample(0.06)):
        for feature, patterns in _KANO.items():
            pick = rng.random()
            functional, dysfunctional = (
                patterns[0] if pick < 0.55 else patterns[1] if pick < 0.85 else patterns[2]
            )
            kano_rows.append(
                ("2024H2", f"K{k + 1:04d}", cid, feature, str(functional), str(dysfunctional))
            )
    frames["kano"] = pl.DataFrame(
        kano_rows,
        schema=["wave", "respondent", "customer_id", "feature", "functional", "dysfunctional"],
        orient="row",
    )
    # the loyalty statements of custvalue/loyalty/loyalty_items.toml: engaged customers
    # agree more with the habit and rational statements, the others with the price ones
    bias = {
        "L01": 0.8, "L02": 0.6, "L03": 0.6, "L04": 0.5, "L05": 0.9, "L06": 0.7, "L07": 1.0,
        "L08": 0.9, "L09": -1.4, "L10": -1.2, "L11": 0.5, "L12": 0.3, "L13": 0.8, "L14": 0.6,
        "L15": 1.6, "L16": 1.3,
    }  # fmt: skip
    loyalty_rows = []
    for k, cid in enumerate(sample(0.12)):
        taste = rng.normal(0, 0.6)
        for statement, lean in bias.items():
            score = _clip(rng.normal(4.3 + lean * (engaged[cid] - 0.4) * 2 + taste, 1.0, 1), 1, 7)
            loyalty_rows.append(("2024H2", f"L{k + 1:04d}", cid, statement, score[0]))
    frames["loyalty"] = pl.DataFrame(
        loyalty_rows,
        schema=["wave", "respondent", "customer_id", "item", "score"],
        orient="row",
    )
    _earlier_wave(frames, ids, engaged, seed)
    return frames


#: the satisfaction survey's means per attribute (1–7, ATTRIBUTES order) in 2024H2
_EXPECT = (6.1, 5.6, 5.0, 5.8, 5.2, 4.8)
_PERFORM = (5.7, 5.0, 4.6, 4.9, 5.4, 5.6)
_IMPORTANCE = (6.6, 6.2, 5.9, 6.0, 4.1, 3.8)


def _satisfaction_wave(
    rng: np.random.Generator,
    picked: np.ndarray,
    engaged: dict[str, float],
    wave: str,
    prefix: str,
    perform: tuple[float, ...],
) -> list[tuple[object, ...]]:
    """One wave of the satisfaction survey: expectation, performance (higher for engaged
    customers) and importance per attribute, and the overall rating the drivers make."""
    rows: list[tuple[object, ...]] = []
    for k, cid in enumerate(picked):
        respondent = f"{prefix}{k + 1:04d}"
        scores = []
        for j, attribute in enumerate(ATTRIBUTES):
            e = _clip(rng.normal(_EXPECT[j], 0.8, 1), 1, 7)[0]
            p = _clip(rng.normal(perform[j] + 0.8 * (engaged[cid] - 0.5), 1.0, 1), 1, 7)[0]
            i = _clip(rng.normal(_IMPORTANCE[j], 0.7, 1), 1, 7)[0]
            scores.append(p)
            rows.append((wave, respondent, cid, attribute, e, p, i))
        overall = float(np.dot(_DRIVES, scores)) + rng.normal(0, 0.5)
        rows.append(
            (wave, respondent, cid, "overall", None, _clip(np.array([overall]), 1, 7)[0], None)
        )
    return rows


def _earlier_wave(
    frames: dict[str, pl.DataFrame], ids: np.ndarray, engaged: dict[str, float], seed: int
) -> None:
    """A first half-year wave (2024H1) of the satisfaction and SERVQUAL surveys, before
    the delivery and responsiveness fixes: delivery speed and responsiveness answer
    lower, the rest as in 2024H2, so the wave changes have one real move to find."""
    rng = np.random.default_rng(seed + 13)
    picked = rng.choice(ids, size=min(max(10, int(len(ids) * 0.08)), len(ids)), replace=False)
    # 交货速度 a point lower than in 2024H2
    perform = (_PERFORM[0], 3.9, *_PERFORM[2:])
    sat_rows = _satisfaction_wave(rng, picked, engaged, "2024H1", "H", perform)
    earlier = pl.DataFrame(sat_rows, schema=frames["satisfaction"].columns, orient="row")
    frames["satisfaction"] = pl.concat(
        [earlier, frames["satisfaction"]], how="vertical_relaxed"
    ).with_columns(  # the survey dates: what the holdout of "what moves value" starts from
        pl.when(pl.col("wave") == "2024H1")
        .then(pl.lit("2024-06-30"))
        .otherwise(pl.lit("2024-12-10"))
        .alias("answered_on")
    )
    sq_rows = []
    for k, cid in enumerate(picked[: max(10, len(picked) // 2)]):
        for item in range(1, 23):
            # as in 2024H2 but responsiveness (items 10–13) almost a point lower
            gap = {1: 0.2, 5: -1.0, 10: -1.6, 14: -0.3, 18: -0.5}[
                max(k for k in (1, 5, 10, 14, 18) if k <= item)
            ]
            e = _clip(rng.normal(6.2, 0.6, 1), 1, 7)[0]
            p = _clip(rng.normal(6.2 + gap + 0.5 * (engaged[cid] - 0.5), 0.9, 1), 1, 7)[0]
            sq_rows.append(("2024H1", f"P{k + 1:04d}", cid, item, e, p))
    earlier_sq = pl.DataFrame(sq_rows, schema=frames["servqual"].columns, orient="row")
    frames["servqual"] = pl.concat([earlier_sq, frames["servqual"]], how="vertical_relaxed")
