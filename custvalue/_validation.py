"""The one vocabulary of checks shared by the library and the CLI.

Every entry point — a library function, a CLI option, an importer — checks its inputs
with these helpers, so the library refuses what the CLI refuses and each kind of
mistake reads the same everywhere, with one message key each:

=====================  ==============================  ===========================
helper                 refuses                         message key
=====================  ==============================  ===========================
:func:`check_choice`   a value outside a fixed set     ``validation.choice``
:func:`check_number`   not a finite number, out of     ``validation.not_a_number``,
                       bounds, not whole               ``validation.number_range``,
                                                       ``validation.not_whole``
:func:`check_numbers`  the same, for each value of an  (the same keys, naming
                       array (``horizon[3]``)          the first bad position)
:func:`check_frame`    not a polars DataFrame          ``validation.not_a_frame``
:func:`check_columns`  a frame without some columns    ``validation.missing_columns``
:func:`check_unique`   repeated ids                    ``validation.not_unique``
:func:`check_non_negative`  negative values            ``validation.negative``
=====================  ==============================  ===========================

``name`` is what the user wrote: a parameter (``distance``) in the library, the option
(``--distance``) in the CLI; messages name it, the value given and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = [
    "check_choice",
    "check_columns",
    "check_frame",
    "check_non_negative",
    "check_number",
    "check_numbers",
    "check_unique",
]

T = TypeVar("T")


def check_frame(frame: Any, *, name: str = "data") -> pl.DataFrame:
    """``frame`` if it is a polars DataFrame, else :class:`DataValidationError`."""
    if not isinstance(frame, pl.DataFrame):
        raise DataValidationError("validation.not_a_frame", frame=name, got=type(frame).__name__)
    return frame


def check_columns(frame: Any, columns: Iterable[str], *, frame_name: str = "data") -> None:
    """Raise when ``frame`` is not a polars DataFrame or lacks ``columns``."""
    check_frame(frame, name=frame_name)
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise DataValidationError(
            "validation.missing_columns",
            frame=frame_name,
            missing=", ".join(missing),
            found=", ".join(frame.columns),
        )


def _first_id(frame: pl.DataFrame, mask: pl.Series, id_column: str) -> Any:
    if id_column in frame.columns:
        return frame.filter(mask)[id_column][0]
    return int(mask.arg_true()[0])


def check_unique(frame: pl.DataFrame, column: str, *, id_column: str = "customer_id") -> None:
    """Raise when ``column`` has repeated values."""
    dup = frame[column].is_duplicated()
    if dup.any():
        raise DataValidationError(
            "validation.not_unique",
            column=column,
            count=int(dup.sum()),
            first=_first_id(frame, dup, column),
        )


def check_non_negative(
    frame: pl.DataFrame, columns: Sequence[str], *, id_column: str = "customer_id"
) -> None:
    """Raise when any of ``columns`` has negative values."""
    for column in columns:
        bad = (frame[column] < 0).fill_null(False)
        if bad.any():
            raise DataValidationError(
                "validation.negative",
                column=column,
                count=int(bad.sum()),
                id_column=id_column,
                first=_first_id(frame, bad, id_column),
            )


def check_choice(
    name: str,
    value: T,
    allowed: Iterable[Any],
    *,
    error: type[DataValidationError] = DataValidationError,
) -> T:
    """``value`` if it is one of ``allowed``, else an error naming ``name``, the value and
    the allowed ones (``--distance: 'x' is not one of the allowed values; use one of:
    vertical, perpendicular.``). ``error`` picks the exception class (e.g.
    :class:`~custvalue.exceptions.ImportFileError` for an import kind)."""
    options = list(allowed)
    if isinstance(value, bool) or not any(_same(value, o) for o in options):
        raise error(
            "validation.choice",
            name=name,
            got=value,
            allowed=", ".join(map(str, options)),
        )
    return value


def _same(value: Any, option: Any) -> bool:
    try:
        return bool(value == option)
    except Exception:  # noqa: BLE001 - an exotic object that cannot be compared is not allowed
        return False


def _num(value: float) -> str:
    return f"{value:g}"


def _rule(
    name: str,
    minimum: float | None,
    maximum: float | None,
    above: float | None,
    below: float | None,
) -> str:
    low = (f"{_num(above)} <", f"{name} > {_num(above)}") if above is not None else None
    if low is None and minimum is not None:
        low = (f"{_num(minimum)} ≤", f"{name} ≥ {_num(minimum)}")
    high = (f"< {_num(below)}", f"{name} < {_num(below)}") if below is not None else None
    if high is None and maximum is not None:
        high = (f"≤ {_num(maximum)}", f"{name} ≤ {_num(maximum)}")
    if low and high:
        return f"{low[0]} {name} {high[0]}"
    return (low or high or ("", name))[1]


def check_number(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    above: float | None = None,
    below: float | None = None,
    integer: bool = False,
) -> float:
    """``value`` as a float if it is a finite number within the bounds, else an error
    naming ``name``, the value and the rule (``horizon must be a number with horizon > 0;
    got -5.0.``). ``minimum``/``maximum`` are inclusive, ``above``/``below`` exclusive;
    ``integer`` asks for a whole number."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not ok or not math.isfinite(float(value)):
        raise DataValidationError("validation.not_a_number", name=name, got=value)
    number = float(value)
    if integer and not number.is_integer():
        raise DataValidationError("validation.not_whole", name=name, got=value)
    if (
        (minimum is not None and number < minimum)
        or (maximum is not None and number > maximum)
        or (above is not None and number <= above)
        or (below is not None and number >= below)
    ):
        raise DataValidationError(
            "validation.number_range",
            name=name,
            got=value,
            rule=_rule(name, minimum, maximum, above, below),
        )
    return number


def check_numbers(
    name: str,
    values: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    above: float | None = None,
    below: float | None = None,
    integer: bool = False,
) -> Any:
    """``values`` (a number or an array of them) as a float NumPy array if every value
    passes :func:`check_number`; else the error of the first one that does not, named
    by its position (``horizon[3]: -1.0 is out of range; …``)."""
    import numpy as np  # not at import time: the CLI starts without NumPy

    try:
        raw = np.asarray(values)
    except (TypeError, ValueError):  # ragged nested lists
        raise DataValidationError("validation.not_a_number", name=name, got=values) from None
    if raw.dtype.kind not in "iuf":  # text, booleans, None: name the first such value
        for position in np.ndindex(raw.shape):
            item = raw[position]
            if not (
                isinstance(item, (int, float, np.integer, np.floating)) and raw.dtype.kind != "b"
            ):
                where = name + "".join(f"[{i}]" for i in position)
                got = item.item() if isinstance(item, np.generic) else item
                raise DataValidationError("validation.not_a_number", name=where, got=got)
    array = np.asarray(raw, dtype=np.float64)
    bad = ~np.isfinite(array)
    with np.errstate(invalid="ignore"):
        if minimum is not None:
            bad |= array < minimum
        if maximum is not None:
            bad |= array > maximum
        if above is not None:
            bad |= array <= above
        if below is not None:
            bad |= array >= below
        if integer:
            bad |= array != np.round(array)
    if bad.any():
        position = np.unravel_index(int(np.argmax(bad)), array.shape) if array.ndim else ()
        where = name + "".join(f"[{i}]" for i in position)
        check_number(
            where,
            float(array[position]),
            minimum=minimum,
            maximum=maximum,
            above=above,
            below=below,
            integer=integer,
        )
    return array
