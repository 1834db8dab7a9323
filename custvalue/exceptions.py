"""Exceptions raised by custvalue.

Every exception carries a message ``code`` and ``params`` so that the CLI and
the web layer can render it in zh-CN or English (see :mod:`custvalue.i18n`);
``str(exc)`` is the English text.

::

    CustValueError
     ├── DataValidationError (ValueError)   bad values in user data or arguments
     │    └── ImportFileError               a file that cannot be read at all
     ├── NotFittedError                     a model used before ``fit``
     ├── ConvergenceError                   an optimiser that did not converge
     ├── NotFoundError (LookupError)        an unknown customer, table, segment map
     └── DatabaseError                      the store cannot be opened or migrated
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConvergenceError",
    "CustValueError",
    "DataValidationError",
    "DatabaseError",
    "ImportFileError",
    "NotFittedError",
    "NotFoundError",
]


class CustValueError(Exception):
    """Base class of every error custvalue raises on purpose.

    Parameters
    ----------
    code
        Message key in the i18n catalogs, e.g. ``"import.unreadable"``.
    **params
        Values substituted into the message template; also kept as structured
        fields (``file``, ``line``, ``column``, ``value``, ``reason`` ...).
    """

    default_code = "error.generic"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.code = code or self.default_code
        self.params: dict[str, Any] = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"en"`` or ``"zh"``; default from settings)."""
        from custvalue.i18n import t

        return t(self.code, lang=lang, **self.params)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready description: ``{"code", "message", **params}``."""
        out: dict[str, Any] = {"code": self.code, "message": self.message(lang)}
        for key, value in self.params.items():
            plain = isinstance(value, (int, float, str, type(None)))
            out.setdefault(key, value if plain else str(value))
        return out


class DataValidationError(CustValueError, ValueError):
    """Bad values in user data or arguments."""

    default_code = "error.invalid"


class ImportFileError(DataValidationError):
    """A file that cannot be read at all (missing, wrong format, no header...)."""

    default_code = "import.unreadable"


class NotFittedError(CustValueError, AttributeError):
    """A model method was called before ``fit``."""

    default_code = "model.not_fitted"


class ConvergenceError(CustValueError, RuntimeError):
    """An optimiser did not converge; ``params['advice']`` says what to try."""

    default_code = "model.no_convergence"


class NotFoundError(CustValueError, LookupError):
    """An unknown customer, table or named resource."""

    default_code = "error.not_found"


class DatabaseError(CustValueError):
    """The store cannot be opened, migrated or written."""

    default_code = "db.error"
