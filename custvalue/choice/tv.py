"""The SPEC §2.1 television example: four LED TV brands, three stores, salespeople.

A shopper compares same-size LED TVs — TCL 2,800 元, Sharp (夏普) 4,400, Haier (海尔)
4,000, Changhong (长虹) 3,000, with warranties of 5, 5, 4 and 6 years; the same model
is priced differently in three stores (甲店 4,000 / 乙店 3,700 / 丙店 4,100), and
salespeople and stores differ. :data:`TRUE_WEIGHTS` are the part-worths behind the
simulated survey in ``custvalue/examples/choice/`` (made by ``make_tv_survey.py``
with :func:`survey`): 600 respondents × 6 choice cards, each card showing the four
brands with a price, a warranty, a store and the salesperson's service score (1–5).

Attributes (Chinese headers, as in the file): 价格 (元), 保修年限 (years), 导购评分
(1–5), 品牌 (categorical, reference TCL), 门店 (categorical, reference 甲店).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from custvalue.choice.design import Categorical, Design
from custvalue.choice.simulate import simulate_choices

__all__ = [
    "BRANDS",
    "DESIGN",
    "STORES",
    "TRUE_WEIGHTS",
    "baseline",
    "store_choice",
    "survey",
    "what_ifs",
]

BRANDS = ("TCL", "夏普", "海尔", "长虹")
STORES = ("甲店", "乙店", "丙店")
LIST_PRICE = {"TCL": 2800.0, "夏普": 4400.0, "海尔": 4000.0, "长虹": 3000.0}
WARRANTY = {"TCL": 5.0, "夏普": 5.0, "海尔": 4.0, "长虹": 6.0}
STORE_PRICE = {"甲店": 4000.0, "乙店": 3700.0, "丙店": 4100.0}

DESIGN = Design(
    numeric=("价格", "保修年限", "导购评分"),
    categorical=(
        Categorical("品牌", tuple(sorted(BRANDS)), "TCL"),
        Categorical("门店", tuple(sorted(STORES)), "甲店"),
    ),
)

#: utility per 元, per year of warranty, per point of service score, per brand and store
TRUE_WEIGHTS: dict[str, float] = {
    "价格": -0.0015,
    "保修年限": 0.35,
    "导购评分": 0.30,
    "品牌[夏普]": 0.90,
    "品牌[海尔]": 0.80,
    "品牌[长虹]": 0.20,
    "门店[丙店]": -0.15,
    "门店[乙店]": 0.25,
}


def survey(*, respondents: int = 600, cards: int = 6, seed: int = 20240601) -> pl.DataFrame:
    """The simulated survey: columns 情境, 选项, 品牌, 价格, 保修年限, 门店, 导购评分, 是否选择.

    Prices vary ±20 % around the brand's list price in steps of 100 元, warranties
    3–7 years, stores and service scores at random; choices follow the logit with
    :data:`TRUE_WEIGHTS`.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(1, respondents + 1):
        for c in range(1, cards + 1):
            for option, brand in enumerate(rng.permutation(BRANDS), start=1):
                factor = rng.choice(np.arange(0.8, 1.2001, 0.05))
                rows.append(
                    {
                        "情境": f"R{r:03d}-{c}",
                        "选项": option,
                        "品牌": str(brand),
                        "价格": float(round(LIST_PRICE[str(brand)] * factor / 100) * 100),
                        "保修年限": float(rng.integers(3, 8)),
                        "门店": str(rng.choice(STORES)),
                        "导购评分": float(rng.integers(1, 6)),
                    }
                )
    whole = [pl.col(c).cast(pl.Int64) for c in ("价格", "保修年限", "导购评分")]
    frame = pl.DataFrame(rows).with_columns(pl.col("选项").cast(pl.String), *whole)
    chosen = simulate_choices(
        frame,
        DESIGN,
        TRUE_WEIGHTS,
        situation="情境",
        alternative="选项",
        chosen="是否选择",
        seed=seed + 1,
    )
    return chosen


def baseline() -> pl.DataFrame:
    """The shop of the SPEC: four brands at their list prices and warranties, all in
    甲店 with an average salesperson (score 3). Alternatives are named by brand."""
    return pl.DataFrame(
        {
            "方案": list(BRANDS),
            "品牌": list(BRANDS),
            "价格": [LIST_PRICE[b] for b in BRANDS],
            "保修年限": [WARRANTY[b] for b in BRANDS],
            "门店": ["甲店"] * 4,
            "导购评分": [3.0] * 4,
        }
    )


def store_choice() -> pl.DataFrame:
    """The same Haier model in the three stores at 4,000 / 3,700 / 4,100 元."""
    return pl.DataFrame(
        {
            "方案": [f"海尔@{s}" for s in STORES],
            "品牌": ["海尔"] * 3,
            "价格": [STORE_PRICE[s] for s in STORES],
            "保修年限": [4.0] * 3,
            "门店": list(STORES),
            "导购评分": [3.0] * 3,
        }
    )


def what_ifs() -> list[tuple[str, ...]]:
    """The changes the example walks through, one what-if per tuple: each brand's
    price −/+200 元 and one more year of warranty; Haier bought in 乙店 (3,700) or 丙店
    (4,100) instead of 甲店 (4,000); a better salesperson (score 5) for Haier."""
    out: list[tuple[str, ...]] = []
    for brand in BRANDS:
        out += [(f"{brand}:价格-=200",), (f"{brand}:价格+=200",), (f"{brand}:保修年限+=1",)]
    out += [
        ("海尔:门店=乙店", "海尔:价格=3700"),
        ("海尔:门店=丙店", "海尔:价格=4100"),
        ("海尔:导购评分=5",),
    ]
    return out
