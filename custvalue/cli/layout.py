"""Fitting a table to the terminal: numbers, dates and ids are never cut.

The rule, column by column (widths in terminal cells, a CJK character is two):

- a **fixed** column (numbers, money, shares, dates, ids, marks) is exactly as wide as
  its widest cell: it is never wrapped, cut or shortened with "…";
- a **text** column (names, labels, reasons) may wrap, down to :data:`TEXT_MIN` cells
  (or its widest cell if narrower); a word longer than the column folds onto the next
  line, so no text is cut either;
- a header wraps between words (between characters in Chinese), never narrower than its
  longest word, and onto at most two lines in Chinese (three in English): 订单数 is never
  stacked one character a line.

If the table at those minimum widths is still wider than the terminal, columns are
dropped one at a time — first those the caller lists in ``priority``, then the others
from the right — but never the first column, an id column or a column the caller keeps
(the main value); the caller names the dropped ones in a note. With ``wide`` every column
is shown at its natural width, wider than the terminal if need be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from custvalue.cli.linebreak import _token

__all__ = ["TEXT_MIN", "ColumnSpec", "Layout", "fit", "table_width"]

TEXT_MIN = 16
"""The narrowest a wrapped text column becomes (in cells)."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column as it will be shown: its name, header, cells (already formatted) and
    whether it is fixed (never wrapped) or text."""

    name: str
    label: str
    cells: Sequence[str]
    fixed: bool

    @property
    def widest(self) -> int:
        """The widest line of any cell."""
        return max((cell_len(line) for cell in self.cells for line in cell.split("\n")), default=0)

    @property
    def natural(self) -> int:
        """The width with nothing wrapped."""
        return max(self.widest, cell_len(self.label))

    @property
    def minimum(self) -> int:
        """The narrowest the column may be."""
        cells = self.widest if self.fixed else min(self.widest, TEXT_MIN)
        return max(cells, _header_minimum(self.label), 1)


@dataclass(frozen=True)
class Layout:
    """Which columns are shown, their widths (without padding) and which were dropped."""

    shown: tuple[str, ...]
    widths: tuple[int, ...]
    dropped: tuple[str, ...]

    @property
    def width(self) -> int:
        """The table's total width in cells, borders and padding included."""
        return table_width(self.widths)


def table_width(widths: Sequence[int]) -> int:
    """The width of a Rich table with the default box and padding: each column's
    content, one cell of padding each side, and a border between and around them."""
    return sum(widths) + 3 * len(widths) + 1


def _header_minimum(label: str) -> int:
    """The narrowest a header may be: its longest unbreakable piece, and at most two lines
    of Chinese or three of other text."""
    width = cell_len(label)
    cjk = width > len(label)  # wider than its characters: CJK in it (two cells each)
    share = -(-width // (2 if cjk else 3))
    return max(_longest_unit(label), share + (share % 2 if cjk else 0))


def _longest_unit(label: str) -> int:
    """The widest piece a header can break into: a word, or one CJK character with
    its punctuation (the units of :mod:`custvalue.cli.linebreak`)."""
    return max((cell_len(m.group().strip()) for m in _token().finditer(label)), default=0)


def _share(widths: list[int], targets: Sequence[int], room: int) -> int:
    """Grow ``widths`` towards ``targets`` with at most ``room`` cells, the narrow ones
    first (water-filling: every column grows to a common cap, short ones stay whole and
    only the widest wrap); the cells left over."""
    wants = [max(width, target) for width, target in zip(widths, targets, strict=True)]
    if sum(wants) - sum(widths) <= room:
        room -= sum(wants) - sum(widths)
        widths[:] = wants
        return room
    budget = sum(widths) + room
    low, high = 0, max(wants)
    while low < high:  # the largest cap that fits the budget
        cap = (low + high + 1) // 2
        if sum(max(w, min(want, cap)) for w, want in zip(widths, wants, strict=True)) <= budget:
            low = cap
        else:
            high = cap - 1
    grown = [max(w, min(want, low)) for w, want in zip(widths, wants, strict=True)]
    left = budget - sum(grown)
    for i, want in enumerate(wants):  # the last cells to the columns still short
        if left == 0:
            break
        if grown[i] < want:
            grown[i] += 1
            left -= 1
    widths[:] = grown
    return 0


def _spread(specs: Sequence[ColumnSpec], room: int) -> tuple[int, ...]:
    """Minimum widths plus ``room`` cells: first to the wrapped cells of text columns
    (a wrapped name costs a line on every row), then to the headers (a wrapped header
    costs one line)."""
    widths = [s.minimum for s in specs]
    room = _share(widths, [max(s.minimum, s.widest) for s in specs], room)
    _share(widths, [s.natural for s in specs], room)
    return tuple(widths)


def fit(
    specs: Sequence[ColumnSpec],
    width: int,
    *,
    keep: Sequence[str] = (),
    priority: Sequence[str] = (),
    wide: bool = False,
) -> Layout:
    """The columns of ``specs`` laid out in ``width`` cells (see the module doc).

    ``keep`` names columns never dropped (besides the first one); ``priority`` names
    those dropped first, in that order. With ``wide`` nothing is wrapped or dropped.
    """
    if wide:
        return Layout(tuple(s.name for s in specs), tuple(s.natural for s in specs), ())
    names = [s.name for s in specs]
    kept = {*keep, *names[:1]}
    droppable = [n for n in priority if n in names and n not in kept]
    droppable += [n for n in reversed(names) if n not in kept and n not in droppable]
    shown = list(specs)
    while True:
        room = width - table_width([0] * len(shown))
        if sum(s.natural for s in shown) <= room:
            widths = tuple(s.natural for s in shown)
            break
        if sum(s.minimum for s in shown) <= room:
            widths = _spread(shown, room - sum(s.minimum for s in shown))
            break
        if not droppable:  # what must stay is wider than the terminal: shown whole
            widths = tuple(s.minimum for s in shown)
            break
        gone = droppable.pop(0)
        shown = [s for s in shown if s.name != gone]
    shown_names = tuple(s.name for s in shown)
    dropped = tuple(n for n in names if n not in shown_names)
    return Layout(shown_names, widths, dropped)
