"""Line breaking that knows Chinese: a line may break between two CJK characters.

Rich breaks lines at spaces only, so a Chinese sentence (no spaces) longer than its
column is cut and ends in "…". :func:`divide_line` has Rich's signature and also
breaks between CJK characters, keeping closing punctuation (，。）…) with the character
before it and opening brackets with the one after. :func:`cjk_line_breaks` makes Rich
use it inside a ``with`` block (the help screens use it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from rich.cells import cell_len, chop_cells

__all__ = ["cjk_line_breaks", "divide_line"]

_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
_CLOSE = "、。，．：；！？）》」』】〕〉”’…％,.:;!?)\\]}%"
_OPEN = "（《「『【〔〈“‘"


@cache
def _token() -> re.Pattern[str]:
    return re.compile(rf"\s*[{_OPEN}]*(?:[{_WIDE}]|[^\s{_WIDE}]+)[{_CLOSE}]*\s*")


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets at which to break ``text`` so that each line fits in ``width`` cells.

    A unit is a run of non-CJK, non-space characters or one CJK character, with its
    punctuation; a unit wider than a whole line is folded (``fold``) or left to be cropped.
    """
    breaks: list[int] = []
    used = 0
    wide = False  # the line holds a CJK character
    for match in _token().finditer(text):
        start, unit = match.start(), match.group()
        need = cell_len(unit.rstrip())
        # Rich strips a line's trailing space by counting characters, not cells: on a
        # line with CJK characters the space must fit too, or Rich cuts the line with "…"
        unit_wide = cell_len(unit) != len(unit)
        fits = used + (cell_len(unit) if wide or unit_wide else need) <= width
        if fits or (used + need <= width and match.end() == len(text)):
            used += cell_len(unit)
            wide = wide or unit_wide
            continue
        if need > width and fold:
            pieces = chop_cells(unit, width)
            for piece in pieces:
                if start:
                    breaks.append(start)
                start += len(piece)
            used = cell_len(pieces[-1])
            wide = cell_len(pieces[-1]) != len(pieces[-1])
            continue
        if start:
            breaks.append(start)
        used = cell_len(unit)
        wide = unit_wide
    return breaks


@contextmanager
def cjk_line_breaks() -> Iterator[None]:
    """Rich wraps text with :func:`divide_line` inside the block."""
    import rich.text

    before = getattr(rich.text, "divide_line")  # noqa: B009 (not exported, set below)
    setattr(rich.text, "divide_line", divide_line)  # noqa: B010
    try:
        yield
    finally:
        setattr(rich.text, "divide_line", before)  # noqa: B010
