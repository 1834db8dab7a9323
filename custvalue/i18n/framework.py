"""The command-line framework's own texts in the language in force.

Typer (and the Click it vendors as ``typer._click``) writes "Usage:", "Options",
"[default: …]", "Missing argument …" and the like in English. Their Chinese is in the
gettext catalog ``locale/zh_CN/LC_MESSAGES/typer.po``, keyed by the framework's own
English text (its msgid). Two ways of use:

* :func:`gettext` looks a fixed text up (panel titles, "[required]", "Usage: ");
* :func:`translate` rewrites a finished framework message: each msgid with ``{fields}``
  is also a pattern ("Got unexpected extra argument(s) ({extra_args})"), the fields
  found are translated in turn (a field may itself be a framework text, such as the
  Pydantic reason inside "Invalid value for '--top': …") and put in the translation.

Both follow :func:`custvalue.i18n.get_lang` at the moment of the call, so the result is
right for a language chosen per request too. Nothing here imports the framework.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from custvalue.i18n import get_lang
from custvalue.i18n.po import PoEntry, parse_po

__all__ = ["CATALOG", "entries", "gettext", "relabel", "translate"]

CATALOG = ("locale", "zh_CN", "LC_MESSAGES", "typer.po")
"""Where the framework catalog lives, inside the ``custvalue.i18n`` package."""

_FIELD = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")


@cache
def entries() -> tuple[PoEntry, ...]:
    """The translated entries of the framework catalog."""
    text = resources.files("custvalue.i18n").joinpath(*CATALOG).read_text(encoding="utf-8")
    return tuple(entry for entry in parse_po(text) if entry.translated)


@cache
def _by_msgid() -> dict[str, str]:
    return {entry.msgid: entry.msgstr for entry in entries()}


@cache
def _by_text() -> dict[str, str]:
    """Either language's text -> msgid."""
    found: dict[str, str] = {}
    for entry in entries():
        found.setdefault(entry.msgid, entry.msgid)
        found.setdefault(entry.msgstr, entry.msgid)
    return found


def _pattern(msgid: str) -> re.Pattern[str] | None:
    parts: list[str] = []
    end = 0
    names: set[str] = set()
    matches = list(_FIELD.finditer(msgid))
    for i, match in enumerate(matches):
        name = match.group(1)
        if not name or name in names:
            return None  # positional or repeated fields: looked up, never matched
        names.add(name)
        parts.append(re.escape(msgid[end : match.start()]))
        glued = i + 1 < len(matches) and matches[i + 1].start() == match.end()
        # a field followed directly by another is one word ("Missing {param_type}{param_hint}")
        parts.append(f"(?P<{name}>\\S+)" if glued else f"(?P<{name}>.+?)")
        end = match.end()
    if not names:
        return None
    parts.append(re.escape(msgid[end:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, msgstr) for each msgid with named fields, the most literal text first."""
    found = []
    for entry in entries():
        pattern = _pattern(entry.msgid)
        if pattern is not None:
            literal = len(_FIELD.sub("", entry.msgid))
            found.append((literal, pattern, entry.msgstr))
    found.sort(key=lambda item: -item[0])
    return tuple((pattern, msgstr) for _, pattern, msgstr in found)


def _fill(template: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def gettext(msgid: str, lang: str | None = None) -> str:
    """The framework text ``msgid`` in the language in force (``msgid`` itself in English
    or when the catalog has no translation)."""
    if get_lang(lang) != "zh":
        return msgid
    return _by_msgid().get(msgid, msgid)


def relabel(text: str, lang: str | None = None) -> str:
    """``text`` (a framework text in either language) in the language in force."""
    msgid = _by_text().get(text)
    return text if msgid is None else gettext(msgid, lang)


def translate(message: str, lang: str | None = None) -> str:
    """A finished framework message in the language in force; text the catalog does not
    know is left as it is."""
    if get_lang(lang) != "zh" or not message:
        return message
    return _translate(message)


def _translate(message: str) -> str:
    exact = _by_msgid().get(message)
    if exact is not None:
        return exact
    for pattern, msgstr in _patterns():
        match = pattern.fullmatch(message)
        if match:
            values = {name: _translate(value) for name, value in match.groupdict().items()}
            return _fill(msgstr, values)
    if not message.endswith("."):
        # Typer strips the full stop of a message it extends ("No such command 'x'")
        dotted = _translate(message + ".")
        if dotted != message + ".":
            return dotted.rstrip("。.")
    return message
