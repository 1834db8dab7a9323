"""The seed's television shop (seed 003, question 4; SPEC §2.1 (b)) for the logit.

A shopper compares same-size LED TVs — TCL 2,800 元, SHARP (夏普) 4,400, 海尔
4,000, 长虹 3,000, with warranties of 5, 5, 4 and 6 years; (A) the same TCL set costs
4,000 / 3,700 / 4,100 元 in three 苏宁 stores (新街口, 浦口, 江宁); (B) the same set at
新街口苏宁 or at 新街口国美; salespeople differ. :data:`TRUE_WEIGHTS` are the
part-worths behind the simulated survey in ``custvalue/examples/choice/`` (made by
``custvalue/demo/choice.py`` with :func:`survey`): 600 respondents × 6 choice cards, each card
showing the four brands with a price, a warranty, a store and the salesperson's service
score (1–5). The same shop as a delivered-value example, with the shopper's own worth of
a warranty year, a store and a salesperson: ``custvalue/examples/delivered/tv.csv``.

Attributes (Chinese headers, as in the file): 价格 (元), 保修年限 (years), 导购评分
(1–5), 品牌 (categorical, reference TCL), 门店 (categorical, reference 新街口苏宁).
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
    "chain_choice",
    "store_choice",
    "survey",
    "what_ifs",
]

BRANDS = ("TCL", "SHARP", "海尔", "长虹")
#: the three 苏宁 stores of question A, then 国美 of question B
STORES = ("新街口苏宁", "浦口苏宁", "江宁苏宁", "新街口国美")
HOME = "新街口苏宁"
LIST_PRICE = {"TCL": 2800.0, "SHARP": 4400.0, "海尔": 4000.0, "长虹": 3000.0}
WARRANTY = {"TCL": 5.0, "SHARP": 5.0, "海尔": 4.0, "长虹": 6.0}
#: question A: the same TCL set in the three 苏宁 stores
STORE_PRICE = {"新街口苏宁": 4000.0, "浦口苏宁": 3700.0, "江宁苏宁": 4100.0}

DESIGN = Design(
    numeric=("价格", "保修年限", "导购评分"),
    categorical=(
        Categorical("品牌", tuple(sorted(BRANDS)), "TCL"),
        Categorical("门店", tuple(sorted(STORES)), HOME),
    ),
)

#: utility per 元, per year of warranty, per point of service score, per brand and store
TRUE_WEIGHTS: dict[str, float] = {
    "价格": -0.0015,
    "保修年限": 0.35,
    "导购评分": 0.30,
    "品牌[SHARP]": 0.90,
    "品牌[海尔]": 0.80,
    "品牌[长虹]": 0.20,
    "门店[江宁苏宁]": -0.15,
    "门店[浦口苏宁]": 0.25,
    "门店[新街口国美]": -0.10,
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
    """The seed's shop: four brands at their list prices and warranties, all in
    新街口苏宁 with an average salesperson (score 3). Alternatives are named by brand."""
    return pl.DataFrame(
        {
            "方案": list(BRANDS),
            "品牌": list(BRANDS),
            "价格": [LIST_PRICE[b] for b in BRANDS],
            "保修年限": [WARRANTY[b] for b in BRANDS],
            "门店": [HOME] * 4,
            "导购评分": [3.0] * 4,
        }
    )


def store_choice() -> pl.DataFrame:
    """Question A: the same TCL set in the three 苏宁 stores at 4,000 / 3,700 / 4,100 元."""
    stores = list(STORE_PRICE)
    return pl.DataFrame(
        {
            "方案": [f"TCL@{s}" for s in stores],
            "品牌": ["TCL"] * 3,
            "价格": [STORE_PRICE[s] for s in stores],
            "保修年限": [WARRANTY["TCL"]] * 3,
            "门店": stores,
            "导购评分": [3.0] * 3,
        }
    )


def chain_choice() -> pl.DataFrame:
    """Question B as two choice situations: (B1) the TCL at 3,000 元 with 6 years at
    新街口苏宁 or at 新街口国美; (B2) SHARP at 4,000 元 with 5 years (新街口苏宁) or 3,600 元
    with 4 years (新街口国美). Salesperson score 3 everywhere."""
    options = (
        ("B1", "TCL", HOME, 3000.0, 6.0),
        ("B1", "TCL", "新街口国美", 3000.0, 6.0),
        ("B2", "SHARP", HOME, 4000.0, 5.0),
        ("B2", "SHARP", "新街口国美", 3600.0, 4.0),
    )
    return pl.DataFrame(
        {
            "情境": [o[0] for o in options],
            "方案": [f"{o[1]}@{o[2]}" for o in options],
            "品牌": [o[1] for o in options],
            "价格": [o[3] for o in options],
            "保修年限": [o[4] for o in options],
            "门店": [o[2] for o in options],
            "导购评分": [3.0] * len(options),
        }
    )


def what_ifs() -> list[tuple[str, ...]]:
    """The changes the example walks through, one what-if per tuple: each brand's
    price −/+200 元 and one more year of warranty; question A's store prices applied to
    the TCL (浦口苏宁 300 元 cheaper, 江宁苏宁 100 元 dearer than 新街口苏宁); question B:
    the TCL at 新街口国美 at the same price, SHARP at 3,600 with 4 years there instead of
    4,400 with 5; a better salesperson (score 5) for 海尔."""
    out: list[tuple[str, ...]] = []
    for brand in BRANDS:
        out += [(f"{brand}:价格-=200",), (f"{brand}:价格+=200",), (f"{brand}:保修年限+=1",)]
    out += [
        ("TCL:门店=浦口苏宁", "TCL:价格-=300"),
        ("TCL:门店=江宁苏宁", "TCL:价格+=100"),
        ("TCL:门店=新街口国美",),
        ("SHARP:门店=新街口国美", "SHARP:价格=3600", "SHARP:保修年限=4"),
        ("海尔:导购评分=5",),
    ]
    return out
