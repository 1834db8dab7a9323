"""Messages in zh-CN and English.

Every text a user reads is looked up here by key. Catalogs live in
``_catalog_<area>.py`` modules, each defining ``MESSAGES = {key: (en, zh)}``;
templates use :py:meth:`str.format` fields.

The language is chosen, in order, by the ``lang`` argument, :func:`set_lang`,
the ``CUSTVALUE_LANG`` environment variable, then ``LC_ALL`` / ``LC_MESSAGES`` /
``LANG`` (any value starting with ``zh`` selects Chinese); English otherwise.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache
from typing import Any, Literal

__all__ = ["Lang", "get_lang", "label", "normalize_lang", "set_lang", "t"]

Lang = Literal["en", "zh"]

_override: Lang | None = None


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
    """Set the language for this process (``None`` goes back to the environment)."""
    global _override
    _override = normalize_lang(lang)


def get_lang(lang: str | None = None) -> Lang:
    """The language in force (see the module docstring for the order)."""
    chosen = normalize_lang(lang) or _override
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
