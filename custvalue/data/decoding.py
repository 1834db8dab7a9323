"""A text file's bytes to text, the encoding decided from evidence over the whole file.

The rule (also in docs/importing.md, "Encoding"):

1. A byte-order mark decides: ``EF BB BF`` is UTF-8 (``utf-8-sig``); ``FF FE`` /
   ``FE FF`` is UTF-16 little/big endian (``utf-16-le`` / ``utf-16-be``; Excel's
   "Unicode text" is UTF-16LE with a BOM, tab-separated), decoded strictly; a UTF-32
   mark is refused.
2. Without a mark, zero bytes in the pattern of UTF-16 or UTF-32 text (every second or
   every fourth byte) are refused: such a file cannot be read safely without its mark.
3. A file that is valid UTF-8 as a whole is UTF-8 (one ``bytes.decode``: the clean case
   costs nothing more).
4. Otherwise every physical line (ended by CR LF, LF or CR) is judged on its own:

   - *ASCII*: the same in every encoding here, it never decides anything;
   - *other*: not valid UTF-8;
   - *UTF-8*: valid UTF-8 with non-ASCII characters that is surely meant so: its
     characters include three-byte sequences and are all East Asian text (hanzi,
     CJK punctuation, full-width forms) and its GBK reading is not more plausible — GBK
     text forms such sequences by chance, but then reads as rare hanzi in UTF-8 and as
     common ones in GBK — or, read as GBK, it is invalid or less plausible than read as UTF-8
     (plausibility: the share of characters outside the common GB2312 ones — level-1
     hanzi and the symbol rows count as common, level-2 hanzi as half rare, everything
     else as rare);
   - *either*: valid both ways and not surely UTF-8 (for instance the GBK bytes of 小
     are also the UTF-8 of the Cyrillic С); it follows the file.

   With more UTF-8 lines than other lines (as many, when the header is not an other
   line: a tie goes to the header's encoding) the file is UTF-8 and every other
   line is refused by line (``import.line_not_utf8``); otherwise the file is GBK — or
   GB18030 when GBK cannot decode it — and every UTF-8 line is refused by line
   (``import.line_utf8_in_gbk``): read as GBK it would be mojibake. A file that is then
   still not decodable is refused naming the line and byte offset (``import.encoding``).

Refused lines are kept in the text in a form that keeps the file's structure and shows
the bytes (``\\xba\\xec`` for a byte that is not UTF-8, the true text for a UTF-8 line),
so that the CSV reader can name the row they belong to; nothing of them is stored.

Zero bytes that are not UTF-16 are kept: the parser of the cell holding one refuses it
(and the CSV reader a header holding one).

Limits: a line whose only non-ASCII characters are two-byte UTF-8 sequences that also
read as common GBK characters (``é`` is the GBK bytes of 脙) cannot be told from GBK
and follows the file. Text in another encoding that GBK happens to decode (Big5,
EUC-KR, Shift-JIS, some Latin-1) is not told from GBK.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

import polars as pl

from custvalue.exceptions import ImportFileError

__all__ = ["LINE_BREAK", "Decoded", "LineIssue", "decode"]

#: a physical line break, as the CSV reader counts them
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
_SAMPLE = 1 << 16
_FFFD = "\ufffd".encode()


@dataclass(frozen=True)
class LineIssue:
    """One physical line refused while decoding: its reason key and what to show."""

    reason: str
    offset: int  # byte offset in the file of the first offending byte
    text: str  # the line as the report shows it (never stored)
    encoding: str  # the file's encoding, as the message names it


@dataclass
class Decoded:
    """The file's text, its encoding, and the physical lines refused while decoding."""

    text: str
    encoding: str
    #: physical line number (1 = first line) → why it is refused
    issues: dict[int, LineIssue] = field(default_factory=dict)
    #: the UTF-8 bytes of ``text`` when they are the file's own (no copy needed)
    utf8: bytes | None = None


def _line_of(text: str, position: int) -> int:
    """The physical line (1-based) of character ``position`` of ``text``."""
    return len(LINE_BREAK.findall(text, 0, position)) + 1


def decode(name: str, data: bytes) -> Decoded:
    """``data`` as text by the rule of the module docstring.

    Raises :class:`ImportFileError` for UTF-32, UTF-16 without a byte-order mark, and
    text that no rule can decode.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ImportFileError("import.encoding_utf32", file=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(name, data)
    if data.startswith(b"\xef\xbb\xbf"):
        body, encoding, skip = data[3:], "utf-8-sig", 3
    else:
        body, encoding, skip = data, "utf-8", 0
        _refuse_wide_without_mark(name, data)
    try:
        return Decoded(body.decode("utf-8"), encoding, utf8=body)
    except UnicodeDecodeError:
        pass
    return _by_line(name, body, encoding, skip)


# --- byte-order marks and wide text ---------------------------------------------------


def _utf16(name: str, data: bytes) -> Decoded:
    codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
    try:
        text = data[2:].decode(codec)
    except UnicodeDecodeError as error:
        before = data[2 : 2 + error.start].decode(codec, "replace")
        raise ImportFileError(
            "import.encoding_utf16",
            file=name,
            encoding=codec.upper().replace("-LE", "LE").replace("-BE", "BE"),
            line=_line_of(before, len(before)),
            offset=error.start + 2,
        ) from None
    return Decoded(text, codec)


def _refuse_wide_without_mark(name: str, data: bytes) -> None:
    """UTF-16 or UTF-32 text without a byte-order mark: zeros at every 2nd or 4th byte."""
    head = data[:_SAMPLE]
    if b"\x00" not in head:
        return
    head = head[: len(head) - len(head) % 4]

    def zeros(width: int) -> list[float]:
        lanes = [head[i::width] for i in range(width)]
        return [lane.count(0) / max(1, len(lane)) for lane in lanes]

    z4, z2 = zeros(4), zeros(2)
    if (z4[2] > 0.9 and z4[3] > 0.9 and z4[0] < 0.2) or (
        z4[0] > 0.9 and z4[1] > 0.9 and z4[3] < 0.2
    ):
        raise ImportFileError("import.encoding_no_bom", file=name, encoding="UTF-32")
    if (z2[1] > 0.25 and z2[0] < 0.05) or (z2[0] > 0.25 and z2[1] < 0.05):
        raise ImportFileError("import.encoding_no_bom", file=name, encoding="UTF-16")


# --- UTF-8 or GBK, line by line ----------------------------------------------------------


@dataclass
class _Lines:
    """The physical lines of the file: where each starts in the body (one more: the end)."""

    body: bytes
    starts: list[int]
    skip: int  # bytes of the file before the body (a byte-order mark)

    @classmethod
    def split(cls, body: bytes, skip: int) -> _Lines:
        if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
            ends = [m.end() for m in _LINE_BREAK_BYTES.finditer(body)]
        else:
            ends = list(accumulate(len(part) + 1 for part in body.split(b"\n")))[:-1]
        return cls(body, [0, *ends, len(body)], skip)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def content(self, i: int) -> bytes:
        """Line ``i`` without its line break."""
        line = self.body[self.starts[i] : self.starts[i + 1]]
        return line.rstrip(b"\n").removesuffix(b"\r")

    def text(self, start: int, stop: int, codec: str, skip: int = 0) -> str:
        """Lines ``start`` to ``stop`` (excluded), with their breaks, in ``codec`` (the
        first ``skip`` bytes left out)."""
        return self.body[self.starts[start] + skip : self.starts[stop]].decode(codec)

    def offset(self, i: int) -> int:
        """The file offset of line ``i``'s first byte."""
        return self.skip + self.starts[i]


def _by_line(name: str, body: bytes, encoding: str, skip: int) -> Decoded:
    """A file that is not valid UTF-8 as a whole: UTF-8 with other lines, or GBK."""
    utf8_lines, other, split = _classify(body, skip)
    # a tie goes to the header's encoding: the program that wrote the file wrote it
    header_other = len(other) > 0 and int(other[0]) == 0
    sure = _surely_utf8_lines(utf8_lines, stop_at=len(other) + int(header_other))
    if len(sure) > len(other) or (len(sure) == len(other) and not header_other):
        lines = split or _Lines.split(body, skip)
        return _utf8_with_other_lines(lines, [int(i) for i in other], encoding)
    refused = sure + _surely_utf8_lines(utf8_lines)  # the lines not judged yet
    if not refused:  # the usual GBK file: one decode (the lines are split only if it fails)
        for codec in ("gbk", "gb18030"):
            try:
                return Decoded(body.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    return _gbk_with_utf8_lines(name, split or _Lines.split(body, skip), refused)


def _classify(
    body: bytes, skip: int
) -> tuple[Iterator[tuple[int, bytes]], pl.Series | list[int], _Lines | None]:
    """The lines that are valid UTF-8 with non-ASCII bytes (index, bytes; lazily) and the
    indexes of the lines that are not valid UTF-8. Vectorised where Polars splits lines
    as the CSV reader does (no lone CR), else line by line (the split lines returned)."""
    lone_cr = b"\r" in body and body.count(b"\r") != body.count(b"\r\n")
    if not lone_cr and b"\x1e" not in body and _FFFD not in body:
        raw = pl.read_csv(
            body,
            has_header=False,
            separator="\x1e",
            quote_char=None,
            encoding="utf8-lossy",
            schema={"raw": pl.String},
            truncate_ragged_lines=True,
        )["raw"]
        count = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
        bad = raw.str.contains("\ufffd", literal=True)
        other = bad.arg_true()
        if len(other) and len(raw) == count:  # else judge them line by line, below
            index = pl.int_range(0, len(raw), eager=True).filter(bad.not_())
            found = raw.filter(bad.not_())
            wide = found.str.contains(r"[^\x00-\x7F]")
            pairs = zip(index.filter(wide), found.filter(wide), strict=True)
            return ((int(i), v.encode()) for i, v in pairs), other, None
    lines = _Lines.split(body, skip)
    valid: list[tuple[int, bytes]] = []
    bad_lines: list[int] = []
    for i in range(len(lines)):
        line = lines.content(i)
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad_lines.append(i)
            continue
        valid.append((i, line))
    return iter(valid), bad_lines, lines


def _surely_utf8_lines(lines: Iterator[tuple[int, bytes]], stop_at: int | None = None) -> list[int]:
    """The lines (indexes) that are surely UTF-8; with ``stop_at``, only until that many
    (the rest of ``lines`` is then left for the next call)."""
    sure: list[int] = []
    if stop_at is not None and stop_at <= 0:
        return sure
    for i, line in lines:
        if _surely_utf8(line):
            sure.append(i)
            if stop_at is not None and len(sure) >= stop_at:
                break
    return sure


def _surely_utf8(line: bytes) -> bool:
    """Valid UTF-8 that is surely meant as UTF-8 (module docstring): Chinese text in
    three-byte sequences, or a GBK reading that is invalid or less plausible."""
    as_utf8 = line.decode("utf-8")
    wide = [c for c in as_utf8 if c > "\x7f"]
    as_gbk = None
    for codec in ("gbk", "gb18030"):
        try:
            as_gbk = line.decode(codec)
            break
        except UnicodeDecodeError:
            continue
    if as_gbk is None:
        return True
    utf8_rarity, gbk_rarity = _rarity(as_utf8), _rarity(as_gbk)
    if any(c >= "\u0800" for c in wide) and all(_is_cjk(c) for c in wide):
        # Chinese in three-byte sequences: UTF-8, unless the GBK reading is the more
        # plausible one (common hanzi against rare ones: GBK bytes that happen to be
        # valid UTF-8)
        return utf8_rarity <= gbk_rarity
    return utf8_rarity < gbk_rarity


def _is_cjk(c: str) -> bool:
    """Punctuation, symbols, kana and hanzi of East Asian text, and full-width forms."""
    return "\u2000" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uffef"


def _rarity(text: str) -> float:
    """The mean rarity of the non-ASCII characters: 0 common, 0.5 level-2 hanzi, 1 other."""
    common, level2 = _gb2312()
    wide = [c for c in text if c > "\x7f"]
    if not wide:
        return 0.0
    rare = sum(0.0 if c in common else 0.5 if c in level2 else 1.0 for c in wide)
    return rare / len(wide)


@cache
def _gb2312() -> tuple[frozenset[str], frozenset[str]]:
    """GB2312's symbol rows with its level-1 hanzi, and its level-2 hanzi."""

    def rows(leads: range) -> frozenset[str]:
        out = set()
        for lead in leads:
            for trail in range(0xA1, 0xFF):
                try:
                    out.add(bytes((lead, trail)).decode("gb2312"))
                except UnicodeDecodeError:
                    continue
        return frozenset(out)

    return rows(range(0xA1, 0xAA)) | rows(range(0xB0, 0xD8)), rows(range(0xD8, 0xF8))


def _utf8_with_other_lines(lines: _Lines, other: list[int], encoding: str) -> Decoded:
    """A UTF-8 file: each line that is not UTF-8 is shown with its bytes escaped."""
    issues: dict[int, LineIssue] = {}
    parts: list[str] = []
    start = 0
    for i in other:
        parts.append(lines.text(start, i, "utf-8"))
        line = lines.content(i)
        first = 0
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            first = error.start
        shown = line.decode("utf-8", "backslashreplace")
        offset = lines.offset(i) + first
        issues[i + 1] = LineIssue("import.line_not_utf8", offset, shown, "UTF-8")
        parts.append(shown + lines.text(i, i + 1, "utf-8", skip=len(line)))
        start = i + 1
    parts.append(lines.text(start, len(lines), "utf-8"))
    return Decoded("".join(parts), encoding, issues)


def _gbk_with_utf8_lines(name: str, lines: _Lines, refused: list[int]) -> Decoded:
    """A GBK (or GB18030) file: each UTF-8 line is kept as its true text and refused."""
    codec = "gbk"
    decoded = _decode_between(lines, refused, codec)
    if not isinstance(decoded, list):
        codec = "gb18030"
        decoded = _decode_between(lines, refused, codec)
    if not isinstance(decoded, list):
        line, offset = decoded
        raise ImportFileError("import.encoding", file=name, line=line + 1, offset=offset)
    issues: dict[int, LineIssue] = {}
    parts = [decoded[0]]
    for i, chunk in zip(refused, decoded[1:], strict=True):
        content = lines.content(i)
        text = content.decode("utf-8")
        first = next(k for k, b in enumerate(content) if b > 0x7F)
        issues[i + 1] = LineIssue(
            "import.line_utf8_in_gbk", lines.offset(i) + first, text, codec.upper()
        )
        parts += [text, lines.text(i, i + 1, "ascii", skip=len(content)), chunk]
    return Decoded("".join(parts), codec, issues)


def _decode_between(lines: _Lines, refused: list[int], codec: str) -> list[str] | tuple[int, int]:
    """The text between the refused lines in ``codec``, or the first line index and file
    offset it cannot decode."""
    chunks = []
    start = 0
    for stop in [*refused, len(lines)]:
        try:
            chunks.append(lines.text(start, stop, codec))
        except UnicodeDecodeError as error:
            offset = lines.starts[start] + error.start
            line = bisect_right(lines.starts, offset) - 1
            return line, lines.skip + offset
        start = stop + 1
    return chunks
