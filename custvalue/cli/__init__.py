"""The ``custvalue`` command line: thin Typer commands over the library."""

from __future__ import annotations

import sys

__all__ = ["run"]


def _lang_from(argv: list[str]) -> str | None:
    """The value of a global ``--lang`` option, if any (before the command name)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in {"--db", "--lang"}):
            return None  # the command name: its own options follow
    return None


def run() -> None:
    """Console-script entry point: ``--lang`` is applied before the commands are built,
    so that their help texts are in the chosen language too."""
    from custvalue.i18n import set_lang

    lang = _lang_from(sys.argv[1:])
    if lang:
        set_lang(lang)
    from custvalue.cli.main import main

    raise SystemExit(main())
