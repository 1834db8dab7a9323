"""The ``custvalue`` command line: thin Typer commands over the library."""

from __future__ import annotations

__all__ = ["run"]


def run() -> None:
    """Console-script entry point (see :mod:`custvalue.cli.main`)."""
    from custvalue.cli.main import main

    raise SystemExit(main())
