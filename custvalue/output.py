"""Output that cannot be turned against its reader, for every front (CLI, reports, web).

Three rules, each a pure function of its input:

- :func:`neutralise`: a **text** cell of a spreadsheet export (CSV, XLSX) that starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe
  ``'``, so that Excel, LibreOffice or WPS show it as text instead of running it as a
  formula (OWASP "CSV injection"). Numbers are never touched: a negative amount is a
  number, not a formula.
- :func:`visible`: control characters (C0 and C1 controls, DEL, bidirectional overrides
  and isolates, line and paragraph separators, lone surrogates) are shown as escapes
  (``\\x1b``, ``\\u202e``), so that a customer name cannot recolour, move the cursor of
  or reorder the text of the terminal that shows it.
- :func:`write_atomic`: a file appears complete or not at all (a temporary file beside
  it, then a rename); :func:`check_writable` refuses a folder, a missing folder or a
  path that cannot be written, before any work is done.

Examples
--------
>>> neutralise("=HYPERLINK(1)"), neutralise(-5.0), neutralise("C-1")
("'=HYPERLINK(1)", -5.0, 'C-1')
>>> visible("\\x1b[31mRED\\x1b[0m \\u202eabc")
'\\\\x1b[31mRED\\\\x1b[0m \\\\u202eabc'
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from custvalue.exceptions import DataValidationError

__all__ = [
    "FORMULA_START",
    "check_writable",
    "json_safe",
    "jsonable",
    "neutralise",
    "visible",
    "write_atomic",
]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a text cell as a formula."""

# C0 controls but tab and newline, DEL and C1 controls, the Arabic letter mark,
# LRM/RLM, line and paragraph separators, bidi embeddings/overrides and isolates,
# lone surrogates
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(f"[{_UNSAFE}\t\n]")
_CONTROL_KEEP_LINES = re.compile(f"[{_UNSAFE}\t]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def neutralise(value: Any) -> Any:
    """``value`` safe for a spreadsheet cell: a text starting with ``= + - @``, a tab or
    a carriage return gets a leading ``'``; anything else (numbers included) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``,
    ``\\t``); with ``newlines`` a line break stays a line break (messages), without it
    it shows as ``\\n`` too (table cells)."""
    pattern = _CONTROL_KEEP_LINES if newlines else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def json_safe(text: str) -> str:
    """JSON text with the characters that JSON leaves raw but a terminal obeys (DEL, C1
    controls, bidi controls, line separators, lone surrogates) written as ``\\uXXXX``:
    the same JSON value, safe to show."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def jsonable(value: Any) -> Any:
    """``value`` made JSON-serialisable: dates as ISO text, NaN and infinities as null,
    mappings with text keys, tuples as lists (the same value for every front)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_writable(path: str | os.PathLike[str]) -> Path:
    """``path`` as a :class:`~pathlib.Path` if a file can be written there, else a
    :class:`DataValidationError` that names it: a folder (``output.is_folder``), a
    folder that does not exist (``output.no_folder``), a parent that is a file
    (``output.not_a_folder``), or no permission (``output.not_writable``)."""
    target = Path(path)
    shown = os.fspath(path)
    folder = _folder(target)
    if target.is_dir():
        raise DataValidationError(
            "output.is_folder", path=shown, example=os.fspath(target / "out.html")
        )
    if not folder.exists():
        raise DataValidationError("output.no_folder", path=shown, folder=os.fspath(folder))
    if not folder.is_dir():
        raise DataValidationError("output.not_a_folder", path=shown, folder=os.fspath(folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        raise DataValidationError("output.not_writable", path=shown, folder=os.fspath(folder))
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: into a hidden temporary file in
    the same folder, then renamed over ``path``; nothing else is left behind.

    Raises
    ------
    DataValidationError
        ``path`` cannot be written (see :func:`check_writable`, or ``output.cannot_write``
        with the system's reason).
    """
    target = check_writable(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=_folder(target)
        )
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if target.exists():  # keep the permissions of the file replaced
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise _cannot_write(path, error) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot_write(path: str | os.PathLike[str], error: OSError) -> DataValidationError:
    return DataValidationError(
        "output.cannot_write", path=os.fspath(path), reason=error.strerror or str(error)
    )
