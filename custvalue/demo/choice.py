"""Regenerate the simulated TV survey and the scenario files in custvalue/examples/choice.

    python -m custvalue.demo regenerate     (all the bundled examples, docs/demo.md)

Seeded (custvalue.choice.tv.survey, seed 20240601): running it again writes the same
bytes. The true weights are custvalue.choice.tv.TRUE_WEIGHTS.
"""

from __future__ import annotations

from pathlib import Path

from custvalue.choice import tv

HERE = Path(__file__).resolve().parent.parent / "examples" / "choice"  # the bundled folder


def main(folder: Path = HERE) -> None:
    """Write tv_survey.csv, tv_shop.csv, tv_stores.csv and tv_chains.csv into ``folder``."""
    tv.survey().write_csv(folder / "tv_survey.csv")
    tv.baseline().write_csv(folder / "tv_shop.csv")
    tv.store_choice().write_csv(folder / "tv_stores.csv")
    tv.chain_choice().write_csv(folder / "tv_chains.csv")
