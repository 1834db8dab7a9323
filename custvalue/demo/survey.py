"""The demo company's customer value survey: two waves, two segments, three rivals.

The demo company (:mod:`custvalue.demo`) is an office-supplies distributor; here it is
called :data:`US` (汇达办公) and competes with :data:`RIVALS`:

- 鑫诚办公 — the established rival: wide range and a strong brand, slower delivery
  until it opens a new East China warehouse in January 2026 (its delivery score jumps in
  wave 2026H1 and our delivery lead shrinks);
- 快购办公网 — the online price leader: best purchase prices, rebates and ordering
  convenience, weak service and account management; extends its payment terms to 60 days
  in March 2026 (its 账期 score rises);
- 博远商务 — a regional dealer: cheap-ish, good payment terms, cuts its after-sales team
  (2025H2) and has a bad toner batch (2026H1).

We lead on delivery, after-sales service and sales-rep professionalism, trail 快购办公网
on price and 鑫诚办公 on range and brand; our WeChat ordering (2026-03) and better rebates
(2026-04) show up in wave 2026H1. Key accounts (大客户) weigh service and delivery,
SMB customers (中小企业) price and convenience. About 150 respondents per wave rate us and
the rivals they know; some know a single competitor (excluded from the ratios). Every
respondent's weights sum to 100. About 200 deals, won or lost, name their deciding
attributes; ten key events tie to attributes; the what/who table leaves 账期 (payment
terms) without an owner on purpose.

:func:`generate_demo_survey` builds the canonical frames from a seed;
:func:`write_demo_survey` writes them the way users' files look (ratings in GBK with
Chinese headers, market with English headers, the rest UTF-8 with Chinese headers) —
the files bundled in ``custvalue/examples/survey`` are ``write_demo_survey`` of the
default seed (``python -m custvalue.demo regenerate`` rewrites them, docs/demo.md). The
offerings of the same four brands are :mod:`custvalue.demo.offerings`; ``custvalue demo``
loads both through the importer (:mod:`custvalue.demo.loading`).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from custvalue.cva.inputs import SurveyKind
from custvalue.cva.survey import COLUMNS

__all__ = [
    "ATTRIBUTES",
    "DEMO_SEED",
    "FILES",
    "PRICE_ATTRIBUTES",
    "QUALITY_ATTRIBUTES",
    "RIVALS",
    "SEGMENTS",
    "UNOWNED",
    "US",
    "WAVES",
    "generate_demo_survey",
    "write_demo_survey",
]

DEMO_SEED = 20260601
US = "汇达办公"
RIVALS = ("鑫诚办公", "快购办公网", "博远商务")
COMPETITORS = (US, *RIVALS)
WAVES = ("2025H2", "2026H1")
SEGMENTS = ("大客户", "中小企业")
QUALITY_ATTRIBUTES = (
    "产品质量",
    "送货及时",
    "品种齐全",
    "售后服务",
    "销售代表专业",
    "品牌形象",
    "订购便利",
)
PRICE_ATTRIBUTES = ("采购价格", "折扣返利", "账期")
ATTRIBUTES = (*QUALITY_ATTRIBUTES, *PRICE_ATTRIBUTES)
UNOWNED = "账期"

#: file of each kind in the bundled folder
FILES: dict[SurveyKind, str] = {
    "ratings": "ratings_gbk.csv",
    "weights": "weights.csv",
    "market": "market.csv",
    "deals": "deals.csv",
    "events": "events.csv",
    "owners": "owners.csv",
}

#: mean rating (1-10) in wave 2025H2, columns in COMPETITORS order
_BASE = {
    "产品质量": (8.0, 8.1, 7.0, 7.3),
    "送货及时": (8.7, 7.3, 7.6, 6.9),
    "品种齐全": (7.6, 8.4, 8.0, 6.8),
    "售后服务": (8.6, 7.5, 6.3, 6.6),
    "销售代表专业": (8.4, 7.6, 6.1, 7.1),
    "品牌形象": (7.5, 8.2, 7.3, 6.6),
    "订购便利": (6.9, 7.2, 8.7, 6.5),
    "采购价格": (6.5, 6.8, 8.4, 7.3),
    "折扣返利": (6.7, 7.0, 7.6, 7.0),
    "账期": (7.2, 7.0, 6.6, 7.6),
}
#: change of the mean rating in wave 2026H1 (the key events)
_SHIFT = {
    ("鑫诚办公", "送货及时"): 1.0,
    (US, "送货及时"): -0.3,
    (US, "订购便利"): 0.9,
    ("快购办公网", "账期"): 1.3,
    (US, "折扣返利"): 0.6,
    ("鑫诚办公", "品牌形象"): 0.3,
    ("博远商务", "产品质量"): -0.8,
}
#: segment adjustment of the mean rating: key accounts see the online shop's service worse
_SEGMENT_SHIFT = {
    ("大客户", "快购办公网", "售后服务"): -0.4,
    ("大客户", "快购办公网", "销售代表专业"): -0.5,
    ("中小企业", "快购办公网", "订购便利"): 0.3,
    ("中小企业", US, "销售代表专业"): -0.3,
}
#: mean importance (sums to 100) per segment, ATTRIBUTES order
_WEIGHTS = {
    "大客户": (13, 15, 9, 14, 10, 5, 4, 15, 8, 7),
    "中小企业": (10, 10, 8, 7, 5, 3, 9, 25, 13, 10),
}
#: probability that a respondent knows each rival, per segment
_KNOWS = {"大客户": (0.80, 0.35, 0.45), "中小企业": (0.65, 0.75, 0.40)}
_RESPONDENTS = {"大客户": 60, "中小企业": 90}
#: basket price (元) and market share per wave, segment and competitor
_MARKET = {
    ("2025H2", "大客户"): ((1000, 0.34), (1030, 0.29), (905, 0.12), (955, 0.10)),
    ("2025H2", "中小企业"): ((1010, 0.21), (1040, 0.23), (900, 0.29), (960, 0.12)),
    ("2026H1", "大客户"): ((995, 0.33), (1030, 0.31), (900, 0.13), (950, 0.09)),
    ("2026H1", "中小企业"): ((990, 0.22), (1035, 0.24), (890, 0.31), (955, 0.10)),
}
_EVENTS = (
    (
        date(2025, 8, 1),
        "2025H2",
        "快购办公网",
        "采购价格",
        "up",
        "快购办公网A4纸及打印耗材全线降价8%",
    ),
    (date(2025, 9, 10), "2025H2", US, "销售代表专业", "up", "汇达办公为大客户配备专属客户经理"),
    (date(2025, 10, 20), "2025H2", "博远商务", "售后服务", "down", "博远商务裁减售后服务团队"),
    (
        date(2026, 1, 12),
        "2026H1",
        "鑫诚办公",
        "送货及时",
        "up",
        "鑫诚办公华东新仓库启用，次日达覆盖扩大",
    ),
    (date(2026, 2, 20), "2026H1", US, "送货及时", "down", "春节后更换物流承运商，部分订单配送延误"),
    (date(2026, 3, 1), "2026H1", US, "订购便利", "up", "汇达办公微信小程序下单上线"),
    (date(2026, 3, 15), "2026H1", "快购办公网", "账期", "up", "快购办公网对企业客户账期延长至60天"),
    (date(2026, 4, 10), "2026H1", US, "折扣返利", "up", "汇达办公季度返利提高1个百分点"),
    (date(2026, 4, 25), "2026H1", "鑫诚办公", "品牌形象", "up", "鑫诚办公品牌焕新及广告投放"),
    (date(2026, 5, 18), "2026H1", "博远商务", "产品质量", "down", "博远商务劣质硒鼓批次引发投诉"),
)
_OWNERS = (
    ("产品质量", "采购部", "lead"),
    ("产品质量", "质量管理部", "support"),
    ("送货及时", "物流部", "lead"),
    ("送货及时", "仓储中心", "support"),
    ("品种齐全", "采购部", "lead"),
    ("品种齐全", "产品部", "support"),
    ("售后服务", "客服部", "lead"),
    ("售后服务", "技术服务部", "support"),
    ("销售代表专业", "销售部", "lead"),
    ("销售代表专业", "人力资源部", "support"),
    ("品牌形象", "市场部", "lead"),
    ("订购便利", "信息技术部", "lead"),
    ("订购便利", "客服部", "support"),
    ("采购价格", "销售部", "lead"),
    ("采购价格", "财务部", "support"),
    ("折扣返利", "销售部", "lead"),
    ("折扣返利", "财务部", "support"),
)
#: deciding attributes: why we win (any rival) and why we lose to each rival
_WIN_REASONS = (
    ("送货及时", 4),
    ("售后服务", 4),
    ("销售代表专业", 3),
    ("产品质量", 2),
    ("订购便利", 1),
)
_LOSS_REASONS = {
    "鑫诚办公": (("品种齐全", 4), ("品牌形象", 3), ("送货及时", 2), ("采购价格", 1)),
    "快购办公网": (("采购价格", 5), ("折扣返利", 3), ("订购便利", 2), ("账期", 1)),
    "博远商务": (("账期", 4), ("采购价格", 3), ("折扣返利", 1)),
}
#: chance of winning against each rival
_WIN_RATE = {"鑫诚办公": 0.5, "快购办公网": 0.42, "博远商务": 0.68}
_N_DEALS = 200


def _pick(rng: np.random.Generator, options: tuple[tuple[str, int], ...], k: int) -> list[str]:
    names = [o[0] for o in options]
    p = np.array([o[1] for o in options], dtype=float)
    chosen = rng.choice(len(names), size=min(k, len(names)), replace=False, p=p / p.sum())
    return [names[i] for i in chosen]


def _integer_weights(rng: np.random.Generator, mean: tuple[int, ...]) -> list[int]:
    """Weights around ``mean`` that are whole numbers summing to exactly 100."""
    raw = rng.dirichlet(np.array(mean, dtype=float) * 1.2) * 100
    rounded = np.floor(raw).astype(int)
    order = np.argsort(-(raw - rounded), kind="stable")
    rounded[order[: 100 - int(rounded.sum())]] += 1
    return [int(x) for x in rounded]


def _ratings_and_weights(rng: np.random.Generator) -> tuple[pl.DataFrame, pl.DataFrame]:
    ratings: list[tuple[str, str, str, str, str, float]] = []
    weights: list[tuple[str, str, str, str, str, float]] = []
    for w, wave in enumerate(WAVES):
        for segment in SEGMENTS:
            prefix = f"{wave[2:]}-{'K' if segment == '大客户' else 'S'}"
            for n in range(1, _RESPONDENTS[segment] + 1):
                respondent = f"{prefix}{n:03d}"
                knows = [
                    c for c, p in zip(RIVALS, _KNOWS[segment], strict=True) if rng.random() < p
                ]
                rated = [US, *knows]
                if len(rated) == 1 and rng.random() < 0.4:
                    # a rival's customer who does not know us
                    rated = [RIVALS[int(rng.integers(len(RIVALS)))]]
                leniency = rng.normal(0, 0.5)
                for competitor in rated:
                    c = COMPETITORS.index(competitor)
                    for attribute in ATTRIBUTES:
                        mean = _BASE[attribute][c] + leniency
                        mean += _SEGMENT_SHIFT.get((segment, competitor, attribute), 0.0)
                        if w == 1:
                            mean += _SHIFT.get((competitor, attribute), 0.0)
                        score = float(np.clip(np.rint(mean + rng.normal(0, 0.9)), 1, 10))
                        ratings.append((wave, segment, respondent, competitor, attribute, score))
                for attribute, weight in zip(
                    ATTRIBUTES, _integer_weights(rng, _WEIGHTS[segment]), strict=True
                ):
                    kind = "quality" if attribute in QUALITY_ATTRIBUTES else "price"
                    weights.append((wave, segment, respondent, attribute, kind, float(weight)))
    return (
        pl.DataFrame(ratings, schema=COLUMNS["ratings"], orient="row"),
        pl.DataFrame(weights, schema=COLUMNS["weights"], orient="row"),
    )


def _deals(rng: np.random.Generator) -> pl.DataFrame:
    rows: list[tuple[object, ...]] = []
    start = date(2025, 7, 1)
    days = (date(2026, 6, 30) - start).days
    rival_share = {"大客户": (0.55, 0.2, 0.25), "中小企业": (0.35, 0.45, 0.2)}
    for n in range(1, _N_DEALS + 1):
        day = start + timedelta(days=int(rng.integers(days + 1)))
        segment = SEGMENTS[int(rng.random() < 0.55)]
        rival = RIVALS[int(rng.choice(3, p=np.array(rival_share[segment])))]
        rate = _WIN_RATE[rival]
        if rival == "鑫诚办公" and day >= date(2026, 1, 12):
            rate -= 0.1  # the new warehouse costs us deals
        won = rng.random() < rate
        k = 1 + int(rng.random() < 0.45)
        if won:
            reasons = _pick(rng, _WIN_REASONS, k)
        else:
            loss = _LOSS_REASONS[rival]
            if rival == "鑫诚办公" and day >= date(2026, 1, 12):
                loss = (("送货及时", 5), *loss[:2])
            reasons = _pick(rng, loss, k)
        scale = 200_000 if segment == "大客户" else 20_000
        amount = float(round(rng.lognormal(np.log(scale), 0.6), -2))
        note = "" if rng.random() < 0.7 else ("招标" if segment == "大客户" else "询价")
        for attribute in reasons:
            rows.append(
                (
                    f"D{day:%y%m}-{n:03d}",
                    day,
                    segment,
                    rival,
                    "won" if won else "lost",
                    attribute,
                    amount,
                    note or None,
                )
            )
    return pl.DataFrame(rows, schema=COLUMNS["deals"], orient="row").sort("deal_id", "attribute")


def generate_demo_survey(seed: int = DEMO_SEED) -> dict[SurveyKind, pl.DataFrame]:
    """The canonical frames of the demo survey (same seed, same frames)."""
    rng = np.random.default_rng(seed)
    ratings, weights = _ratings_and_weights(rng)
    market = pl.DataFrame(
        [
            (wave, segment, competitor, float(price), share)
            for (wave, segment), values in _MARKET.items()
            for competitor, (price, share) in zip(COMPETITORS, values, strict=True)
        ],
        schema=COLUMNS["market"],
        orient="row",
    )
    events = pl.DataFrame(
        [
            (
                day,
                wave,
                actor,
                attribute,
                "quality" if attribute in QUALITY_ATTRIBUTES else "price",
                effect,
                text,
            )
            for day, wave, actor, attribute, effect, text in _EVENTS
        ],
        schema=COLUMNS["events"],
        orient="row",
    )
    owners = pl.DataFrame(list(_OWNERS), schema=COLUMNS["owners"], orient="row")
    return {
        "ratings": ratings,
        "weights": weights,
        "market": market,
        "deals": _deals(rng),
        "events": events,
        "owners": owners,
    }


_ZH = {"quality": "质量", "price": "价格", "won": "赢", "lost": "输", "up": "上升", "down": "下降"}
_ZH_ROLE = {"lead": "主责", "support": "协助"}


def _zh(column: str) -> pl.Expr:
    return pl.col(column).replace_strict(_ZH, default=pl.col(column))


def write_demo_survey(folder: str | Path, frames: dict[SurveyKind, pl.DataFrame]) -> list[Path]:
    """Write ``frames`` as the six bundled survey files (see the module docstring)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    ratings = frames["ratings"].select(
        pl.col("wave").alias("调查批次"),
        pl.col("segment").alias("细分市场"),
        pl.col("respondent").alias("受访者"),
        pl.col("competitor").alias("品牌"),
        pl.col("attribute").alias("属性"),
        pl.col("rating").cast(pl.Int64).alias("评分"),
    )
    weights = frames["weights"].select(
        pl.col("wave").alias("调查批次"),
        pl.col("segment").alias("细分市场"),
        pl.col("respondent").alias("受访者"),
        pl.col("attribute").alias("属性"),
        _zh("kind").alias("类型"),
        pl.col("weight").cast(pl.Int64).alias("权重"),
    )
    market = frames["market"].select(
        "wave",
        "segment",
        "competitor",
        pl.col("price").cast(pl.Int64),
        pl.col("share").map_elements(lambda x: f"{x * 100:g}%", return_dtype=pl.String),
    )
    deals = frames["deals"].select(
        pl.col("deal_id").alias("商机编号"),
        pl.col("date").alias("日期"),
        pl.col("segment").alias("细分市场"),
        pl.col("competitor").alias("竞争者"),
        _zh("outcome").alias("结果"),
        pl.col("attribute").alias("决定属性"),
        pl.col("amount").cast(pl.Int64).alias("金额"),
        pl.col("note").alias("备注"),
    )
    events = frames["events"].select(
        pl.col("date").alias("日期"),
        pl.col("wave").alias("调查批次"),
        pl.col("actor").alias("主体"),
        pl.col("attribute").alias("属性"),
        _zh("kind").alias("类型"),
        _zh("effect").alias("影响"),
        pl.col("description").alias("事件描述"),
    )
    owners = frames["owners"].select(
        pl.col("attribute").alias("属性"),
        pl.col("function").alias("部门"),
        pl.col("role").replace_strict(_ZH_ROLE).alias("职责"),
    )
    written = []
    for kind, frame in (
        ("ratings", ratings),
        ("weights", weights),
        ("market", market),
        ("deals", deals),
        ("events", events),
        ("owners", owners),
    ):
        path = out / FILES[kind]  # type: ignore[index]
        text = frame.write_csv()
        path.write_bytes(text.encode("gbk" if kind == "ratings" else "utf-8"))
        written.append(path)
    return written
