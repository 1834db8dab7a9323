"""How the CLI framework (Typer) shows help and usage errors: in the user's language,
value types named in words, flags without a type, no text cut off.

Everything is decided when a help screen is shown or an error is printed, never when a
command module is imported, so one process can show help in either language:

* :class:`LocalizedContext` is the context class of every command (set by :func:`adopt`);
  its :meth:`~LocalizedContext.get_help` brings the command's texts, the framework's
  panel titles and the value types into the language in force, then renders with
  CJK-aware line breaks;
* :func:`usage_error_message` is a usage error's message in the language in force.

The framework's own texts come from :mod:`custvalue.i18n.framework` (a gettext catalog),
the project's from the ``_catalog_*`` modules.
"""

from __future__ import annotations

import re
from typing import Any

from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperGroup, TyperOption

from custvalue.cli.linebreak import cjk_line_breaks
from custvalue.i18n import framework as fw
from custvalue.i18n import relabel, t

__all__ = ["LocalizedContext", "adopt", "type_label", "usage_error_message"]

#: rich_utils settings that hold framework texts, with their msgids
_PANEL_TEXTS = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}

#: the framework's type names -> catalog keys of the words shown instead
_TYPE_KEYS = {
    "str": "help.type_text",
    "int": "help.type_integer",
    "float": "help.type_number",
    "path": "help.type_path",
    "Path": "help.type_path",
    "file": "help.type_file",
    "dir": "help.type_dir",
    "datetime": "help.type_date",
    "date": "help.type_date",
}
_LIST = re.compile(r"list\[(.+)\]")


def type_label(param: TyperOption | TyperArgument, ctx: Context) -> str | None:
    """The value type shown beside ``param``: a word (TEXT / 文本), the choices
    (``table|json|csv``), ``…...`` when it repeats, nothing for a flag."""
    if isinstance(param, TyperOption):
        if param.is_flag:
            return None
        if param.metavar is not None:
            return param.metavar
    name = param.display_type(ctx).strip("<>")
    repeated = _LIST.fullmatch(name)
    if repeated:
        name = repeated.group(1)
    if "|" in name:
        label = name
    else:
        key = _TYPE_KEYS.get(name)
        label = t(key) if key else name.upper()
    return f"{label}..." if repeated or param.nargs != 1 else label


class _Option(TyperOption):
    def display_type_rich(self, ctx: Context) -> str | None:
        return type_label(self, ctx)


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Context) -> str | None:
        return type_label(self, ctx)


class LocalizedFormatter(HelpFormatter):
    """The usage line starts with "Usage: " in the language in force."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, fw.gettext("Usage: ") if prefix is None else prefix)


class LocalizedContext(Context):
    """A context whose help screen is in the language in force (see the module doc)."""

    formatter_class = LocalizedFormatter

    def get_help(self) -> str:
        _prepare(self.command, self)
        with cjk_line_breaks():
            return super().get_help()


def adopt(command: Command) -> Command:
    """Give ``command`` and all its subcommands the localized context class."""
    command.context_class = LocalizedContext
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            adopt(sub)
    return command


def _text(value: str | None) -> str | None:
    """A help text (project or framework) in the language in force."""
    if not value:
        return value
    value = relabel(value)
    return fw.relabel(value) if value else value


def _prepare_param(param: Parameter) -> None:
    if isinstance(param, TyperOption) and not isinstance(param, _Option):
        param.__class__ = _Option
    elif isinstance(param, TyperArgument) and not isinstance(param, _Argument):
        param.__class__ = _Argument
    help_text: Any = getattr(param, "help", None)
    if isinstance(help_text, str):
        param.help = _text(help_text)  # type: ignore[attr-defined]


def _prepare(command: Command, ctx: Context) -> None:
    import typer.rich_utils as rich_utils

    for setting, msgid in _PANEL_TEXTS.items():
        setattr(rich_utils, setting, fw.gettext(msgid))
    command.help = _text(command.help)
    command.short_help = _text(command.short_help)
    if command.options_metavar:
        command.options_metavar = fw.relabel(command.options_metavar)
    for param in command.get_params(ctx):
        _prepare_param(param)
    if isinstance(command, TyperGroup):
        if command.subcommand_metavar:
            command.subcommand_metavar = fw.relabel(command.subcommand_metavar)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                sub.help = _text(sub.help)
                sub.short_help = _text(sub.short_help)


def usage_error_message(error: UsageError) -> str:
    """The message of a usage error (bad option, missing argument …) in the language in
    force."""
    if isinstance(error, NoSuchOption) and error.possibilities:
        possible = ", ".join(sorted(error.possibilities))
        hint = fw.translate(f"(Possible options: {possible})")
        return fw.translate(error.message) + ("" if hint.startswith("（") else " ") + hint
    return fw.translate(error.format_message())
