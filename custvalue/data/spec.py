"""Table specs: what a kind of table is, declared once and read by one pipeline.

A :class:`TableSpec` names a kind of table (customers, orders, costs, the survey
tables, offerings, and the kinds later issues add) by its columns — a
:class:`Field` each, with header synonyms in English and Chinese, a cell type,
bounds and allowed values — its natural key, its store table and the checks that
need more than one cell. :func:`custvalue.data.pipeline.read_spec` reads any file
or frame with it. Adding a kind is declaring a spec (see
:mod:`custvalue.data.kinds`) and its store table, not writing a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from custvalue.data.ids import MAX_ID_LENGTH, MAX_TEXT_LENGTH
from custvalue.data.reading import RawTable
from custvalue.data.rejection import Rejection

if TYPE_CHECKING:
    from custvalue.data.kinds.wide import WideLayout

__all__ = ["POLARS_TYPE", "Check", "CheckContext", "Field", "FieldKind", "TableSpec"]

FieldKind = Literal["id", "key", "text", "number", "money", "date", "datetime", "choice"]

#: the polars type of each kind of cell once parsed
POLARS_TYPE: dict[str, pl.DataType] = {
    "id": pl.String(),
    "key": pl.String(),
    "text": pl.String(),
    "number": pl.Float64(),
    "money": pl.Int64(),
    "date": pl.Date(),
    "datetime": pl.Datetime("us"),
    "choice": pl.String(),
}


@dataclass(frozen=True)
class Field:
    """One canonical column of a table.

    Parameters
    ----------
    name
        Canonical column name (also what ``--map SOURCE=name`` targets).
    kind
        ``id`` (an identifier: customer, order, respondent …) and ``key`` (a name rows
        are keyed and matched by: competitor, attribute, wave …), both normalised and
        checked by the rule of :mod:`custvalue.data.ids`; ``text`` (kept as written,
        trimmed), ``number`` (float), ``money`` (integer cents, written as people write
        money), ``date``, ``datetime``, ``choice`` (one of ``choices``' canonical codes).
    synonyms
        Header spellings, English and Chinese, compared after normalisation.
    required
        The header must be present and every row needs a value.
    choices
        For ``choice``: accepted spelling -> canonical code.
    minimum, maximum
        For ``number`` and ``money``: inclusive bounds; values outside are refused
        (``money`` knows only ``minimum=0``: no negative amounts).
    default
        Value used for a missing optional column or an empty optional cell.
    stored
        The store's column name when it differs from ``name``.
    needs_value
        An optional column that, when present, needs a value in every row (an id
        column); default: the same as ``required``.
    max_length
        The most characters a cell may hold; default
        :data:`~custvalue.data.ids.MAX_ID_LENGTH` for ``id`` and ``key``,
        :data:`~custvalue.data.ids.MAX_TEXT_LENGTH` for ``text``.
    """

    name: str
    kind: FieldKind
    synonyms: tuple[str, ...] = ()
    required: bool = True
    choices: Mapping[str, str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    stored: str | None = None
    needs_value: bool | None = None
    max_length: int | None = None

    @property
    def store_name(self) -> str:
        return self.stored or self.name

    @property
    def dtype(self) -> pl.DataType:
        return POLARS_TYPE[self.kind]

    @property
    def length_limit(self) -> int | None:
        """The most characters a cell may hold (None: not limited by length)."""
        if self.max_length is not None:
            return self.max_length
        if self.kind in ("id", "key"):
            return MAX_ID_LENGTH
        return MAX_TEXT_LENGTH if self.kind == "text" else None

    @property
    def must_have_value(self) -> bool:
        return self.required if self.needs_value is None else self.needs_value


@dataclass
class CheckContext:
    """What a table check may look at besides the rows: the file's headers (canonical
    column -> header as written), the table as read, caller options and counters."""

    spec: TableSpec
    headers: dict[str, str]
    raw: RawTable
    options: Mapping[str, Any]
    rejected_lines: set[int] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def header(self, column: str) -> str:
        return self.headers.get(column, column)


#: a check over the good rows (with ``_line``): the rows kept and the rows refused
Check = Callable[[pl.DataFrame, CheckContext], tuple[pl.DataFrame, list[Rejection]]]


@dataclass(frozen=True)
class TableSpec:
    """A kind of table (see the module docstring).

    Parameters
    ----------
    label
        i18n key of the kind's name (``import.kind_orders`` …).
    fields
        The columns.
    kind
        The kind's name (``orders``, ``ratings`` …); empty for a table read only.
    key
        The natural key: rows repeating it are duplicates (same content) or conflicts.
    table
        The store table.
    extra_columns
        ``ignore`` (reported as ignored) or ``attributes`` (kept as JSON, customers).
    content_key
        The key column made from the row's content when the file has none (orders,
        costs): ``k:`` + MD5 of the content + occurrence number.
    duplicates
        A repeated key with different content: ``keep_first`` refuses the later rows,
        ``refuse_all`` refuses every row of the key.
    checks
        Checks over several cells, run on the good rows before keys and duplicates.
    set_checks
        Checks run after the in-file duplicates (e.g. one respondent's weights).
    wide
        The kind's wide layout (one row per respondent, one column per answer).
    """

    label: str
    fields: tuple[Field, ...]
    kind: str = ""
    key: tuple[str, ...] = ()
    table: str = ""
    extra_columns: Literal["ignore", "attributes"] = "ignore"
    content_key: str | None = None
    duplicates: Literal["keep_first", "refuse_all"] = "refuse_all"
    checks: tuple[Check, ...] = ()
    set_checks: tuple[Check, ...] = ()
    #: how a wide file of the kind sits (:mod:`custvalue.data.kinds.wide`), if it may
    wide: WideLayout | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def synonyms(self) -> dict[str, tuple[str, ...]]:
        return {f.name: f.synonyms for f in self.fields}

    @property
    def schema(self) -> dict[str, pl.DataType]:
        """Canonical column -> polars type."""
        return {f.name: f.dtype for f in self.fields}

    @property
    def content(self) -> tuple[str, ...]:
        """The columns that are not the key: what identical repeats must share."""
        return tuple(f.name for f in self.fields if f.name not in self.key)
