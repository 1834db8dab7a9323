"""The ``custvalue`` application: global options, the command registry, error handling.

Commands are loaded lazily: ``custvalue --help`` lists every command from
:data:`COMMANDS` (name, module, help key) without importing any of them, and a command's
module (with its heavy imports: scipy, plotly, …) is imported only when that command runs
or shows its help. **A new top-level command is one more line in** :data:`COMMANDS`; its
module keeps a ``register(app)`` function that adds it to a Typer app.

The language (``--lang``, else ``CUSTVALUE_LANG`` / ``LANG``) is settled before anything
is parsed, so that help screens and usage errors are in it too (docs/i18n.md).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer
from typer._click.core import Command, Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from custvalue import interrupts
from custvalue.cli.framework import LocalizedContext, adopt, usage_error_message
from custvalue.exceptions import CustValueError
from custvalue.i18n import LANGS, normalize_lang, set_lang, t, using_lang
from custvalue.i18n import framework as fw

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "COMMANDS",
    "LazyCommand",
    "LazyGroup",
    "UnknownLanguage",
    "app",
    "chosen_lang",
    "interrupted",
    "lang_from",
    "load_command",
    "main",
    "run",
]


class LazyCommand(NamedTuple):
    """A top-level command: its name, the module that registers it, its one-line help."""

    name: str
    module: str
    help_key: str


COMMANDS: tuple[LazyCommand, ...] = (
    LazyCommand("import", "custvalue.cli.imports", "survey.import_help"),
    LazyCommand("imports", "custvalue.cli.imports", "cli.imports_help"),
    LazyCommand("value", "custvalue.cli.value", "cli.value_help"),
    LazyCommand("rfm", "custvalue.cli.segments", "cli.rfm_help"),
    LazyCommand("tiers", "custvalue.cli.segments", "cli.tiers_help"),
    LazyCommand("pareto", "custvalue.cli.segments", "cli.pareto_help"),
    LazyCommand("classify", "custvalue.cli.segments", "cli.classify_help"),
    LazyCommand("demo", "custvalue.cli.demo", "cli.demo_help"),
    LazyCommand("report", "custvalue.cli.report", "cli.report_help"),
    LazyCommand("delivered", "custvalue.cli.delivered", "cli.delivered_help"),
    LazyCommand("clv", "custvalue.cli.clv", "cli.clv_help"),
    LazyCommand("choice", "custvalue.cli.choice", "cli.choice_help"),
    LazyCommand("cva", "custvalue.cli.cva", "cli.cva_help"),
    LazyCommand("survey", "custvalue.cli.voice", "voice.survey_help"),
    LazyCommand("loyalty", "custvalue.cli.loyalty", "loyalty.help"),
    LazyCommand("complaints", "custvalue.cli.complaints", "complaints.help"),
    LazyCommand("contacts", "custvalue.cli.contacts", "contacts.help"),
    LazyCommand("notices", "custvalue.cli.notices", "notices.help"),
    LazyCommand("winback", "custvalue.cli.winback", "winback.help"),
    LazyCommand("simulate", "custvalue.cli.simulate", "simulate.help"),
    LazyCommand("card", "custvalue.cli.card", "card.help"),
    LazyCommand("referrals", "custvalue.cli.referrals", "referrals.help"),
    LazyCommand("users", "custvalue.cli.users", "cli.users_help"),
    LazyCommand("serve", "custvalue.cli.serve", "cli.serve_help"),
    LazyCommand("worker", "custvalue.cli.worker", "cli.worker_help"),
)
"""Every top-level command, in the order ``custvalue --help`` lists them."""


class _Pending(TyperCommand):
    """Stands for a command whose module is not imported yet (name and help only)."""

    def __init__(self, entry: LazyCommand) -> None:
        super().__init__(entry.name, help=t(entry.help_key))
        self.entry = entry


def load_command(entry: LazyCommand) -> Command:
    """Import ``entry``'s module and build its command."""
    module = importlib.import_module(entry.module)
    holder = typer.Typer()
    module.register(holder)
    command = typer.main.get_group(holder).commands.get(entry.name)
    if command is None:
        raise LookupError(f"{entry.module}.register() adds no command {entry.name!r}")
    return adopt(command)


class LazyGroup(TyperGroup):
    """The top-level group: lists :data:`COMMANDS`, imports one when it is used."""

    context_class = LocalizedContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for entry in COMMANDS:
            self.commands.setdefault(entry.name, _Pending(entry))

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, _Pending) and name is not None:
            command = self.commands[name] = load_command(command.entry)
        return name, command, rest


app = typer.Typer(
    name="custvalue",
    cls=LazyGroup,
    help=t("cli.app_help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    db: Annotated[
        str | None, typer.Option("--db", help=t("cli.opt_db"), envvar="CUSTVALUE_DB")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=t("cli.opt_lang"))] = None,
) -> None:
    from custvalue.cli.common import state

    state.db_url = db
    if lang is not None:
        set_lang(lang)


def lang_from(argv: list[str]) -> str | None:
    """The value of a global ``--lang`` option, if any (before the command name)."""
    for i, arg in enumerate(argv):
        if arg == "--lang":
            return argv[i + 1] if i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in {"--db", "--lang"}):
            return None  # the command name: its own options follow
    return None


class UnknownLanguage(Exception):
    """A language name that is neither zh nor en, and where it was given."""

    def __init__(self, value: str, source: str) -> None:
        super().__init__(value, source)
        self.value = value
        self.source = source

    def message(self) -> str:
        return t("cli.unknown_lang", value=self.value, source=self.source, langs=", ".join(LANGS))


def chosen_lang(argv: list[str]) -> str | None:
    """The language ``argv`` asks for (``--lang``), else ``None`` (the environment decides).

    Raises :class:`UnknownLanguage` for a ``--lang`` or ``CUSTVALUE_LANG`` value that is
    neither language; ``LANG`` / ``LC_*`` name the whole system's locale, so an unknown
    one there simply means English.
    """
    given = lang_from(argv)
    if given is not None:
        if normalize_lang(given) is None:
            raise UnknownLanguage(given, "--lang")
        return given
    env = os.environ.get("CUSTVALUE_LANG", "").strip()
    if env and normalize_lang(env) is None:
        raise UnknownLanguage(env, "CUSTVALUE_LANG")
    return None


def _err_console() -> Console:
    from custvalue.cli.render import err_console

    return err_console


def _error(detail: str) -> None:
    from custvalue.cli.render import print_error  # control characters shown as escapes

    print_error(detail)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; returns the exit code (never raises, never shows a traceback).

    Ctrl-C ends with exit code 130 and what the store holds, checked against it
    (:func:`interrupted`), however the interrupt surfaced (:mod:`custvalue.interrupts`).
    """
    args = sys.argv[1:] if argv is None else argv
    with interrupts.watching():
        if interrupts.arrived():  # while the modules were imported, and swallowed there
            return interrupted()
        try:
            lang = chosen_lang(args)
        except UnknownLanguage as unknown:
            _error(unknown.message())
            return 2
        with using_lang(lang):
            try:
                return _run(args)
            except KeyboardInterrupt:
                return interrupted()


def interrupted() -> int:
    """Say that the command was interrupted and what the store holds; the exit code 130."""
    from custvalue.cli.outcome import store_statements
    from custvalue.cli.terminal import err_console  # control characters shown as escapes

    text = " ".join([t("outcome.interrupted"), *store_statements()])
    if interrupts.arrived():
        import signal
        from contextlib import suppress

        with suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the message is printed whole
    err_console.print(text)
    return 130


def _run(args: list[str]) -> int:
    journal = sys.modules.get("custvalue.data.journal")
    if journal is not None:  # loaded by an earlier command of this process
        journal.clear()
    try:
        code = app(args, prog_name="custvalue", standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        return interrupted()
    except CustValueError as error:
        if interrupts.arrived():  # an error a driver raised because of Ctrl-C
            return interrupted()
        from custvalue.cli.common import fail

        return fail(error).exit_code
    except NoArgsIsHelpError:
        return 2  # the help was shown
    except UsageError as error:
        _error(t("cli.usage", detail=usage_error_message(error)))
        return 2
    except ClickException as error:
        _error(fw.translate(error.format_message()))
        return 1
    except typer.Exit as done:
        return int(done.exit_code or 0)
    except BrokenPipeError:
        return 0
    except Exception as error:  # last resort: a message, not a traceback
        from custvalue.cli.common import debug
        from custvalue.cli.outcome import store_statements

        if interrupts.arrived():
            return interrupted()
        if debug():
            raise
        unexpected = t("cli.unexpected", kind=type(error).__name__, detail=str(error))
        _error(" ".join([unexpected, *store_statements()]))
        return 2
    if code == 130 or interrupts.arrived():  # the framework returns 130 for Ctrl-C
        return interrupted()
    return code if isinstance(code, int) else 0


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
