"""One refused row of an import: where it is, what it holds and why it was refused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from custvalue.i18n import t

__all__ = ["Rejection"]


@dataclass(frozen=True)
class Rejection:
    """One refused row: physical line, source column (as written), value and reason key."""

    line: int
    column: str | None
    value: str | None
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        """The reason in words (what is wrong and how to fix it)."""
        params = {"value": self.value, "column": self.column, **self.params}
        return t(self.reason, lang=lang, **params)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """``{"line", "column", "value", "reason", "code"}`` for JSON output."""
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "reason": self.message(lang),
            "code": self.reason,
        }
