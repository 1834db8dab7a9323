"""The terminal: the two consoles every command prints through, and the one writer of
text to them.

Everything printed as text — table cells, titles, sentences, error messages — shows
control characters as escapes (:func:`custvalue.output.visible`) and reads no markup
unless a caller asks for it, so that a customer name holding ``ESC[31m`` or a bidi
override cannot recolour, move or reorder what the terminal shows.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from custvalue.i18n import t
from custvalue.output import visible

__all__ = ["SafeConsole", "console", "err_console", "print_error", "terminal_width"]


class SafeConsole(Console):
    """A Rich console that shows control characters in every text it prints as
    escapes (``\\x1b``), line breaks kept; markup only where a caller asks for it."""

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        return super().render_str(visible(text, newlines=True), *args, **kwargs)


_WIDTH = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "120") or 120)
# Into a file or pipe, sentences stay on one line (so paths and counts can be
# searched); tables are still laid out to the width.
console = SafeConsole(
    highlight=False, markup=False, emoji=False, soft_wrap=not sys.stdout.isatty(), width=_WIDTH
)
err_console = SafeConsole(
    stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=not sys.stderr.isatty()
)


def print_error(detail: str) -> None:
    """``Error: detail`` on standard error, the detail as written (no markup, control
    characters as escapes)."""
    err_console.print(
        Text.assemble((t("cli.error_prefix"), "bold red"), visible(detail, newlines=True))
    )


def terminal_width(target: Console | None = None) -> int:
    """The width tables are fitted to: the terminal's, else ``COLUMNS``, else 120."""
    shown = target or console
    if shown.is_terminal:
        return shown.size.width
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 120
