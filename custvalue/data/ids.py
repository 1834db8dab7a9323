"""Identifiers as people mean them: one rule for every id and every key name.

An id is what people read and type to name a customer, an order, a respondent; two
spellings that look the same to them are one id. The rule, applied by
:func:`normalize_ids` to every ``id`` and ``key`` column of every kind of table (see
:class:`~custvalue.data.spec.Field`) and by :func:`normalize_id` to every id or name a
user types to look one up:

1. zero-width characters are dropped wherever they are: zero-width space, non-joiner
   and joiner (U+200B–U+200D), word joiner (U+2060), soft hyphen (U+00AD) and the
   byte-order mark / zero-width no-break space (U+FEFF);
2. NFKC: compatibility forms become the ordinary character — full-width ``Ｃ１`` is
   ``C1``, no-break (U+00A0), ideographic (U+3000) and the other fixed-width spaces
   are a space;
3. white space at both ends (every Unicode space, tabs, line breaks) is trimmed; an id
   left empty is no id.

So ``C1``, ``C<U+200B>1``, ``Ｃ１``, ``C1<U+00A0>`` and ``<U+3000>C1`` are one customer.
What remains is refused, the row named with a reason (never stored, never a failed
file):

- a control character (``import.bad_id_control``): C0 (U+0000–U+001F: NUL, tab or a
  line break inside the id), DEL, C1 (U+0080–U+009F), the line and paragraph
  separators (U+2028, U+2029) and any other invisible format character;
- a bidirectional control (``import.bad_id_bidi``): U+200E, U+200F, U+061C,
  U+202A–U+202E, U+2066–U+2069 — they make an id display as another one;
- more than :data:`MAX_ID_LENGTH` characters (``import.id_too_long``).

Text (names, products, notes: :func:`check_text`) is kept as written, trimmed; it may
hold tabs and line breaks, refuses every other control character (NUL included) and
holds at most :data:`MAX_TEXT_LENGTH` characters. DuckDB and PostgreSQL therefore store
exactly the same rows. Ids stored before this rule are not rewritten (docs/importing.md,
"Identifiers"); lookups try the id as typed when its normal form is not there
(:func:`lookup_forms`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Collection
from typing import Any

import polars as pl

__all__ = [
    "MAX_ID_LENGTH",
    "MAX_TEXT_LENGTH",
    "check_ids",
    "check_text",
    "lookup_forms",
    "match_id",
    "normalize_id",
    "normalize_ids",
    "problem_params",
    "shown_value",
    "trim_text",
]

#: the most characters an id or a key name may hold (a B-tree key on PostgreSQL holds a
#: few of them; a megabyte "id" is a mistake, refused by row)
MAX_ID_LENGTH = 100
#: the most characters a text cell (a name, a product, a note) may hold
MAX_TEXT_LENGTH = 1000

_DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH = f"[{_DROPPED}]"
_BIDI = "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_CONTROL = r"[\p{Cc}\p{Cf}\u2028\u2029]"
#: controls refused in text: all but tab, line feed and carriage return
_TEXT_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
#: cells that need no work: printable ASCII without spaces at the ends
_PLAIN = r"^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$"

#: Unicode white space (``White_Space``: what the rule trims at both ends of a cell)
_WHITE_CHARS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TRIMMED_TEXT = _WHITE_CHARS + "\u200b\u2060\ufeff"


def normalize_ids(s: pl.Series) -> pl.Series:
    """Steps 1–3 of the module docstring on every cell; empty cells become null."""
    if s.len() == 0 or bool(s.str.contains(_PLAIN).fill_null(True).all()):
        return s
    out = s.str.replace_all(_ZERO_WIDTH, "")
    if bool(out.str.contains(r"[^\x00-\x7f]").any()):
        out = out.str.normalize("NFKC")
    return out.str.strip_chars(_WHITE_CHARS).replace("", None).rename(s.name)


def trim_text(s: pl.Series) -> pl.Series:
    """Text kept as written: white space and zero-width characters trimmed at both ends
    only; empty cells become null."""
    return s.str.strip_chars(_TRIMMED_TEXT).replace("", None).rename(s.name)


def check_ids(s: pl.Series, *, limit: int = MAX_ID_LENGTH) -> pl.Series:
    """Per cell of normalised ids: null or the reason key it is refused for."""
    frame = pl.DataFrame({"v": s})
    v = pl.col("v")
    if not bool(s.str.contains(r"[^\x20-\x7e]").any()):  # printable ASCII: length only
        too_long = pl.when(v.str.len_chars() > limit).then(pl.lit("import.id_too_long"))
        return frame.select(too_long.cast(pl.String).alias(s.name or "reason")).to_series()
    reason = (
        pl.when(v.str.contains(_BIDI))
        .then(pl.lit("import.bad_id_bidi"))
        .when(v.str.contains(_CONTROL))
        .then(pl.lit("import.bad_id_control"))
        .when(v.str.len_chars() > limit)
        .then(pl.lit("import.id_too_long"))
    )
    return frame.select(reason.cast(pl.String).alias(s.name or "reason")).to_series()


def check_text(s: pl.Series, *, limit: int = MAX_TEXT_LENGTH) -> pl.Series:
    """Per cell of trimmed text: null or the reason key it is refused for."""
    frame = pl.DataFrame({"v": s})
    v = pl.col("v")
    reason = (
        pl.when(v.str.contains(_TEXT_CONTROL))
        .then(pl.lit("import.bad_text_control"))
        .when(v.str.len_chars() > limit)
        .then(pl.lit("import.text_too_long"))
    )
    return frame.select(reason.cast(pl.String).alias(s.name or "reason")).to_series()


@functools.lru_cache(maxsize=4096)
def normalize_id(value: str) -> str:
    """One id by the rule of the module docstring (the same code as an import's; the
    answers for the last few thousand ids typed are kept)."""
    out = normalize_ids(pl.Series([value], dtype=pl.String))[0]
    return "" if out is None else str(out)


def lookup_forms(value: str) -> tuple[str, ...]:
    """The ids a user means by ``value``, best first: its normal form, then ``value`` as
    typed (an id stored before the rule keeps its old spelling)."""
    normal = normalize_id(value)
    return (normal,) if normal == value else (normal, value)


def match_id(value: str, known: Collection[str]) -> str | None:
    """The member of ``known`` that ``value`` means (see :func:`lookup_forms`), else None."""
    return next((form for form in lookup_forms(value) if form in known), None)


# --- how a refused value is shown ------------------------------------------------------

_SHOWN_LENGTH = 60
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]"
)


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}"


def shown_value(value: str | None) -> str | None:
    """``value`` as a rejection shows it: invisible and control characters written as
    ``\\u202e``, and a very long value cut to its start (``…``)."""
    if value is None:
        return None
    long = len(value) > _SHOWN_LENGTH
    head = value[:_SHOWN_LENGTH] if long else value
    return _INVISIBLE.sub(lambda m: _escape(m.group()), head) + ("…" if long else "")


def _first(value: str, wanted: Callable[[str], bool]) -> dict[str, Any]:
    """The first character of ``value`` that ``wanted`` picks, as ``U+XXXX``, and its
    position (1-based) in the value as written."""
    for position, char in enumerate(value, start=1):
        if wanted(char):
            return {"char": f"U+{ord(char):04X}", "position": position}
    return {"char": "?", "position": "?"}


def _is_bidi(char: str) -> bool:
    return re.fullmatch(_BIDI, char) is not None


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") and char not in _DROPPED


def _is_text_control(char: str) -> bool:
    return re.fullmatch(_TEXT_CONTROL, char) is not None


def problem_params(reason: str, value: str | None, limit: int) -> dict[str, Any]:
    """The details a refusal's message names: the character and its position in the
    value as written, or the length (after the rule) and the limit."""
    if value is None:
        return {}
    if reason == "import.bad_id_bidi":
        return _first(value, _is_bidi)
    if reason == "import.bad_id_control":
        lead = len(value) - len(value.lstrip(_WHITE_CHARS))
        found = _first(value.strip(_WHITE_CHARS), _is_control)
        if isinstance(found["position"], int):
            found["position"] += lead
        return found
    if reason == "import.bad_text_control":
        return _first(value, _is_text_control)
    if reason == "import.id_too_long":
        return {"length": len(normalize_id(value)), "limit": limit}
    if reason == "import.text_too_long":
        trimmed = trim_text(pl.Series([value], dtype=pl.String))[0] or ""
        return {"length": len(trimmed), "limit": limit}
    return {}
