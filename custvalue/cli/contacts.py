"""``custvalue contacts assign|plan|add|log|cancel|list|overdue|reassign|every``: the
contact plan (docs/keeping.md §4). The work is :mod:`custvalue.app.contacts`; each
command parses, calls one function and prints what the store now holds."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from custvalue.cli.common import open_db, parse_date_option, parse_number_pairs
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.i18n import t

__all__ = ["register"]

_OWNER = Annotated[str, typer.Option("--owner", help=t("contacts.opt_owner"), show_default=False)]
_AS_OF = Annotated[str | None, typer.Option("--as-of", help=t("contacts.opt_as_of"))]
_NOTE = Annotated[str | None, typer.Option("--note", help=t("contacts.opt_note"))]


def actor() -> str:
    """Who acts from the command line, as the audit log records it."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli"


def _assign(
    customers: Annotated[list[str], typer.Argument(help=t("contacts.arg_customers"))],
    owner: _OWNER,
    reason: Annotated[str | None, typer.Option("--reason", help=t("contacts.opt_reason"))] = None,
) -> None:
    from custvalue.app.contacts import assign_owner

    with open_db() as db:
        moved = assign_owner(db, customer_ids=customers, owner=owner, reason=reason, actor=actor())
    console.print(t("contacts.assigned", count=moved, owner=owner.strip()))


def _plan(as_of: _AS_OF = None) -> None:
    from custvalue.app.contacts import plan_contacts

    with open_db() as db:
        count = plan_contacts(db, as_of=parse_date_option("--as-of", as_of), actor=actor())
    console.print(t("contacts.planned", count=count))


def _add(
    customer: Annotated[str, typer.Argument(help=t("contacts.arg_customer"), show_default=False)],
    due: Annotated[str, typer.Option("--due", help=t("contacts.opt_due"), show_default=False)],
    kind: Annotated[str, typer.Option("--kind", help=t("contacts.opt_kind"))] = "visit",
    owner: Annotated[str | None, typer.Option("--owner", help=t("contacts.opt_owner"))] = None,
    note: _NOTE = None,
) -> None:
    from custvalue.app.contacts import add_contact

    day = parse_date_option("--due", due)
    assert day is not None  # a required option
    with open_db() as db:
        number = add_contact(
            db, customer_id=customer, kind=kind, due_on=day, owner=owner, note=note, actor=actor()
        )
    console.print(t("contacts.added", contact=number, customer=customer, due=day.isoformat()))


def _log(
    outcome: Annotated[
        str, typer.Option("--outcome", help=t("contacts.opt_outcome"), show_default=False)
    ],
    contact: Annotated[
        int | None, typer.Option("--contact", help=t("contacts.opt_contact"))
    ] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("contacts.opt_customer"))
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help=t("contacts.opt_kind"))] = "call",
    note: _NOTE = None,
    next_contact: Annotated[
        bool, typer.Option("--next/--no-next", help=t("contacts.opt_next"))
    ] = True,
) -> None:
    from custvalue.app.contacts import log_contact

    with open_db() as db:
        number = log_contact(
            db, contact_id=contact, customer_id=customer, kind=kind, outcome=outcome,
            note=note, plan_next=next_contact, actor=actor(),
        )  # fmt: skip
    console.print(t("contacts.logged", contact=number))


def _cancel(
    contact: Annotated[int, typer.Argument(help=t("contacts.opt_contact"), show_default=False)],
    reason: Annotated[
        str, typer.Option("--reason", help=t("contacts.opt_reason"), show_default=False)
    ],
) -> None:
    from custvalue.app.contacts import cancel_contact

    with open_db() as db:
        cancel_contact(db, contact_id=contact, reason=reason, actor=actor())
    console.print(t("contacts.cancelled", contact=contact))


def _words(frame: object) -> object:
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    out = frame
    for column, prefix in (("kind", "contacts.kind_"), ("state", "contacts.state_")):
        if column in out.columns:
            codes = out[column].unique().drop_nulls().to_list()
            out = out.with_columns(pl.col(column).replace({c: t(prefix + c) for c in codes}))
    return out


@output_options
def _list(
    owner: Annotated[str | None, typer.Option("--owner", help=t("contacts.opt_owner"))] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("contacts.opt_customer"))
    ] = None,
    state: Annotated[str | None, typer.Option("--state", help=t("contacts.opt_state"))] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help=t("contacts.opt_overdue"))] = False,
    as_of: _AS_OF = None,
    limit: Annotated[int, typer.Option("--limit", help=t("contacts.opt_limit"))] = 100,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.contacts import list_contacts

    with open_db() as db:
        page = list_contacts(
            db, owner=owner, customer_id=customer, state=state, overdue=overdue,
            as_of=parse_date_option("--as-of", as_of), limit=limit,
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(page.to_dict())
        return
    if page.total == 0 and fmt is Format.table:
        console.print(t("contacts.none_match"))
        return
    shown = page.table.drop("created_by", strict=False)
    emit_frame(
        _words(shown),  # type: ignore[arg-type]
        fmt,
        title=t("contacts.title_list", as_of=page.as_of.isoformat()),
        keep=("customer_id", "due_on", "state"),
        priority=("note", "created_at", "done_by", "outcome"),
        caption=t("contacts.list_note", shown=page.table.height, total=page.total),
    )


@output_options
def _overdue(as_of: _AS_OF = None, fmt: Format = Format.table) -> None:
    from custvalue.app.contacts import overdue_by_owner

    with open_db() as db:
        load = overdue_by_owner(db, as_of=parse_date_option("--as-of", as_of))
    if fmt is Format.json:
        emit_json(load.to_dict())
        return
    if load.table.height == 0 and fmt is Format.table:
        console.print(t("contacts.no_owners"))
        return
    emit_frame(
        load.table,
        fmt,
        title=t("contacts.title_overdue", as_of=load.as_of.isoformat()),
        kinds=dict.fromkeys(("customers", "planned", "overdue", "done_30d"), "count"),
        caption=t("contacts.overdue_note"),
    )


def _reassign(
    from_owner: Annotated[
        str, typer.Option("--from", help=t("contacts.opt_from"), show_default=False)
    ],
    to_owner: Annotated[str, typer.Option("--to", help=t("contacts.opt_to"), show_default=False)],
    reason: Annotated[str | None, typer.Option("--reason", help=t("contacts.opt_reason"))] = None,
) -> None:
    from custvalue.app.contacts import reassign

    with open_db() as db:
        moved = reassign(db, from_owner=from_owner, to_owner=to_owner, reason=reason, actor=actor())
    console.print(
        t("contacts.reassigned", source=moved.from_owner, target=moved.to_owner,
          customers=moved.customers, planned=moved.planned)
    )  # fmt: skip


def _every(
    pairs: Annotated[
        str | None, typer.Argument(help=t("contacts.arg_every"), show_default=False)
    ] = None,
) -> None:
    from custvalue.app.contacts import contact_frequencies, set_frequencies

    chosen = parse_number_pairs(
        "FREQUENCIES", pairs, reason=t("contacts.arg_every"), hint="key=30,develop=60,ordinary=120"
    )
    with open_db() as db:
        now = set_frequencies(db, chosen, actor=actor()) if chosen else contact_frequencies(db)
    console.print(
        t("contacts.frequencies", key=now["key"], develop=now["develop"], ordinary=now["ordinary"])
    )


def register(app: typer.Typer) -> None:
    """Add ``custvalue contacts ...``."""
    group = typer.Typer(help=t("contacts.help"), no_args_is_help=True)
    group.command("assign", help=t("contacts.assign_help"))(_assign)
    group.command("plan", help=t("contacts.plan_help"))(_plan)
    group.command("add", help=t("contacts.add_help"))(_add)
    group.command("log", help=t("contacts.log_help"))(_log)
    group.command("cancel", help=t("contacts.cancel_help"))(_cancel)
    group.command("list", help=t("contacts.list_help"))(_list)
    group.command("overdue", help=t("contacts.overdue_help"))(_overdue)
    group.command("reassign", help=t("contacts.reassign_help"))(_reassign)
    group.command("every", help=t("contacts.every_help"))(_every)
    app.add_typer(group, name="contacts")
