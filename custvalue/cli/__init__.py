"""The ``custvalue`` command line: thin Typer commands over the library."""

from __future__ import annotations

__all__ = ["run"]


def run() -> None:
    """Console-script entry point (see :mod:`custvalue.cli.main`).

    Ctrl-C while the modules are still being imported prints one line, no traceback, and
    exits with 130; after that :func:`custvalue.cli.main.main` reports it.
    """
    try:
        from custvalue import interrupts

        interrupts.install()
        from custvalue.cli.main import interrupted, main
    except KeyboardInterrupt:
        raise SystemExit(_interrupted_at_start()) from None
    try:
        code = main()
    except KeyboardInterrupt:  # between main's own handlers
        code = interrupted()
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is over: no traceback on exit
    raise SystemExit(code)


def _interrupted_at_start() -> int:
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from custvalue.i18n import t

        text = t("outcome.interrupted_start")
    except Exception:  # noqa: BLE001 - the catalogs themselves were not loaded yet
        text = "Interrupted while starting; nothing was done."
    sys.stderr.write(text + "\n")
    return 130
