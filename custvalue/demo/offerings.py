"""The demo company's offerings: delivered value per account and year, against three rivals.

The same four offerings as the demo survey (:mod:`custvalue.demo.survey`: 汇达办公 and
鑫诚办公, 快购办公网, 博远商务) in its two segments, as the components of customer
delivered value (the offerings table of ``custvalue delivered``).
:func:`generate_demo_offerings` builds the canonical frame (nothing random: the amounts
are the constants below); :func:`write_demo_offerings` writes it the way a user's file
looks (UTF-8, Chinese headers and component names), which is the bundled
``custvalue/examples/survey/offerings.csv``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from custvalue.cva.survey import COLUMNS
from custvalue.demo.survey import US

__all__ = ["FILE", "generate_demo_offerings", "write_demo_offerings"]

#: file name of the offerings in the bundled folder
FILE = "offerings.csv"

#: delivered value (元 per account and year): value components, then costs; the brand
#: image as a 10-point score at 800 元 (大客户) or 100 元 (中小企业) a point. In 中小企业
#: the difference rule prefers us and the ratio rule 快购办公网 (they disagree).
_OFFERING_COMPONENTS = (
    ("product", "value", "episode"),
    ("service", "value", "episode"),
    ("personnel", "value", "episode"),
    ("image", "value", "episode"),
    ("合作关系", "value", "relationship"),
    ("monetary", "cost", "episode"),
    ("time", "cost", "episode"),
    ("psychic", "cost", "episode"),
    ("energy", "cost", "episode"),
)
_OFFERINGS = {
    ("大客户", 800.0): {
        US: (190000, 14000, 8000, 7, 6000, 200000, 3000, 2000, 1000),
        "鑫诚办公": (192000, 9000, 6000, 9, 3000, 198000, 4500, 2500, 1000),
        "快购办公网": (186000, 5000, 2000, 5, 0, 186000, 2500, 4000, 1500),
        "博远商务": (185000, 6000, 5000, 4, 2000, 190000, 3500, 3000, 1200),
    },
    ("中小企业", 100.0): {
        US: (28500, 1800, 900, 7, 500, 30000, 600, 400, 200),
        "鑫诚办公": (28800, 1200, 600, 9, 300, 30200, 800, 500, 200),
        "快购办公网": (28000, 600, 200, 5, 0, 27500, 300, 300, 100),
        "博远商务": (27800, 900, 700, 4, 400, 29000, 700, 600, 300),
    },
}
_ZH_COMPONENT = {
    "product": "产品价值",
    "service": "服务价值",
    "personnel": "人员价值",
    "image": "形象价值",
    "monetary": "货币成本",
    "time": "时间成本",
    "psychic": "精神成本",
    "energy": "体力成本",
}
_ZH_OFFERING = {
    "value": "价值",
    "cost": "成本",
    "episode": "单次交易",
    "relationship": "关系",
    "money": "元",
    "score": "分",
}


def generate_demo_offerings() -> pl.DataFrame:
    """The canonical offerings frame (columns ``custvalue.cva.survey.COLUMNS["offerings"]``)."""
    return pl.DataFrame(
        [
            (
                segment,
                offering,
                component,
                kind,
                level,
                float(amount),
                "score" if component == "image" else "money",
                per_point if component == "image" else None,
            )
            for (segment, per_point), table in _OFFERINGS.items()
            for offering, amounts in table.items()
            for (component, kind, level), amount in zip(_OFFERING_COMPONENTS, amounts, strict=True)
            if amount or level == "episode"
        ],
        schema=COLUMNS["offerings"],
        orient="row",
    )


def write_demo_offerings(folder: str | Path, frame: pl.DataFrame) -> list[Path]:
    """Write ``frame`` as ``offerings.csv`` in ``folder`` (UTF-8, Chinese headers)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    table = frame.select(
        pl.col("segment").alias("细分市场"),
        pl.col("offering").alias("供应商"),
        pl.col("component").replace(_ZH_COMPONENT).alias("构成"),
        pl.col("kind").replace_strict(_ZH_OFFERING).alias("类别"),
        pl.col("level").replace_strict(_ZH_OFFERING).alias("层次"),
        pl.col("amount").cast(pl.Int64).alias("金额"),
        pl.col("unit").replace_strict(_ZH_OFFERING).alias("单位"),
        pl.col("per_point").cast(pl.Int64).alias("每分金额"),
    )
    path = out / FILE
    path.write_bytes(table.write_csv().encode("utf-8"))
    return [path]
