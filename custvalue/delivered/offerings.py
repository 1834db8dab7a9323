"""Offerings as a tidy frame: one row per (segment, offering, component, level).

Columns (:data:`COLUMNS`): ``segment`` (``""`` when there is none), ``offering`` (ours
or a rival's), ``component`` (a standard code of :mod:`~custvalue.delivered.components`
or a user-defined name), ``kind`` (``value`` / ``cost``), ``level`` (``episode`` /
``relationship``, Ravald & Grönroos), ``amount``, ``unit`` (``money`` or ``score``) and
``per_point`` (money per score point, for scores). :func:`prepare` checks a frame built
in a notebook the way the importer checks a file and adds ``group`` (the part of
perceived value of a value component: ``functional`` / ``social`` / ``emotional`` /
``other``; null for costs) and ``money`` = amount, or amount × per_point for scores.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from custvalue._validation import check_choice, check_columns, check_number
from custvalue.data.kinds import COLUMNS as SURVEY_COLUMNS
from custvalue.data.kinds import KEYS
from custvalue.delivered.components import (
    GROUP_NAMES,
    canonical_component,
    canonical_group,
    component_group,
    component_kind,
)
from custvalue.exceptions import DataValidationError

__all__ = ["COLUMNS", "KEY", "check_group", "check_worth", "prepare"]

COLUMNS: dict[str, pl.DataType] = SURVEY_COLUMNS["offerings"]
KEY = KEYS["offerings"]
_DEFAULTS = {
    "segment": "",
    "kind": None,
    "level": "episode",
    "unit": "money",
    "per_point": None,
    "group": None,
}

#: the spellings of the parts of perceived value an error message lists
_GROUP_SHOWN = (*GROUP_NAMES, "功能价值", "社会价值", "情感价值", "其他价值")


def check_group(name: str, value: object) -> str:
    """The code of the part of perceived value ``value`` spells (``功能价值`` →
    ``functional``), else the shared "not one of the allowed values" error naming
    ``name`` (``groups`` in the library, ``--group`` in the CLI)."""
    code = canonical_group(value) if isinstance(value, str) else None
    if code is None:
        check_choice(name, value, _GROUP_SHOWN)  # raises: no spelling of a group is left out
        raise AssertionError(value)  # pragma: no cover - check_choice raised
    return code


def check_worth(name: str, value: object) -> float:
    """``value`` as money per point if it is a number above 0, else the shared number
    error naming ``name`` (``worth`` in the library, ``--worth`` in the CLI)."""
    return check_number(name, value, above=0)


def prepare(
    frame: pl.DataFrame,
    *,
    per_point: float | None = None,
    worth: Mapping[str, float] | None = None,
    groups: Mapping[str, str] | None = None,
) -> pl.DataFrame:
    """Check ``frame`` and return the canonical columns plus ``group`` and ``money``.

    Parameters
    ----------
    frame
        At least ``offering``, ``component`` and ``amount``; the other columns of
        :data:`COLUMNS` are optional (defaults: no segment, ``kind`` from the standard
        component, ``episode`` level, ``money`` unit).
    per_point
        Money per score point for score rows that give none.
    worth
        Component → money per point for its score rows, overriding the rows' own
        ``per_point`` (the worth of a warranty year, of a store or salesperson rating
        point …). Components are matched by any spelling (``人员`` = ``人员价值``).
    groups
        User-defined value component → its part of perceived value (``functional``,
        ``social``, ``emotional`` or a Chinese spelling such as ``功能价值``); a frame may
        also carry a ``group`` column per row. Standard components have theirs
        (:data:`~custvalue.delivered.components.GROUPS`), the others count as ``other``.

    Raises
    ------
    DataValidationError
        A required column is missing, an amount is negative or not finite, a
        user-defined component has no kind, a standard component has the wrong kind, a
        score has no conversion, a (segment, offering, component, level) repeats, or a
        ``worth`` / ``groups`` entry names no such component or is not a positive
        number / a known group, or a cost row names a part of perceived value. Option
        errors are the shared ones of :mod:`custvalue._validation`.
    """
    check_columns(frame, ("offering", "component", "amount"), frame_name="offerings")
    if per_point is not None:
        check_number("per_point", per_point, above=0)
    own = frame["group"].cast(pl.String).to_list() if "group" in frame.columns else None
    rows = frame.with_columns(
        [pl.lit(v, dtype=COLUMNS[c]).alias(c) for c, v in _DEFAULTS.items() if c not in frame]
    ).select([pl.col(c).cast(t) for c, t in COLUMNS.items()])
    rows = rows.with_columns(
        pl.col("segment").fill_null(""),
        pl.col("level").fill_null("episode"),
        pl.col("unit").fill_null("money"),
    )
    for column, allowed in (("level", ("episode", "relationship")), ("unit", ("money", "score"))):
        bad = rows.filter(~pl.col(column).is_in(allowed))
        if bad.height:
            check_choice(column, bad[column][0], allowed)
    codes, kinds = [], []
    for offering, component, kind in rows.select("offering", "component", "kind").iter_rows():
        if not (offering or "").strip() or not (component or "").strip():
            raise DataValidationError(
                "delivered.blank_name", offering=(offering or "").strip() or "—"
            )
        code = canonical_component(component)
        standard = component_kind(code)
        if standard is not None and kind is not None and kind != standard:
            raise DataValidationError(
                "delivered.kind_conflict_frame",
                offering=offering,
                component=component,
                value=kind,
                expected=standard,
            )
        if standard is None and kind not in ("value", "cost"):
            raise DataValidationError(
                "delivered.kind_needed_frame", offering=offering, component=component
            )
        codes.append(code)
        kinds.append(kind or standard)
    rows = rows.with_columns(
        pl.Series("component", codes, dtype=pl.String), pl.Series("kind", kinds, dtype=pl.String)
    )
    bad_amount = rows.filter(
        pl.col("amount").is_null() | ~pl.col("amount").is_finite() | (pl.col("amount") < 0)
    )
    if bad_amount.height:
        row = bad_amount.row(0, named=True)
        raise DataValidationError(
            "delivered.bad_amount",
            offering=row["offering"],
            component=row["component"],
            value=row["amount"],
        )
    rows = _with_worth(rows, worth)
    if per_point is not None:
        rows = rows.with_columns(
            pl.when(pl.col("unit") == "score")
            .then(pl.col("per_point").fill_null(per_point))
            .otherwise(pl.col("per_point"))
            .alias("per_point")
        )
    no_rate = rows.filter((pl.col("unit") == "score") & ~(pl.col("per_point") > 0).fill_null(False))
    if no_rate.height:
        row = no_rate.row(0, named=True)
        raise DataValidationError(
            "delivered.per_point_frame", offering=row["offering"], component=row["component"]
        )
    repeated = rows.group_by(KEY).len().filter(pl.col("len") > 1)
    if repeated.height:
        row = repeated.row(0, named=True)
        raise DataValidationError(
            "delivered.repeated",
            key=" / ".join(str(row[c]) or "—" for c in KEY),
            count=row["len"],
        )
    money = pl.when(pl.col("unit") == "score").then(pl.col("amount") * pl.col("per_point"))
    return rows.with_columns(
        _groups(rows, groups, own), money.otherwise(pl.col("amount")).alias("money")
    )


def _known(rows: pl.DataFrame, condition: pl.Expr) -> str:
    names = rows.filter(condition)["component"].unique(maintain_order=True).to_list()
    return ", ".join(names) or "—"


def _with_worth(rows: pl.DataFrame, worth: Mapping[str, float] | None) -> pl.DataFrame:
    """``per_point`` of the score rows of each component in ``worth`` set to its worth."""
    if not worth:
        return rows
    scores = pl.col("unit") == "score"
    present = set(rows.filter(scores)["component"].to_list())
    for name, value in worth.items():
        code = canonical_component(name)
        if code not in present:
            raise DataValidationError(
                "delivered.worth_unknown", component=name, known=_known(rows, scores)
            )
        money = check_worth(f"worth {name}", value)
        rows = rows.with_columns(
            pl.when(scores & (pl.col("component") == code))
            .then(pl.lit(money))
            .otherwise(pl.col("per_point"))
            .alias("per_point")
        )
    return rows


def _groups(
    rows: pl.DataFrame, groups: Mapping[str, str] | None, own: list[str | None] | None
) -> pl.Series:
    """The part of perceived value of each row (null for costs): ``groups`` first, then
    the row's own ``group`` cell (a frame may carry one), then the standard part."""
    named: dict[str, str] = {}
    values = pl.col("kind") == "value"
    present = set(rows.filter(values)["component"].to_list())
    for name, group in (groups or {}).items():
        code = canonical_component(name)
        if code not in present:
            raise DataValidationError(
                "delivered.group_unknown", component=name, known=_known(rows, values)
            )
        named[code] = check_group(f"groups {name}", group)
    cells: list[str | None] = [None] * rows.height
    for i, cell in enumerate(own or []):
        if cell is not None and cell.strip():
            cells[i] = check_group("group", cell)
            if rows["kind"][i] == "cost":
                raise DataValidationError(
                    "delivered.group_on_cost_frame",
                    offering=rows["offering"][i],
                    component=rows["component"][i],
                    value=cell,
                )
    out = [
        None if kind != "value" else named.get(code) or cell or component_group(code) or "other"
        for (code, kind), cell in zip(
            rows.select("component", "kind").iter_rows(), cells, strict=True
        )
    ]
    return pl.Series("group", out, dtype=pl.String)
