"""What every result of the application layer shares: ``to_dict()`` made JSON-ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from custvalue.output import jsonable

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Result", "rows"]


def rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as JSON-ready dicts (dates as text, NaN as null)."""
    return jsonable(frame.to_dicts())  # type: ignore[no-any-return]


class Result:
    """Mixin of the frozen result dataclasses: :meth:`to_dict` is :meth:`data` made
    JSON-ready (a subclass says what its document holds in :meth:`data`)."""

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """The result as one JSON-ready document (the CLI's ``--format json``, the API)."""
        return jsonable(self.data())  # type: ignore[no-any-return]
