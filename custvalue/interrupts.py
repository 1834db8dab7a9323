"""Ctrl-C, noticed however it arrives.

Python turns SIGINT into :class:`KeyboardInterrupt` at the next bytecode, but a database
driver may catch it first: DuckDB stops the query and raises ``RuntimeError("Query
interrupted")`` (the interrupt itself is gone), a Python callback inside DuckDB turns it
into ``InvalidInputException``, psycopg cancels the statement and a later one fails with
"current transaction is aborted". So the command line records the signal itself:
:func:`install` (:func:`watching` for a block) sets a handler that notes the interrupt
before raising :class:`KeyboardInterrupt`, and :func:`arrived` tells afterwards that one
came, whatever exception it turned into. :func:`is_interrupt` recognises an exception
caused by Ctrl-C also where no handler was installed (a library caller).

:func:`checkpoint` refuses to go on (raises :class:`KeyboardInterrupt`) once an
interrupt was noted: the store's transactions call it before ``COMMIT``, so a Ctrl-C that
a driver swallowed never lets an import commit afterwards.

:func:`pause` is a test hook, inert unless ``CUSTVALUE_TEST_PAUSE`` names a phase
(docs/importing.md, "Interrupts and concurrency").

Standard library only: the console entry point imports this module before anything else.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.machinery import ExtensionFileLoader
from pathlib import Path
from types import FrameType
from typing import Any

__all__ = [
    "PHASES",
    "arrived",
    "checkpoint",
    "forget",
    "install",
    "is_interrupt",
    "note",
    "pause",
    "watching",
]

_noted = threading.Event()


def note() -> None:
    """Record that an interrupt arrived (the handler does; so does a swallowed one)."""
    _noted.set()


def arrived() -> bool:
    """Whether an interrupt arrived since :func:`watching` began."""
    return _noted.is_set()


def forget() -> None:
    """Forget a noted interrupt that was the expected end of the work (Ctrl-C stopping a
    server), so the command ends as it should rather than as interrupted."""
    _noted.clear()


def checkpoint() -> None:
    """Raise :class:`KeyboardInterrupt` if an interrupt arrived (and was swallowed)."""
    if _noted.is_set():
        raise KeyboardInterrupt


def _in_extension_init(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside the initialisation of a compiled module."""
    while frame is not None:
        if frame.f_code.co_name in {"create_module", "exec_module"} and isinstance(
            frame.f_locals.get("self"), ExtensionFileLoader
        ):
            return True
        frame = frame.f_back
    return False


def _handler(signum: int, frame: FrameType | None) -> None:
    note()
    if _in_extension_init(frame):
        # an error raised while a compiled module initialises can abort the process
        # (DuckDB's bindings do): the signal comes again once it is ready
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
        return
    raise KeyboardInterrupt


def _unraisable(previous: Callable[[Any], object]) -> Callable[[Any], object]:
    def hook(info: Any) -> None:
        if isinstance(info.exc_value, KeyboardInterrupt):
            note()  # raised where Python can only print it (a weakref callback, a __del__)
            return
        previous(info)

    hook.notes_interrupts = True  # type: ignore[attr-defined]
    return hook


def install() -> None:
    """Note every SIGINT from now on (main thread only; elsewhere a no-op).

    The handler raises :class:`KeyboardInterrupt` as Python's own does; a
    ``KeyboardInterrupt`` Python could only print as "Exception ignored" is noted instead
    of printed. The console entry point calls this before it imports anything else.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is not _handler:
        signal.signal(signal.SIGINT, _handler)
    if not getattr(sys.unraisablehook, "notes_interrupts", False):
        sys.unraisablehook = _unraisable(sys.unraisablehook)


@contextmanager
def watching() -> Iterator[None]:
    """:func:`install` for the block; the previous handlers are restored and the noted
    interrupt forgotten afterwards (an interrupt noted before the block still counts)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    previous_hook = sys.unraisablehook
    install()
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook
        _noted.clear()


def is_interrupt(error: BaseException) -> bool:
    """Whether ``error`` is, or was caused by, an interrupt (see the module docstring)."""
    if _noted.is_set():
        return True
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, KeyboardInterrupt):
            return True
        kind = type(current).__name__
        text = str(current)
        if kind == "InterruptException" or (
            isinstance(current, RuntimeError) and text == "Query interrupted"
        ):
            return True  # DuckDB
        if "KeyboardInterrupt" in text and (type(current).__module__ or "").endswith("duckdb"):
            return True  # DuckDB: the interrupt inside a Python callback (an Arrow scan)
        if kind == "QueryCanceled" and "user request" in text:
            return True  # PostgreSQL: the statement psycopg cancelled on Ctrl-C
        current = current.__cause__ or current.__context__
    return False


#: the phases :func:`pause` knows, in the order an import meets them
PHASES = ("reading", "parsing", "writing", "committing", "committed", "lock-wait")
#: a short statement per engine, so that a signal sent during the pause lands inside it
_BUSY = {
    "duckdb": "SELECT count(*) FROM range(3000000) t(x) WHERE x % 7 = 3",
    "postgresql": "SELECT pg_sleep(0.05)",
}


_PAUSED: set[str] = set()


def pause(phase: str, db: Any = None) -> None:
    """Test hook: hold the process at ``phase`` while a test signals it.

    Inert unless ``CUSTVALUE_TEST_PAUSE`` equals ``phase``. Then, the first time the phase is
    reached, the file named by ``CUSTVALUE_TEST_MARKER`` is created and the process waits
    while it exists (at most two minutes): the test sends its signal, or deletes the file to
    let it go on. With ``db`` (a :class:`~custvalue.data.db.Database`) it waits inside
    short statements on that connection, so that a signal arrives inside the driver.
    """
    if os.environ.get("CUSTVALUE_TEST_PAUSE") != phase or phase in _PAUSED:
        return
    _PAUSED.add(phase)
    marker = Path(os.environ["CUSTVALUE_TEST_MARKER"])
    marker.touch()
    deadline = time.monotonic() + 120
    while marker.exists() and time.monotonic() < deadline:
        if db is None:
            time.sleep(0.02)
        else:
            db.execute(_BUSY[db.dialect])
