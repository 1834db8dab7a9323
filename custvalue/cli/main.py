"""The ``custvalue`` application: global options, command groups, error handling."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer._click.exceptions import ClickException, UsageError

from custvalue.cli import choice, clv, cva, delivered, demo, imports, segments, value
from custvalue.cli.common import debug, fail, state
from custvalue.cli.render import err_console
from custvalue.exceptions import CustValueError
from custvalue.i18n import set_lang, t

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="custvalue",
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
    state.db_url = db
    if lang is not None:
        set_lang(lang)


imports.register(app)
value.register(app)
segments.register(app)
demo.register(app)
clv.register(app)
delivered.register(app)
choice.register(app)
cva.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; returns the exit code (never raises, never shows a traceback)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        app(args, prog_name="custvalue", standalone_mode=False)
    except CustValueError as error:
        return fail(error).exit_code
    except (KeyboardInterrupt, typer.Abort):
        err_console.print(t("cli.interrupted"))
        return 130
    except UsageError as error:
        err_console.print(
            f"[bold red]{t('cli.error_prefix')}:[/] {t('cli.usage', detail=error.format_message())}"
        )
        return 2
    except ClickException as error:
        err_console.print(f"[bold red]{t('cli.error_prefix')}:[/] {error.format_message()}")
        return 1
    except typer.Exit as done:
        return int(done.exit_code or 0)
    except BrokenPipeError:
        return 0
    except Exception as error:  # last resort: a message, not a traceback
        if debug():
            raise
        detail = t("cli.unexpected", kind=type(error).__name__, detail=str(error))
        err_console.print(f"[bold red]{t('cli.error_prefix')}:[/] {detail}")
        return 2
    finally:
        set_lang(None)
    return 0


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
