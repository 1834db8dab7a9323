"""Reading an offerings file (CSV or Excel, Chinese or English headers) for analysis.

The file is read and checked like ``custvalue import offerings``
(:func:`custvalue.cva.inputs.read_survey_table`): every bad row is named by line,
column and value, and nothing is used when any row is bad.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path

import polars as pl

from custvalue.data.surveys import read_survey_table
from custvalue.data.tables import TableRowsError
from custvalue.delivered.offerings import COLUMNS, prepare

__all__ = ["example_path", "read_offerings"]


def read_offerings(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    per_point: float | None = None,
    worth: Mapping[str, float] | None = None,
    groups: Mapping[str, str] | None = None,
) -> pl.DataFrame:
    """The offerings of ``path`` checked and with ``group`` and ``money`` (see
    :func:`prepare`: ``worth`` sets the money per point of score components, ``groups``
    the parts of perceived value of user-defined ones).

    Raises
    ------
    ImportFileError
        The file cannot be read or lacks a required column.
    TableRowsError
        Some rows are bad (all of them are listed).
    """
    checked = read_survey_table(
        "offerings", path, sheet=sheet, mapping=mapping, per_point=per_point
    )
    if checked.rejected:
        raise TableRowsError(checked.file, checked.rejected)
    return prepare(
        checked.rows.select(list(COLUMNS)), per_point=per_point, worth=worth, groups=groups
    )


def example_path(name: str = "coil") -> Path:
    """A bundled example file: ``coil`` (墙煌 28,800 against 丽岛 28,000 元/t), ``tv``
    (the seed's TV shop) or ``demo``."""
    if name == "demo":
        return Path(str(files("custvalue") / "examples" / "survey" / "offerings.csv"))
    return Path(str(files("custvalue") / "examples" / "delivered" / f"{name}.csv"))
