"""Messages in zh-CN and English.

Every text a user reads is looked up here by key. Catalogs live in
``_catalog_<area>.py`` modules, each defining ``MESSAGES = {key: (en, zh)}``;
templates use :py:meth:`str.format` fields.

The language is chosen, in order, by the ``lang`` argument, :func:`set_lang`
(or :func:`using_lang`), the ``CUSTVALUE_LANG`` environment variable, then
``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` (any value starting with ``zh`` selects
Chinese); English otherwise. The language set by :func:`set_lang` lives in a
:class:`contextvars.ContextVar`, so a server can give each request its own.

Texts of the CLI framework (Typer's "Usage", "Options", error messages) are
translated by :mod:`custvalue.i18n.framework` from a gettext catalog; see
docs/i18n.md.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, Literal

__all__ = [
    "LANGS",
    "Lang",
    "get_lang",
    "has_key",
    "label",
    "normalize_lang",
    "relabel",
    "set_lang",
    "t",
    "using_lang",
]

Lang = Literal["en", "zh"]

LANGS: tuple[Lang, ...] = ("zh", "en")
"""The languages that exist, as ``--lang`` and ``CUSTVALUE_LANG`` name them."""

_override: ContextVar[Lang | None] = ContextVar("custvalue_lang", default=None)


def normalize_lang(value: str | None) -> Lang | None:
    """Map ``zh_CN.UTF-8``, ``zh-CN``, ``cn``, ``en_US`` ... to ``"zh"`` / ``"en"``."""
    if not value:
        return None
    v = value.strip().lower().replace("-", "_")
    if v.startswith(("zh", "cn")):
        return "zh"
    if v.startswith("en") or v in {"c", "posix"} or v.startswith("c."):
        return "en"
    return None


def set_lang(lang: str | None) -> None:
    """Set the language for the current context (``None`` goes back to the environment).

    An unknown name counts as ``None``; callers that take a name from the user check it
    with :func:`normalize_lang` first and say which names exist (:data:`LANGS`).
    """
    _override.set(normalize_lang(lang))


@contextmanager
def using_lang(lang: str | None) -> Iterator[None]:
    """Use ``lang`` inside the ``with`` block only (e.g. for one request)."""
    token = _override.set(normalize_lang(lang))
    try:
        yield
    finally:
        _override.reset(token)


def get_lang(lang: str | None = None) -> Lang:
    """The language in force (see the module docstring for the order)."""
    chosen = normalize_lang(lang) or _override.get()
    if chosen:
        return chosen
    for var in ("CUSTVALUE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = normalize_lang(os.environ.get(var))
        if found:
            return found
    return "en"


@cache
def _catalog() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    package = importlib.import_module(__name__)
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_catalog_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for key, value in module.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"duplicate i18n key {key!r} in {info.name}")
                merged[key] = value
    return merged


def has_key(key: str) -> bool:
    """True when ``key`` is in the catalogs."""
    return key in _catalog()


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """Render message ``key`` in the chosen language with ``params``.

    An unknown key renders as the key itself followed by the parameters, so a
    missing translation never hides information.
    """
    entry = _catalog().get(key)
    if entry is None:
        extra = ", ".join(f"{k}={v!r}" for k, v in params.items())
        return f"{key}: {extra}" if extra else key
    template = entry[1] if get_lang(lang) == "zh" else entry[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def label(key: str, lang: str | None = None) -> str:
    """A short label (column header, segment name) by key; same rules as :func:`t`."""
    return t(key, lang)


@cache
def _keys_by_text() -> dict[str, str]:
    """Every catalog text without parameters (either language) -> its key."""
    found: dict[str, str] = {}
    for key, (en, zh) in _catalog().items():
        for text in (en, zh):
            if "{" not in text:
                found.setdefault(text, key)
    return found


def relabel(text: str | None, lang: str | None = None) -> str | None:
    """``text`` in the language in force, when it is a catalog text (in either language)
    that takes no parameters; any other text unchanged.

    Help texts written when a module was imported are shown in the language of the
    moment this way.
    """
    if not text:
        return text
    key = _keys_by_text().get(text)
    return t(key, lang) if key is not None else text
