"""``custvalue users add | list | token``: accounts of the web workbench.

The work is done by :mod:`custvalue.app.users`; this module parses, calls and prints.
"""

from __future__ import annotations

import sys
from typing import Annotated

import polars as pl
import typer

from custvalue._validation import check_choice
from custvalue.cli.common import open_db
from custvalue.cli.render import Format, console, emit_frame
from custvalue.exceptions import DataValidationError
from custvalue.formatting import Kind
from custvalue.i18n import t

__all__ = ["register"]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt(t("cli.users_password"), hide_input=True)
    second = typer.prompt(t("cli.users_password_again"), hide_input=True)
    if first != second:
        raise DataValidationError("cli.users_mismatch")
    return str(first)


def _add(
    name: Annotated[str, typer.Argument(help=t("cli.users_arg_name"), show_default=False)],
    role: Annotated[str, typer.Option("--role", help=t("cli.users_opt_role"))] = "viewer",
    lang: Annotated[str | None, typer.Option("--lang-pref", help=t("cli.users_opt_lang"))] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help=t("cli.users_opt_stdin"))
    ] = False,
) -> None:
    from custvalue.app import users

    # the role and language are checked before a password is asked for
    check_choice("--role", role, users.ROLES)
    if lang is not None:
        check_choice("--lang-pref", lang, users.LANGS)
    password = _password(password_stdin)
    with open_db() as db:
        user = users.add_user(db, name=name, password=password, role=role, lang=lang)
    console.print(t("cli.users_added", name=user.name, role=t(f"web.role_{user.role}")))


def _list() -> None:
    from custvalue.app import users

    with open_db() as db:
        found = users.list_users(db, limit=1000)
    if not found:
        console.print(t("cli.users_none"))
        return
    state = {True: t("web.state_active"), False: t("web.state_inactive")}
    columns = {
        "#": [u.user_id for u in found],
        t("web.col_name"): [u.name for u in found],
        t("web.col_role"): [t(f"web.role_{u.role}") for u in found],
        t("web.col_lang"): [t(f"web.lang_{u.lang or 'auto'}") for u in found],
        t("web.col_state"): [state[u.active] for u in found],
        t("web.col_created"): [u.created_at for u in found],
    }
    frame = pl.DataFrame(columns)
    kinds: dict[str, Kind] = {name: "text" for name in columns}
    kinds["#"] = "id"
    kinds[t("web.col_created")] = "datetime"
    emit_frame(frame, Format.table, kinds=kinds)


def _token(
    name: Annotated[str, typer.Argument(help=t("cli.users_arg_name"), show_default=False)],
    label: Annotated[str, typer.Option("--label", help=t("cli.users_opt_label"))] = "script",
) -> None:
    from custvalue.app import users

    with open_db() as db:
        user = users.get_user(db, name=name)
        token, token_id = users.create_token(db, user_id=user.user_id, name=label)
    console.print(t("cli.users_token_made", token_id=token_id, name=user.name))
    typer.echo(token)


def register(app: typer.Typer) -> None:
    """Add ``custvalue users ...``."""
    group = typer.Typer(help=t("cli.users_help"), no_args_is_help=True)
    group.command("add", help=t("cli.users_add_help"))(_add)
    group.command("list", help=t("cli.users_list_help"))(_list)
    group.command("token", help=t("cli.users_token_help"))(_token)
    app.add_typer(group, name="users")
