"""``custvalue notices render|send|log|mail``: proactive notices (docs/keeping.md §3).
The work is :mod:`custvalue.app.notices`; each command parses, calls and prints what
the store and the mail server now hold."""

from __future__ import annotations

from typing import Annotated

import typer

from custvalue.cli.common import open_db
from custvalue.cli.contacts import actor
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.i18n import get_lang, t

__all__ = ["register"]

_LANG = Annotated[
    str | None, typer.Option("--notice-lang", help=t("notices.opt_lang"), show_default=False)
]


def _lang(value: str | None) -> str:
    from custvalue._validation import check_choice

    return check_choice("--notice-lang", value or get_lang(), ("zh", "en"))


def _render(
    shipment: Annotated[str, typer.Argument(help=t("notices.arg_shipment"), show_default=False)],
    notice_lang: _LANG = None,
) -> None:
    from custvalue.app.notices import render_shipment

    with open_db() as db:
        rendered = render_shipment(db, shipment_id=shipment, lang=_lang(notice_lang))
    console.print(f"[bold]{rendered.subject}[/bold]", markup=True, highlight=False)
    console.print(rendered.body, markup=False, highlight=False)


def _send(
    shipments: Annotated[
        list[str] | None, typer.Argument(help=t("notices.arg_shipments"), show_default=False)
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help=t("notices.opt_to"))] = None,
    notice_lang: _LANG = None,
) -> None:
    from custvalue.app.notices import send_shipment_notices

    with open_db() as db:
        sent = send_shipment_notices(
            db, shipment_ids=shipments or None, lang=_lang(notice_lang), to=to, actor=actor()
        )
    if not sent:
        console.print(t("notices.nothing_to_send"))
        return
    for one in sent:
        console.print(
            t(f"notices.outcome_{one.state}", shipment=one.shipment_id, to=one.to or "—",
              reply=one.reply or ""),
            markup=False, highlight=False,
        )  # fmt: skip
    counts = {s: sum(1 for o in sent if o.state == s) for s in ("sent", "rendered", "failed")}
    console.print(
        t("notices.summary", sent=counts["sent"], rendered=counts["rendered"],
          failed=counts["failed"])
    )  # fmt: skip
    if counts["failed"]:
        raise typer.Exit(1)


@output_options
def _log(
    limit: Annotated[int, typer.Option("--limit", help=t("contacts.opt_limit"))] = 100,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.notices import notice_log

    with open_db() as db:
        page = notice_log(db, limit=limit)
    if fmt is Format.json:
        emit_json(page.to_dict())
        return
    if page.total == 0 and fmt is Format.table:
        console.print(t("notices.log_empty"))
        return
    import polars as pl

    states = {s: t(f"notices.state_{s}") for s in ("sent", "rendered", "failed")}
    emit_frame(
        page.table.with_columns(pl.col("state").replace(states)),
        fmt,
        title=t("notices.title_log"),
        keep=("ref", "to_address", "state"),
        priority=("message_id", "reply", "lang", "template", "sent_at", "user_name"),
        caption=t("contacts.list_note", shown=page.table.height, total=page.total),
    )


def _mail(
    host: Annotated[
        str | None, typer.Option("--host", help=t("notices.opt_host"), show_default=False)
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--sender", help=t("notices.opt_sender"), show_default=False)
    ] = None,
    port: Annotated[int, typer.Option("--port", help=t("notices.opt_port"))] = 587,
    username: Annotated[str | None, typer.Option("--username", help=t("notices.opt_user"))] = None,
    starttls: Annotated[
        bool, typer.Option("--starttls/--no-starttls", help=t("notices.opt_starttls"))
    ] = True,
    ssl: Annotated[bool, typer.Option("--ssl/--no-ssl", help=t("notices.opt_ssl"))] = False,
) -> None:
    from custvalue.app.notices import PASSWORD_VARIABLE, mail_settings, set_mail_settings
    from custvalue.exceptions import DataValidationError

    with open_db() as db:
        if host is None and sender is None:
            current = mail_settings(db)
            if current is None:
                console.print(t("notices.no_server"))
            else:
                console.print(t("notices.server", server=current.server, sender=current.sender))
            return
        if host is None or sender is None:
            raise DataValidationError("notices.mail_needs_both")
        chosen = set_mail_settings(
            db, host=host, sender=sender, port=port, username=username, starttls=starttls,
            ssl=ssl, actor=actor(),
        )  # fmt: skip
    console.print(t("notices.server", server=chosen.server, sender=chosen.sender))
    if username:
        console.print(t("notices.password_from", variable=PASSWORD_VARIABLE))


def register(app: typer.Typer) -> None:
    """Add ``custvalue notices ...``."""
    group = typer.Typer(help=t("notices.help"), no_args_is_help=True)
    group.command("render", help=t("notices.render_help"))(_render)
    group.command("send", help=t("notices.send_help"))(_send)
    group.command("log", help=t("notices.log_help"))(_log)
    group.command("mail", help=t("notices.mail_help"))(_mail)
    app.add_typer(group, name="notices")
