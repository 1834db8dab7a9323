"""A reader for gettext ``.po`` catalogs (the subset translators' tools write).

Entries have optional ``#:`` references, ``#,`` flags, ``msgctxt``, ``msgid`` and
``msgstr``, each string possibly continued on following ``"..."`` lines, with the C
escapes ``\\n``, ``\\t``, ``\\"`` and ``\\\\``. Plural forms are not used by the
catalogs of this project and are refused, as are lines the format does not know, so a
broken catalog fails loudly in the tests rather than losing a translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PoEntry", "PoSyntaxError", "parse_po"]

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


class PoSyntaxError(ValueError):
    """A line of a ``.po`` catalog that cannot be read."""


@dataclass(frozen=True)
class PoEntry:
    """One message: the English ``msgid`` and its translation ``msgstr``."""

    msgid: str
    msgstr: str
    context: str | None = None
    references: tuple[str, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def translated(self) -> bool:
        """True when the entry has a translation that is not marked fuzzy."""
        return bool(self.msgstr) and "fuzzy" not in self.flags


def _unquote(text: str, line_no: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoSyntaxError(f"line {line_no}: expected a quoted string, got {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise PoSyntaxError(f"line {line_no}: unknown escape in {text!r}")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
            continue
        if char == '"':
            raise PoSyntaxError(f"line {line_no}: unescaped quote in {text!r}")
        out.append(char)
        i += 1
    return "".join(out)


def parse_po(text: str) -> list[PoEntry]:
    """The entries of a ``.po`` catalog, in order; the header entry (empty msgid) left out."""
    entries: list[PoEntry] = []
    fields: dict[str, str] = {}
    refs: list[str] = []
    flags: set[str] = set()
    current: str | None = None

    def finish() -> None:
        nonlocal current
        if "msgid" in fields:
            if "msgstr" not in fields:
                raise PoSyntaxError(f"msgid {fields['msgid']!r} has no msgstr")
            if fields["msgid"]:
                entries.append(
                    PoEntry(
                        msgid=fields["msgid"],
                        msgstr=fields["msgstr"],
                        context=fields.get("msgctxt"),
                        references=tuple(refs),
                        flags=frozenset(flags),
                    )
                )
        elif fields:
            raise PoSyntaxError(f"an entry without msgid: {fields}")
        fields.clear()
        refs.clear()
        flags.clear()
        current = None

    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "msgstr" in fields:
                finish()
            if line.startswith("#:"):
                refs.extend(line[2:].split())
            elif line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if line.startswith('"'):
            if current is None:
                raise PoSyntaxError(f"line {line_no}: a string outside an entry")
            fields[current] += _unquote(line, line_no)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword not in {"msgctxt", "msgid", "msgstr"}:
            raise PoSyntaxError(f"line {line_no}: unsupported keyword {keyword!r}")
        if keyword in fields or (keyword != "msgstr" and "msgstr" in fields):
            finish()
        fields[keyword] = _unquote(rest, line_no)
        current = keyword
    finish()
    return entries
