"""What this process wrote to a store, so that an interrupt or an error is reported truly.

Every top-level :meth:`Database.transaction() <custvalue.data.db.Database.transaction>`
(schema migrations aside) adds a :class:`Write` here and moves it from ``open`` to
``committing`` (``COMMIT`` sent) to ``committed`` (``COMMIT`` returned), or to
``rolled_back`` (``ROLLBACK`` done, or the connection closed, which discards an open
transaction on both engines). The import writer adds each import's file and id (one
transaction may hold several imports: the demo's frames).

A ``committing`` write is in doubt: a Ctrl-C or a lost connection during ``COMMIT`` does
not say whether it took effect. :func:`custvalue.data.writer.check_write` settles it, and
confirms every other import, by looking the import ids up in the store's ``imports`` table
(the row is written in the same transaction as the data, so it is there exactly when the
import's rows are); its answer is a :class:`Finding`.

The journal keeps the last writes only (a bounded list); the command line clears it when a
command starts and reads it when the command stops early.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Finding", "Write", "begin", "clear", "writes"]

State = Literal["open", "committing", "committed", "rolled_back"]


@dataclass
class Write:
    """One write transaction on one store and how far it got."""

    url: str
    display_url: str
    state: State = "open"
    #: the file (or source) of each import begun in the transaction
    files: list[str] = field(default_factory=list)
    #: the import id drawn for each of them, once drawn
    import_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """What the store holds of one write.

    ``stored`` is ``None`` when it could not be found out (``detail`` says why);
    ``checked`` when it was looked up in the store rather than known from the write's
    state; ``imported`` / ``updated`` are the import's counts as the store records them.
    """

    write: Write
    stored: bool | None
    checked: bool = False
    imported: int = 0
    updated: int = 0
    detail: str = ""


_WRITES: deque[Write] = deque(maxlen=64)
_GUARD = threading.Lock()


def begin(url: str, display_url: str) -> Write:
    """Record a write transaction that is about to begin on the store at ``url``
    (``display_url``: the same with any password masked)."""
    write = Write(url=url, display_url=display_url)
    with _GUARD:
        _WRITES.append(write)
    return write


def writes() -> list[Write]:
    """The writes recorded since :func:`clear`, oldest first."""
    with _GUARD:
        return list(_WRITES)


def clear() -> None:
    """Forget the writes recorded so far (a new command starts)."""
    with _GUARD:
        _WRITES.clear()
