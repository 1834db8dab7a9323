"""``custvalue card open|recharge|spend|refund|expire|adjust|show|statement|list|import|
policy``: the member card [贵宾卡] (docs/keeping.md §7). The work is
:mod:`custvalue.app.card`; each command parses (amounts in 元, at most two decimals),
calls one function and prints what the ledger now says."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from custvalue.cli.common import open_db, parse_date_option, parse_map_option
from custvalue.cli.contacts import actor
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json, err_console
from custvalue.i18n import get_lang, t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.card import CardDetail, CardPosted
    from custvalue.card import Movement, Tier

__all__ = ["register"]

_CARD = Annotated[str, typer.Argument(help=t("cards.arg_card"), show_default=False)]
_AT = Annotated[str | None, typer.Option("--at", help=t("cards.opt_at"))]
_VENUE = Annotated[str, typer.Option("--venue", help=t("cards.opt_venue"))]
_REF = Annotated[str, typer.Option("--ref", help=t("cards.opt_payment_ref"))]


# -- parsing -----------------------------------------------------------------------------------


def _money(option: str, text: str | None, *, signed: bool = False) -> int:
    """An amount typed in 元 as cents (:func:`custvalue.app.card.parse_yuan`)."""
    from custvalue.app.card import parse_yuan

    return parse_yuan(option, text, signed=signed)


def _moment(option: str, value: str | None) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` (or a day: its start) as a local time."""
    from custvalue.exceptions import DataValidationError

    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("T", " "))
    except ValueError:
        raise DataValidationError(
            "error.option", option=option, value=value, reason=t("cards.reason_time"),
            hint=t("cards.hint_time"),
        ) from None  # fmt: skip


def _points(option: str, value: int, *, signed: bool = False) -> int:
    from custvalue.exceptions import DataValidationError

    if value < 0 and not signed:
        raise DataValidationError(
            "error.option", option=option, value=str(value), reason=t("cards.reason_points"),
            hint=t("cards.hint_points"),
        )  # fmt: skip
    return value


# -- words -------------------------------------------------------------------------------------


def _yuan(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole:,}.{part:02d}"


def _plain(number: Decimal) -> str:
    """A decimal without trailing zeros: ``5.00`` → ``5``, ``1.10`` → ``1.1``."""
    return f"{number.normalize():f}"


def _count(n: int) -> str:
    return f"{int(n):,}"


def _kind(kind: str) -> str:
    return t(f"cards.kind_{kind}")


def _row_kind(m: Movement) -> str:
    """A movement's kind in words; the rows of a refund say which part of it they are."""
    if m.kind == "refund":
        if m.points > 0:
            return t("cards.kind_refund_points_back")
        if m.points < 0:
            return t("cards.kind_refund_clawback")
        if m.stored_cents < 0:
            return t("cards.kind_refund_charge")
    return _kind(m.kind)


_CHARGE = re.compile(r"^(\d+) × (\d+)$")


def _note(m: Movement) -> str:
    """The library's notes in words (an opening's, a refund's charge); others as written."""
    if m.kind == "opening" and m.note == "carried over":
        return t("cards.note_carried_over")
    charge = _CHARGE.match(m.note) if m.kind == "refund" else None
    if charge:
        return t("cards.note_charge", points=_count(int(charge[1])), value=charge[2])
    return m.note


def _venue(venue: str) -> str:
    from custvalue.app.card import VENUES

    if not venue:
        return "—"
    return t(f"cards.venue_{venue}") if venue in VENUES else venue


def _tier(tier: Tier) -> str:
    name = tier.name if get_lang() == "zh" else tier.name_en
    return name or tier.key


def _tier_key(key: str) -> str:
    from custvalue.app.card import card_tiers

    with open_db() as db:
        tiers, _ = card_tiers(db)
    try:
        return _tier(tiers.get(key))
    except Exception:  # noqa: BLE001 - a tier the settings no longer have: its key
        return key


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False)


def _balances(stored_before: int, stored: int, points_before: int, points: int) -> None:
    _print(
        t("cards.balances", stored_before=_yuan(stored_before), stored=_yuan(stored),
          points_before=_count(points_before), points=_count(points))
    )  # fmt: skip


def _tier_change(done: CardPosted) -> None:
    if done.tier != done.tier_before:
        _print(
            t("cards.tier_changed", before=_tier_key(done.tier_before), after=_tier_key(done.tier))
        )


def _movements_frame(movements: list[Movement] | tuple[Movement, ...]) -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(
        {
            "card_seq": [m.movement_id for m in movements],
            "card_when": [m.at for m in movements],
            "card_kind": [_row_kind(m) for m in movements],
            "card_venue": [_venue(m.venue) for m in movements],
            "card_stored_change": [m.stored_cents / 100 for m in movements],
            "card_points_change": [m.points for m in movements],
            "card_ref": [m.ref or "—" for m in movements],
            "card_note": [_note(m) for m in movements],
        },
        schema={
            "card_seq": pl.Int64, "card_when": pl.Datetime("us"), "card_kind": pl.String,
            "card_venue": pl.String, "card_stored_change": pl.Float64,
            "card_points_change": pl.Int64, "card_ref": pl.String, "card_note": pl.String,
        },
    )  # fmt: skip


_MOVEMENT_KINDS: dict[str, Any] = {"card_seq": "id", "card_points_change": "count"}


def _emit(done: CardPosted, fmt: Format) -> bool:
    """JSON (or a spreadsheet of the movements) when asked; True when done."""
    if fmt is Format.json:
        emit_json(done.to_dict())
        return True
    if fmt.spreadsheet:
        emit_frame(_movements_frame(done.movements), fmt, money=("card_stored_change",))
        return True
    return False


# -- commands ----------------------------------------------------------------------------------


@output_options
def _open(
    card: Annotated[str | None, typer.Option("--card", help=t("cards.opt_card_id"))] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("cards.opt_customer"))
    ] = None,
    holder: Annotated[str | None, typer.Option("--holder", help=t("cards.opt_holder"))] = None,
    stored: Annotated[str | None, typer.Option("--stored", help=t("cards.opt_open_stored"))] = None,
    points: Annotated[int, typer.Option("--points", help=t("cards.opt_open_points"))] = 0,
    points_expire: Annotated[
        str | None, typer.Option("--points-expire", help=t("cards.opt_points_expire"))
    ] = None,
    at: _AT = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.card import open_card

    cents = _money("--stored", stored) if stored is not None else 0
    with open_db() as db:
        detail = open_card(
            db, card_id=card, customer_id=customer, holder=holder, at=_moment("--at", at),
            stored_cents=cents, points=_points("--points", points),
            points_expire_on=parse_date_option("--points-expire", points_expire), actor=actor(),
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(detail.to_dict())
        return
    row = detail.card
    who = row["holder"] or "—"
    if row["customer_id"]:
        who = f"{who} ({row['customer_id']})"
    _print(t("cards.opened", card=detail.card_id, who=who, tier=_tier(detail.tier)))
    if detail.state.stored_cents or detail.state.points:
        _balances(0, detail.state.stored_cents, 0, detail.state.points)


@output_options
def _recharge(
    card: _CARD,
    amount: Annotated[str, typer.Argument(help=t("cards.arg_amount"), show_default=False)],
    venue: _VENUE = "",
    ref: _REF = "",
    at: _AT = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.card import recharge

    cents = _money("AMOUNT", amount)
    with open_db() as db:
        done = recharge(
            db, card_id=card, amount_cents=cents, venue=venue, ref=ref,
            at=_moment("--at", at), actor=actor(),
        )  # fmt: skip
    if _emit(done, fmt):
        return
    _print(t("cards.recharged", card=done.card_id, amount=_yuan(cents)))
    _balances(done.stored_before, done.stored_cents, done.points_before, done.points)


@output_options
def _spend(
    card: _CARD,
    amount: Annotated[str, typer.Argument(help=t("cards.arg_bill"), show_default=False)],
    ref: Annotated[str, typer.Option("--ref", help=t("cards.opt_bill_ref"), show_default=False)],
    venue: _VENUE = "",
    stored: Annotated[str | None, typer.Option("--stored", help=t("cards.opt_from_stored"))] = None,
    points: Annotated[int, typer.Option("--points", help=t("cards.opt_points_used"))] = 0,
    at: _AT = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.card import spend

    cents = _money("AMOUNT", amount)
    from_stored = _money("--stored", stored) if stored is not None else 0
    with open_db() as db:
        done = spend(
            db, card_id=card, amount_cents=cents, ref=ref, venue=venue, from_stored=from_stored,
            points_used=_points("--points", points), at=_moment("--at", at), actor=actor(),
        )  # fmt: skip
    if _emit(done, fmt):
        return
    spent = done.movements[0]
    used = -done.total("redeem")
    _print(
        t("cards.spent", card=done.card_id, ref=spent.ref, venue=_venue(spent.venue),
          amount=_yuan(cents), stored=_yuan(-spent.stored_cents), points=_count(used),
          points_value=_yuan(cents - spent.paid_cents), outside=_yuan(done.outside_cents),
          earned=_count(done.total("earn")))
    )  # fmt: skip
    _balances(done.stored_before, done.stored_cents, done.points_before, done.points)
    _tier_change(done)


@output_options
def _refund(
    card: _CARD,
    bill: Annotated[str, typer.Argument(help=t("cards.arg_refund_bill"), show_default=False)],
    at: _AT = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.card import refund

    with open_db() as db:
        done = refund(db, card_id=card, spend_ref=bill, at=_moment("--at", at), actor=actor())
    if _emit(done, fmt):
        return
    first = done.movements[0]
    given = sum(m.points for m in done.movements if m.points > 0)
    clawed = -sum(m.points for m in done.movements if m.points < 0)
    charged = -sum(m.stored_cents for m in done.movements if m.stored_cents < 0)
    _print(
        t("cards.refunded", card=done.card_id, ref=first.ref, venue=_venue(first.venue),
          stored=_yuan(first.stored_cents), given=_count(given), clawed=_count(clawed),
          charged=_yuan(charged), outside=_yuan(-done.outside_cents),
          withheld=_yuan(done.withheld_cents))
    )  # fmt: skip
    _balances(done.stored_before, done.stored_cents, done.points_before, done.points)
    _tier_change(done)


@output_options
def _expire(
    card: Annotated[
        str | None, typer.Argument(help=t("cards.arg_card_or_all"), show_default=False)
    ] = None,
    today: Annotated[str | None, typer.Option("--today", help=t("cards.opt_today"))] = None,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.card import expire

    with open_db() as db:
        run = expire(db, card_id=card, today=parse_date_option("--today", today), actor=actor())
    if fmt is Format.json:
        emit_json(run.to_dict())
        return
    frame = pl.DataFrame(
        {
            "card_no": [p.card_id for p in run.postings],
            "card_expired": [-p.total("expire") for p in run.postings],
            "card_points": [p.points for p in run.postings],
        },
        schema={"card_no": pl.String, "card_expired": pl.Int64, "card_points": pl.Int64},
    )
    shown = err_console if fmt.spreadsheet else console
    shown.print(
        t("cards.expired", points=_count(run.points), cards=_count(len(run.postings)),
          checked=_count(run.checked), today=run.today.isoformat()),
        markup=False, highlight=False,
    )  # fmt: skip
    if frame.height or fmt.spreadsheet:
        emit_frame(frame, fmt, title=t("cards.title_expired"), kinds={"card_no": "id"})


@output_options
def _adjust(
    card: _CARD,
    reason: Annotated[
        str, typer.Option("--reason", help=t("cards.opt_reason"), show_default=False)
    ],
    stored: Annotated[
        str | None, typer.Option("--stored", help=t("cards.opt_adjust_stored"))
    ] = None,
    points: Annotated[int, typer.Option("--points", help=t("cards.opt_adjust_points"))] = 0,
    expires: Annotated[str | None, typer.Option("--expires", help=t("cards.opt_expires"))] = None,
    venue: _VENUE = "",
    ref: Annotated[str, typer.Option("--ref", help=t("cards.opt_adjust_ref"))] = "",
    at: _AT = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.card import adjust

    cents = _money("--stored", stored, signed=True) if stored is not None else 0
    with open_db() as db:
        done = adjust(
            db, card_id=card, reason=reason, stored_cents=cents, points=points,
            expires_on=parse_date_option("--expires", expires), venue=venue, ref=ref,
            at=_moment("--at", at), actor=actor(),
        )  # fmt: skip
    if _emit(done, fmt):
        return
    _print(
        t("cards.adjusted", card=done.card_id, stored=_yuan(done.total("adjust", "stored_cents")),
          points=_count(done.total("adjust")), reason=reason.strip())
    )  # fmt: skip
    _balances(done.stored_before, done.stored_cents, done.points_before, done.points)


def _lots_frame(detail: CardDetail) -> pl.DataFrame:
    import polars as pl

    lots = [lot for lot in detail.state.lots if lot.remaining > 0]
    return pl.DataFrame(
        {
            "card_lot": [lot.lot_id for lot in lots],
            "card_when": [lot.at for lot in lots],
            "card_kind": [_kind(lot.kind) for lot in lots],
            "card_venue": [_venue(lot.venue) for lot in lots],
            "card_ref": [lot.ref or "—" for lot in lots],
            "card_lot_points": [lot.points for lot in lots],
            "card_remaining": [lot.remaining for lot in lots],
            "card_expires": [lot.expires_on for lot in lots],
            "card_usable": [lot.usable_on(detail.as_of) for lot in lots],
        },
        schema={
            "card_lot": pl.Int64, "card_when": pl.Datetime("us"), "card_kind": pl.String,
            "card_venue": pl.String, "card_ref": pl.String, "card_lot_points": pl.Int64,
            "card_remaining": pl.Int64, "card_expires": pl.Date, "card_usable": pl.Boolean,
        },
    )  # fmt: skip


@output_options
def _show(
    card: _CARD,
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cards.opt_as_of"))] = None,
    last: Annotated[int, typer.Option("--last", help=t("cards.opt_last"), min=1)] = 20,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.card import card_state

    with open_db() as db:
        detail = card_state(db, card, as_of=parse_date_option("--as-of", as_of))
    if fmt is Format.json:
        emit_json(detail.to_dict())
        return
    if fmt.spreadsheet:
        emit_frame(_movements_frame(detail.movements), fmt, money=("card_stored_change",))
        return
    row, state = detail.card, detail.state
    who = row["holder"] or "—"
    if row["customer_id"]:
        who = f"{who} ({row['customer_id']})"
    _print(
        t("cards.head", card=detail.card_id, who=who, opened=f"{row['opened_at']:%Y-%m-%d}",
          as_of=detail.as_of.isoformat())
    )  # fmt: skip
    if row["closed_at"] is not None:
        _print(t("cards.head_closed", closed=f"{row['closed_at']:%Y-%m-%d}"))
    pv = state.policy.point_value_cents
    _print(
        t("cards.head_balances", stored=_yuan(state.stored_cents), points=_count(state.points),
          usable=_count(detail.usable_points), worth=_yuan(detail.usable_points * pv))
    )  # fmt: skip
    tier = detail.tier
    _print(
        t("cards.head_tier", tier=_tier(tier), discount=_plain(tier.discount * 100),
          multiplier=_plain(tier.earn_multiplier), growth=_count(detail.growth))
    )  # fmt: skip
    if detail.next_tier is not None:
        _print(
            t("cards.head_next", tier=_tier(detail.next_tier),
              needed=_count(detail.to_next_tier or 0))
        )  # fmt: skip
    lots = _lots_frame(detail)
    if lots.height:
        emit_frame(
            lots, Format.table, title=t("cards.title_lots"),
            kinds={"card_lot": "id", "card_lot_points": "count", "card_remaining": "count"},
            priority=("card_ref", "card_venue", "card_kind"),
        )  # fmt: skip
    shown = list(detail.movements[-last:])
    if not shown:
        _print(t("cards.no_movements"))
        return
    emit_frame(
        _movements_frame(shown), Format.table,
        title=t("cards.title_movements", shown=len(shown), total=len(detail.movements)),
        money=("card_stored_change",), kinds=_MOVEMENT_KINDS,
        keep=("card_kind", "card_stored_change", "card_points_change"),
        priority=("card_note", "card_ref", "card_venue"),
    )  # fmt: skip


def _totals_frame(entries: Any, by: str) -> pl.DataFrame:
    import polars as pl

    labels = [(_kind(e.kind) if by == "kind" else _venue(e.venue)) for e in entries]
    return pl.DataFrame(
        {
            "card_kind" if by == "kind" else "card_venue": labels,
            "card_movements": [e.movements for e in entries],
            "card_stored_change": [e.stored_cents / 100 for e in entries],
            "card_points_change": [e.points for e in entries],
            "card_paid": [e.paid_cents / 100 for e in entries],
        },
        schema={
            "card_kind" if by == "kind" else "card_venue": pl.String,
            "card_movements": pl.Int64, "card_stored_change": pl.Float64,
            "card_points_change": pl.Int64, "card_paid": pl.Float64,
        },
    )  # fmt: skip


@output_options
def _statement(
    card: _CARD,
    start: Annotated[str | None, typer.Option("--from", help=t("cards.opt_from"))] = None,
    end: Annotated[str | None, typer.Option("--to", help=t("cards.opt_to"))] = None,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.card import card_statement

    with open_db() as db:
        done = card_statement(
            db, card, start=parse_date_option("--from", start), end=parse_date_option("--to", end)
        )
    if fmt is Format.json:
        emit_json(done.to_dict())
        return
    s = done.statement
    frame = _movements_frame([line.movement for line in s.lines]).with_columns(
        pl.Series("card_stored_after", [line.stored_cents / 100 for line in s.lines], pl.Float64),
        pl.Series("card_points_after", [line.points for line in s.lines], pl.Int64),
    )
    money = ("card_stored_change", "card_stored_after")
    if fmt.spreadsheet:
        emit_frame(frame, fmt, money=money)
        return
    _print(
        t("cards.statement_head", card=s.card_id or done.card["card_id"], start=s.start.isoformat(),
          end=s.end.isoformat(), stored=_yuan(s.opening_stored_cents),
          points=_count(s.opening_points))
    )  # fmt: skip
    if frame.height:
        emit_frame(
            frame, Format.table, title=t("cards.title_statement"), money=money,
            kinds={**_MOVEMENT_KINDS, "card_points_after": "count"},
            keep=("card_kind", "card_stored_change", "card_points_change"),
            priority=("card_note", "card_ref", "card_seq", "card_venue"),
        )  # fmt: skip
    else:
        _print(t("cards.no_movements"))
    _print(
        t("cards.statement_close", stored=_yuan(s.closing_stored_cents),
          points=_count(s.closing_points))
    )  # fmt: skip
    if s.by_kind:
        emit_frame(
            _totals_frame(s.by_kind, "kind"), Format.table, title=t("cards.title_by_kind"),
            money=("card_stored_change", "card_paid"), kinds={"card_points_change": "count"},
        )  # fmt: skip
    if s.by_venue:
        emit_frame(
            _totals_frame(s.by_venue, "venue"), Format.table, title=t("cards.title_by_venue"),
            money=("card_stored_change", "card_paid"), kinds={"card_points_change": "count"},
        )  # fmt: skip


@output_options
def _list(
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("cards.opt_customer_filter"))
    ] = None,
    holder: Annotated[
        str | None, typer.Option("--holder", help=t("cards.opt_holder_filter"))
    ] = None,
    open_only: Annotated[bool, typer.Option("--open", help=t("cards.opt_open_only"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("cards.opt_as_of"))] = None,
    limit: Annotated[int, typer.Option("--limit", help=t("cards.opt_limit"))] = 100,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.card import card_tiers, list_cards

    with open_db() as db:
        page = list_cards(
            db, customer_id=customer, holder=holder, open_only=open_only,
            as_of=parse_date_option("--as-of", as_of), limit=limit,
        )  # fmt: skip
        tiers, _ = card_tiers(db)
    if fmt is Format.json:
        emit_json(page.to_dict())
        return
    if page.total == 0 and fmt is Format.table:
        _print(t("cards.none_match"))
        return
    names = {tier.key: _tier(tier) for tier in tiers.tiers}
    table = page.table
    shown = pl.DataFrame(
        {
            "card_no": table["card_id"],
            "customer_id": table["customer_id"],
            "card_holder": table["holder"],
            "card_opened": table["opened_at"].dt.date(),
            "card_stored": table["stored_cents"] / 100,
            "card_points": table["points"],
            "card_usable": table["usable_points"],
            "card_tier": table["tier"].replace(names),
            "card_last": table["last_at"],
        }
    )
    emit_frame(
        shown, fmt, title=t("cards.title_list", as_of=page.as_of.isoformat()),
        money=("card_stored",), kinds={"card_no": "id", "card_points": "count",
                                       "card_usable": "count"},
        keep=("card_no", "card_stored", "card_points"), priority=("card_last", "card_opened"),
        caption=t("cards.list_note", shown=table.height, total=page.total,
                  stored=_yuan(page.stored_cents), points=_count(page.points)),
    )  # fmt: skip


@output_options
def _import(
    file: Annotated[Path, typer.Argument(help=t("cards.arg_file"), show_default=False)],
    sheet: Annotated[str | None, typer.Option("--sheet", help=t("cli.opt_sheet"))] = None,
    map_: Annotated[list[str] | None, typer.Option("--map", help=t("cli.opt_map"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=t("cli.opt_strict"))] = False,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.card import member_import
    from custvalue.app.imports import StrictImportError

    def rejected_rows(rejected: list[Any]) -> None:
        if not rejected and not fmt.spreadsheet:
            return
        frame = pl.DataFrame(
            [{"line": r.line, "column": r.column, "value": r.value, "reason": r.message()}
             for r in rejected],
            schema={"line": pl.Int64, "column": pl.String, "value": pl.String,
                    "reason": pl.String},
        )  # fmt: skip
        emit_frame(
            frame, fmt if fmt.spreadsheet else Format.table, title=t("cli.rejected_title"),
            kinds={"line": "id", "value": "text"},
        )  # fmt: skip

    with open_db() as db:
        try:
            result = member_import(
                db, file, sheet=sheet, mapping=parse_map_option(map_), strict=strict,
                actor=actor(),
            )  # fmt: skip
        except StrictImportError as error:
            if fmt is Format.json:
                emit_json({"file": str(file), "imported": 0,
                           "rejected": [r.to_dict() for r in error.rejected]})  # fmt: skip
            else:
                rejected_rows(error.rejected)
            raise
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    shown = err_console if fmt.spreadsheet else console
    shown.print(
        t("cards.imported", file=result.file, imported=_count(result.imported),
          duplicates=_count(result.duplicates),
          rejected=_count(len({r.line for r in result.rejected}))),
        markup=False, highlight=False,
    )  # fmt: skip
    if result.previous_imports:
        first_id, when = result.previous_imports[0]
        shown.print(t("cli.import_seen_before", import_id=first_id, when=when))
    rejected_rows(result.rejected)


def _read_tiers(path: Path) -> dict[str, Any]:
    """A tiers file: TOML (``[silver] threshold = 500 …``) or JSON."""
    import json
    import tomllib

    from custvalue.exceptions import DataValidationError

    try:
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        detail = getattr(error, "strerror", None) or str(error)
        raise DataValidationError("cards.tiers_file", file=str(path), detail=detail) from None
    if not isinstance(data, dict):
        raise DataValidationError("cards.tiers_file", file=str(path), detail=type(data).__name__)
    tiers = data.get("tiers", data)
    return dict(tiers) if isinstance(tiers, dict) else {"tiers": tiers}


@output_options
def _policy(
    pairs: Annotated[
        list[str] | None, typer.Option("--set", help=t("cards.opt_set"), show_default=False)
    ] = None,
    tiers_file: Annotated[
        Path | None, typer.Option("--tiers", help=t("cards.opt_tiers_file"))
    ] = None,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.card import card_setup, set_card_policy
    from custvalue.exceptions import DataValidationError

    changes: dict[str, Any] = {}
    for pair in pairs or []:
        name, sep, value = pair.replace("＝", "=").partition("=")
        if not sep or not name.strip():
            raise DataValidationError(
                "error.option", option="--set", value=pair, reason=t("cards.reason_set"),
                hint=t("cards.hint_set"),
            )  # fmt: skip
        changes[name.strip()] = value.strip()
    if tiers_file is not None:
        changes["tiers"] = _read_tiers(tiers_file)
    with open_db() as db:
        setup = set_card_policy(db, changes, actor=actor()) if changes else card_setup(db)
    if fmt is Format.json:
        emit_json(setup.to_dict())
        return
    p = setup.policy
    if not fmt.spreadsheet:
        if changes:
            _print(t("cards.policy_saved"))
        expiry = t("cards.policy_days", days=p.expiry_days) if p.expiry_days else t("cards.never")
        _print(
            t("cards.policy_line", rate=_plain(p.earn_rate * 100), value=p.point_value_cents,
              expiry=expiry, rounding=t(f"cards.rounding_{p.rounding}"),
              on_points=t("cards.yes") if p.earn_on_points else t("cards.no"),
              source=t(f"cards.source_{setup.policy_source}"))
        )  # fmt: skip
        tp = setup.tier_policy
        _print(
            t("cards.tier_policy_line", cents=_yuan(tp.cents_per_growth),
              bonus=tp.registration_bonus,
              review=t("cards.yes") if tp.yearly_review else t("cards.no"),
              source=t(f"cards.source_{setup.tiers_source}"))
        )  # fmt: skip
    levels = setup.tiers.tiers
    frame = pl.DataFrame(
        {
            "card_tier": [_tier(x) for x in levels],
            "card_threshold": [x.threshold for x in levels],
            "card_discount": [float(x.discount) for x in levels],
            "card_multiplier": [f"× {_plain(x.earn_multiplier)}" for x in levels],
            "card_keep": [x.keep_threshold for x in levels],
        }
    )
    emit_frame(
        frame, fmt, title=t("cards.title_tiers"), percent=("card_discount",),
        kinds={"card_threshold": "count", "card_multiplier": "text", "card_keep": "count"},
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``custvalue card ...``."""
    group = typer.Typer(help=t("card.help"), no_args_is_help=True)
    group.command("open", help=t("cards.open_help"))(_open)
    group.command("recharge", help=t("cards.recharge_help"))(_recharge)
    group.command("spend", help=t("cards.spend_help"))(_spend)
    group.command("refund", help=t("cards.refund_help"))(_refund)
    group.command("expire", help=t("cards.expire_help"))(_expire)
    group.command("adjust", help=t("cards.adjust_help"))(_adjust)
    group.command("show", help=t("cards.show_help"))(_show)
    group.command("statement", help=t("cards.statement_help"))(_statement)
    group.command("list", help=t("cards.list_help"))(_list)
    group.command("import", help=t("cards.import_help"))(_import)
    group.command("policy", help=t("cards.policy_help"))(_policy)
    app.add_typer(group, name="card")
