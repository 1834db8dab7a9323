"""Regenerate the simulated TV survey and the two scenario files in this folder.

    .venv/bin/python custvalue/examples/choice/make_tv_survey.py

Seeded (custvalue.choice.tv.survey, seed 20240601): running it again writes the same
bytes. The true weights are custvalue.choice.tv.TRUE_WEIGHTS.
"""

from __future__ import annotations

from pathlib import Path

from custvalue.choice import tv

HERE = Path(__file__).resolve().parent


def main(folder: Path = HERE) -> None:
    """Write tv_survey.csv, tv_shop.csv and tv_stores.csv into ``folder``."""
    tv.survey().write_csv(folder / "tv_survey.csv")
    tv.baseline().write_csv(folder / "tv_shop.csv")
    tv.store_choice().write_csv(folder / "tv_stores.csv")


if __name__ == "__main__":
    main()
