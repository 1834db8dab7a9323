"""Keeping customers in the workbench, continued (docs/keeping.md §5–8): the member card,
win-back, the retention what-if and the referral programme.

* ``/cards``: the cards with their balances replayed from the ledger, the form that opens
  a card and the upload of an existing member list with its row-by-row report
  (:mod:`custvalue.app.card`); ``/cards/{card_id}``: one card's balances, usable points
  and their cash value, tier and what the next one needs, the points lots, the movements
  and a statement for a period, with the forms that recharge, spend, refund and adjust.
* ``/winback``: the lapsed customers ranked by former value × the odds of winning them
  back, the rule as a form and where the odds come from (:mod:`custvalue.app.winback`).
* ``/simulate``: the inputs of the leaky bucket with their sources, a form over any of
  them and up to three scenarios, the projection year by year, the scenarios side by
  side, the leaky-bucket chart and the seeds' two claims on the user's numbers
  (:mod:`custvalue.app.simulate`). Nothing is written: the form is a GET.
* ``/referrals``: the doubling plan's progress, the leaderboard, the claims, the excellent
  customers to ask, and the forms that bind a referral, set the rules and the goal, and
  credit what is due (:mod:`custvalue.app.referrals`).

As in :mod:`custvalue.web.keeping`: each route parses, calls the application layer and
renders; a POST that changes the store answers with a redirect (303) whose page says
what was done, except two that show a result the store does not keep as such: the member
import (its refused rows) and the credit run (what it paid now; running it again pays
nothing twice). A refused form comes back with the message in the request's language and
what was typed, nothing written. Amounts are typed in 元 and kept in cents.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any

import polars as pl
from fastapi import Depends, FastAPI, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import Response

from custvalue.app import card as card_app
from custvalue.app import referrals as referrals_app
from custvalue.card import KindTotal
from custvalue.exceptions import CustValueError, DataValidationError, NotFoundError
from custvalue.formatting import format_value
from custvalue.i18n import get_lang, t
from custvalue.web.access import get_db
from custvalue.web.context import caller
from custvalue.web.errors import status_of
from custvalue.web.keeping import (
    EXPORT_MAX,
    PAGE,
    _blank,
    _can_change,
    _checked,
    _local_now,
    _pager,
    _redirect,
    _replace,
)
from custvalue.web.keeping import _invalid as _named
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

if TYPE_CHECKING:
    from custvalue.app.card import CardDetail, CardPosted
    from custvalue.app.imports import ImportResult
    from custvalue.app.simulate import Baseline, WhatIf
    from custvalue.app.winback import WinBackResult
    from custvalue.card import Movement, Tier

__all__ = ["customer_keeping", "register"]

_TEXT = Annotated[str, Form(max_length=10_000)]
_FIELD = Annotated[str, Form(max_length=1_000)]
_QUERY = Annotated[str | None, Query(max_length=200)]
_LONG_QUERY = Annotated[str | None, Query(max_length=2_000)]
_CARD = Annotated[str, Path(min_length=1, max_length=60)]

#: the colours of the charts: in (acquired, referred, won back), out, the level
_GREEN, _TEAL, _BLUE, _RED, _INK, _GREY = (
    "#27ae60", "#16a085", "#2c6fbb", "#c0392b", "#102a43", "#9fb3c8",
)  # fmt: skip
#: the most scenarios the what-if form takes
SCENARIOS = 3
#: the rows of the card's movement table on the page (the export holds every one)
MOVEMENTS_SHOWN = 50
#: the excellent customers the page lists, in ask order (the export holds every one)
EXCELLENT_SHOWN = 20
#: the payouts a credit run's page lists (the audit log and the store hold every one)
PAYOUTS_SHOWN = 100

_WHOLE = re.compile(r"^[+-]?\d+$")


# -- parsing the forms -----------------------------------------------------------------------


def _option_error(
    label: str, value: str, reason: str, hint: str, field: str
) -> DataValidationError:
    """A typed value refused, named by the field's label (``field``: the input to mark)."""
    return DataValidationError(
        "error.option", option=label, value=value, reason=reason, hint=hint, field=field
    )


def _money(field: str, label: str, text: str | None, *, signed: bool = False) -> int | None:
    """An amount typed in 元 as cents (:func:`custvalue.app.card.parse_yuan`); ``None``
    when left empty."""
    from custvalue.app.card import parse_yuan

    if not (text or "").strip():
        return None
    return parse_yuan(label, text, signed=signed, field=field)


def _points(field: str, label: str, text: str | None, *, signed: bool = False) -> int:
    """Whole points as typed (``3000``, ``3,000``); 0 when left empty."""
    raw = (text or "").strip()
    cleaned = re.sub(r"[,，\s]", "", raw)
    if not cleaned:
        return 0
    if not _WHOLE.match(cleaned) or (cleaned.startswith("-") and not signed):
        raise _option_error(
            label, raw, t("kmore.reason_signed_points" if signed else "cards.reason_points"),
            t("cards.hint_points"), field,
        )  # fmt: skip
    return int(cleaned)


def _decimal(
    field: str, label: str, text: str | None, *, whole: bool = False, percent: bool = False
) -> Any:
    """A number as typed (``0.3``, ``4``, ``2,055.36``, full-width digits allowed; with
    ``percent`` also ``16.6%`` for 0.166); ``None`` when empty; text that is not a number
    is refused naming the field."""
    raw = (text or "").strip()
    if not raw:
        return None
    cleaned = re.sub(r"[,，\s]", "", raw).replace("．", ".")
    scale = 1.0
    if percent and cleaned.endswith(("%", "％")):
        cleaned, scale = cleaned[:-1], 0.01
    try:
        number = float(cleaned) * scale
    except ValueError:
        raise _option_error(
            label, raw, t("kmore.reason_whole" if whole else "kmore.reason_number"),
            t("kmore.hint_whole" if whole else "kmore.hint_number"), field,
        ) from None  # fmt: skip
    if whole and number.is_integer():
        return int(number)
    return number


def _moment(field: str, label: str, text: str | None) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` (or a day: its start) as a local time; ``None`` when empty."""
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("T", " "))
    except ValueError:
        raise _option_error(
            label, raw, t("cards.reason_time"), t("cards.hint_time"), field
        ) from None


def _date(field: str, label: str, text: str | None) -> date | None:
    """A form's date (``YYYY-MM-DD``), ``None`` when left empty."""
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _option_error(
            label, raw, t("keepweb.reason_date"), t("keepweb.hint_date"), field
        ) from None


#: the application's messages that name command-line options, said in the pages' words
_WEB_WORDS = {
    "winback.no_orders": "kmore.no_orders",
    "simulate.no_orders": "kmore.no_orders",
    "simulate.no_retention": "kmore.no_retention",
    "winback.empty_rule": "kmore.winback_empty_rule",
    "winback.needs_scores": "kmore.winback_needs_scores",
    "referrals.no_goal": "kmore.no_goal_start",
    "referrals.no_snapshot": "kmore.no_snapshot",
    "referrals.no_rules": "kmore.credit_needs_rules",
    "referral.no_criteria": "kmore.no_criteria",
    "cards.unknown_customer": "kmore.unknown_customer",
    "cards.card_exists": "kmore.card_exists",
    "referrals.unknown_customer": "kmore.unknown_customer",
    "referrals.in_future": "kmore.in_future",
}


def _message(error: CustValueError) -> str:
    """An error's message in the request's language, in the pages' words where the
    application's names a command-line option."""
    key = _WEB_WORDS.get(error.code)
    return t(key, **error.params) if key else error.message()


def _invalid(error: CustValueError, aliases: Mapping[str, str] | None = None) -> str | None:
    """The form field an error names: the field a check of this module gave, else the
    option the application names (``--ref`` → ``ref``), through ``aliases`` when the
    application's name is not the field's."""
    field = error.params.get("field")
    if isinstance(field, str) and field:
        return field
    for key in ("option", "name"):
        value = error.params.get(key)
        if isinstance(value, str) and value in (aliases or {}):
            return (aliases or {})[value]
    return _named(error)


def _yuan(cents: int | float | None) -> str:
    return format_value(None if cents is None else cents / 100, "money")


def _count(value: int | float | None) -> str:
    return format_value(value, "count")


def _today(request: Request) -> date:
    return _local_now(request).date()


# -- the member card: words ------------------------------------------------------------------


def _tier_name(tier: Tier) -> str:
    name = tier.name if get_lang() == "zh" else tier.name_en
    return name or tier.key


def _tier_names(db: Database) -> dict[str, str]:
    tiers, _ = card_app.card_tiers(db)
    return {tier.key: _tier_name(tier) for tier in tiers.tiers}


def _venue(code: str | None) -> str:
    if not code:
        return "—"
    return t(f"cards.venue_{code}") if code in card_app.VENUES else code


def _venues() -> list[str]:
    """The known venues in the request's language (what the venue field suggests)."""
    return [t(f"cards.venue_{code}") for code in card_app.VENUES]


def _row_kind(m: Movement) -> str:
    """A movement's kind in words; the rows of a refund say which part of it they are."""
    if m.kind == "refund":
        if m.points > 0:
            return t("cards.kind_refund_points_back")
        if m.points < 0:
            return t("cards.kind_refund_clawback")
        if m.stored_cents < 0:
            return t("cards.kind_refund_charge")
    return t(f"cards.kind_{m.kind}")


_CHARGE = re.compile(r"^(\d+) × (\d+)$")
_REWARD = re.compile(r"^referral reward (.+)$")


def _note(m: Movement) -> str:
    """The ledger's notes in words (an opening's, a refund's charge, a referral reward)."""
    if m.kind == "opening" and m.note == "carried over":
        return t("cards.note_carried_over")
    charge = _CHARGE.match(m.note) if m.kind == "refund" else None
    if charge:
        return t("cards.note_charge", points=_count(int(charge[1])), value=charge[2])
    reward = _REWARD.match(m.note) if m.kind == "adjust" else None
    if reward:
        return t("kmore.note_referral_reward")
    return m.note


_MOVEMENT_SCHEMA: dict[str, Any] = {
    "card_seq": pl.Int64,
    "card_when": pl.Datetime("us"),
    "card_kind": pl.String,
    "card_venue": pl.String,
    "card_paid": pl.Float64,
    "card_stored_change": pl.Float64,
    "card_points_change": pl.Int64,
    "card_ref": pl.String,
    "card_note": pl.String,
}
_MOVEMENT_MONEY = ("card_paid", "card_stored_change", "card_stored_after")
_MOVEMENT_KINDS: dict[str, Any] = {
    "card_seq": "id",
    "card_points_change": "count",
    "card_points_after": "count",
    "card_ref": "text",
    "card_note": "text",
}


def _movements_frame(movements: Sequence[Movement]) -> pl.DataFrame:
    """Movements as people read them: kinds and venues in words, money in 元 (the money
    paid is the bill's part not paid with points, shown on a spend or a refund)."""
    return pl.DataFrame(
        {
            "card_seq": [m.movement_id for m in movements],
            "card_when": [m.at for m in movements],
            "card_kind": [_row_kind(m) for m in movements],
            "card_venue": [_venue(m.venue) for m in movements],
            "card_paid": [
                m.paid_cents / 100 if m.kind in ("spend", "refund") and m.paid_cents else None
                for m in movements
            ],
            "card_stored_change": [m.stored_cents / 100 for m in movements],
            "card_points_change": [m.points for m in movements],
            "card_ref": [m.ref or "—" for m in movements],
            "card_note": [_note(m) or "—" for m in movements],
        },
        schema=_MOVEMENT_SCHEMA,
    )


def _lots_frame(detail: CardDetail) -> pl.DataFrame:
    lots = [lot for lot in detail.state.lots if lot.remaining > 0]
    return pl.DataFrame(
        {
            "card_lot": [lot.lot_id for lot in lots],
            "card_when": [lot.at for lot in lots],
            "card_kind": [t(f"cards.kind_{lot.kind}") for lot in lots],
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


_TIER_REASONS = ("joined", "upgrade", "refund", "kept", "review")


def _tier_history_frame(detail: CardDetail, names: Mapping[str, str]) -> pl.DataFrame:
    reasons = {r: t(f"kmore.tier_reason_{r}") for r in _TIER_REASONS}
    history = detail.history
    return pl.DataFrame(
        {
            "card_when": [h.at for h in history],
            "card_tier": [names.get(h.tier, h.tier) for h in history],
            "reason": [reasons.get(h.reason, h.reason) for h in history],
            "growth": [h.growth for h in history],
        },
        schema={
            "card_when": pl.Datetime("us"), "card_tier": pl.String, "reason": pl.String,
            "growth": pl.Int64,
        },
    )  # fmt: skip


def _tiers_frame(db: Database) -> pl.DataFrame:
    tiers, _ = card_app.card_tiers(db)
    levels = tiers.tiers
    return pl.DataFrame(
        {
            "card_tier": [_tier_name(x) for x in levels],
            "card_threshold": [x.threshold for x in levels],
            "card_discount": [float(x.discount) for x in levels],
            "card_multiplier": [f"× {x.earn_multiplier.normalize():f}" for x in levels],
            "card_keep": [x.keep_threshold for x in levels],
        },
        schema={
            "card_tier": pl.String, "card_threshold": pl.Int64, "card_discount": pl.Float64,
            "card_multiplier": pl.String, "card_keep": pl.Int64,
        },
    )  # fmt: skip


def _policy_lines(db: Database) -> list[str]:
    setup = card_app.card_setup(db)
    p, tp = setup.policy, setup.tier_policy
    expiry = t("cards.policy_days", days=p.expiry_days) if p.expiry_days else t("cards.never")
    return [
        t(
            "cards.policy_line", rate=f"{(p.earn_rate * 100).normalize():f}",
            value=p.point_value_cents, expiry=expiry, rounding=t(f"cards.rounding_{p.rounding}"),
            on_points=t("cards.yes") if p.earn_on_points else t("cards.no"),
            source=t(f"cards.source_{setup.policy_source}"),
        ),
        t(
            "cards.tier_policy_line", cents=_yuan(tp.cents_per_growth),
            bonus=tp.registration_bonus,
            review=t("cards.yes") if tp.yearly_review else t("cards.no"),
            source=t(f"cards.source_{setup.tiers_source}"),
        ),
    ]  # fmt: skip


# -- the member card: the list ---------------------------------------------------------------


@dataclass(frozen=True)
class CardFilters:
    """What ``/cards`` is asked to show."""

    customer: str | None = None
    holder: str | None = None
    open_only: bool = False
    offset: int = 0


@dataclass(frozen=True)
class ImportReport:
    """What a member list upload did (``rejected``: the refused rows as a table)."""

    file: str
    imported: int
    duplicates: int
    refused: int
    stored: bool
    previous: tuple[int, str] | None
    rejected: TableView | None


def _rejected_view(rejected: Sequence[Any], file: str) -> TableView:
    frame = pl.DataFrame(
        [
            {"line": r.line, "column": r.column, "value": r.value, "reason": r.message()}
            for r in rejected
        ],
        schema={"line": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String},
    )
    return table_view(
        frame, name="rejected", title=t("kmore.rejected_title", file=file),
        kinds={"line": "id", "value": "text"},
        labels={"line": t("kmore.col_line"), "column": t("kmore.col_column"),
                "value": t("kmore.col_value")},
    )  # fmt: skip


def _import_report(result: ImportResult, file: str) -> ImportReport:
    previous = None
    if result.previous_imports:
        first_id, when = result.previous_imports[0]
        previous = (first_id, format_value(when, "datetime"))
    return ImportReport(
        file=file,
        imported=result.imported,
        duplicates=result.duplicates,
        refused=len({r.line for r in result.rejected}),
        stored=True,
        previous=previous,
        rejected=_rejected_view(result.rejected, file) if result.rejected else None,
    )


def _list_frame(table: pl.DataFrame, names: Mapping[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "card_no": table["card_id"],
            "customer_id": table["customer_id"],
            "card_holder": table["holder"],
            "card_opened": table["opened_at"].dt.date(),
            "card_stored": table["stored_cents"] / 100,
            "card_points": table["points"],
            "card_usable": table["usable_points"],
            "card_tier": table["tier"].replace(dict(names)),
            "card_last": table["last_at"],
        }
    )


def _cards_page(
    request: Request,
    db: Database,
    filters: CardFilters,
    *,
    report: ImportReport | None = None,
    error: str | None = None,
    invalid: str | None = None,
    failed_form: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    today = _today(request)
    exporting = request.query_params.get("export") is not None
    names = _tier_names(db)
    views: list[TableView] = []
    problem = None
    pager = None
    listed = None
    try:
        page = card_app.list_cards(
            db, customer_id=filters.customer, holder=filters.holder,
            open_only=filters.open_only, as_of=today,
            limit=EXPORT_MAX if exporting else PAGE, offset=0 if exporting else filters.offset,
        )  # fmt: skip
    except CustValueError as refused:
        problem = _message(refused)
        status_code = max(status_code, status_of(refused))
    else:
        listed = table_view(
            _list_frame(page.table, names), name="cards",
            title=t("cards.title_list", as_of=page.as_of.isoformat()),
            money=("card_stored",),
            kinds={"card_no": "id", "card_points": "count", "card_usable": "count"},
            links={"card_no": "/cards/{card_no}", "customer_id": "/customers/{customer_id}"},
            caption=t("cards.list_note", shown=page.table.height, total=page.total,
                      stored=_yuan(page.stored_cents), points=_count(page.points)),
        )  # fmt: skip
        views.append(listed)
        pager = _pager(request, filters.offset, page.table.height, page.total)
    tiers = table_view(
        _tiers_frame(db), name="tiers", title=t("cards.title_tiers"),
        percent=("card_discount",),
        kinds={"card_threshold": "count", "card_multiplier": "text", "card_keep": "count"},
    )  # fmt: skip
    views.append(tiers)
    if report is not None and report.rejected is not None:
        views.append(report.rejected)
    if (answer := exported(request, views)) is not None:
        return answer
    context = {
        "filters": filters,
        "listed": listed,
        "tiers": tiers,
        "policy_lines": _policy_lines(db),
        "pager": pager,
        "problem": problem,
        "report": report,
        "venues": _venues(),
        "error": error,
        "invalid": invalid,
        "failed_form": failed_form,
        "form": dict(form or {}),
        "can_change": _can_change(request),
        "today": today.isoformat(),
    }
    return render(request, "cards.html", context, status_code=status_code)


# -- the member card: one card ---------------------------------------------------------------

#: what a redirect may ask a card's page to say (``?done=``)
CARD_NOTICES = ("opened", "recharged", "spent", "refunded", "adjusted")
#: the amounts a redirect carries (whole numbers: cents or points)
_CARD_NUMBERS = (
    "amount", "stored", "points", "points_value", "outside", "earned", "given", "clawed",
    "charged", "withheld", "sb", "sa", "pb", "pa",
)  # fmt: skip


def _posted(done: CardPosted) -> dict[str, Any]:
    """The balances before and after an operation, and the tiers, for the redirect."""
    return {
        "sb": done.stored_before, "sa": done.stored_cents, "pb": done.points_before,
        "pa": done.points, "tb": done.tier_before, "ta": done.tier,
    }  # fmt: skip


def _card_notice(request: Request, card_id: str, names: Mapping[str, str]) -> list[str]:
    """What the operation just done did, in sentences (from the redirect's query)."""
    query = request.query_params
    done = query.get("done")
    if done not in CARD_NOTICES:
        return []
    if done == "opened":
        return [t("kmore.card_opened", card=card_id)]
    numbers: dict[str, int] = {}
    for key in _CARD_NUMBERS:
        given = (query.get(key) or "0").strip()
        if not re.fullmatch(r"-?\d{1,16}", given):
            return []
        numbers[key] = int(given)
    ref = (query.get("ref") or "").strip()[:200] or "—"
    venue = (query.get("venue") or "").strip()[:60]
    n = numbers
    lines: list[str] = []
    if done == "recharged":
        lines.append(t("cards.recharged", card=card_id, amount=_yuan(n["amount"])))
    elif done == "spent":
        values = {
            "card": card_id, "ref": ref, "venue": _venue(venue), "amount": _yuan(n["amount"]),
            "stored": _yuan(n["stored"]), "points": _count(n["points"]),
            "points_value": _yuan(n["points_value"]), "outside": _yuan(n["outside"]),
            "earned": _count(n["earned"]),
        }  # fmt: skip
        lines.append(t("kmore.spent_at" if venue else "kmore.spent", **values))
    elif done == "refunded":
        lines.append(
            t(
                "kmore.refunded", card=card_id, ref=ref, stored=_yuan(n["stored"]),
                given=_count(n["given"]), clawed=_count(n["clawed"]),
                charged=_yuan(n["charged"]), outside=_yuan(n["outside"]),
                withheld=_yuan(n["withheld"]),
            )
        )  # fmt: skip
    else:
        reason = (query.get("reason") or "").strip()[:200] or "—"
        lines.append(
            t("cards.adjusted", card=card_id, stored=_yuan(n["stored"]),
              points=_count(n["points"]), reason=reason)
        )  # fmt: skip
    lines.append(
        t("cards.balances", stored_before=_yuan(n["sb"]), stored=_yuan(n["sa"]),
          points_before=_count(n["pb"]), points=_count(n["pa"]))
    )  # fmt: skip
    before, after = query.get("tb") or "", query.get("ta") or ""
    if before and after and before != after:
        lines.append(
            t("cards.tier_changed", before=names.get(before, before), after=names.get(after, after))
        )
    return lines


def _statement_views(
    db: Database, card_id: str, start: date, end: date
) -> tuple[dict[str, Any], list[TableView]]:
    """The statement of ``start`` – ``end``: its balances and its three tables."""
    done = card_app.card_statement(db, card_id, start=start, end=end)
    s = done.statement
    lines = list(s.lines)
    frame = _movements_frame([line.movement for line in lines]).with_columns(
        pl.Series("card_stored_after", [line.stored_cents / 100 for line in lines], pl.Float64),
        pl.Series("card_points_after", [line.points for line in lines], pl.Int64),
    )
    span = f"{s.start.isoformat()} – {s.end.isoformat()}"
    views = [
        table_view(
            frame, name="statement", title=t("kmore.statement_table", span=span),
            money=_MOVEMENT_MONEY, kinds=_MOVEMENT_KINDS,
        ),
    ]  # fmt: skip
    for by, entries, title in (
        ("kind", s.by_kind, "cards.title_by_kind"),
        ("venue", s.by_venue, "cards.title_by_venue"),
    ):
        column = "card_kind" if by == "kind" else "card_venue"
        labels = [
            t(f"cards.kind_{e.kind}") if isinstance(e, KindTotal) else _venue(e.venue)
            for e in entries
        ]
        totals = pl.DataFrame(
            {
                column: labels,
                "card_movements": [e.movements for e in entries],
                "card_stored_change": [e.stored_cents / 100 for e in entries],
                "card_points_change": [e.points for e in entries],
                "card_paid": [e.paid_cents / 100 for e in entries],
            },
            schema={
                column: pl.String, "card_movements": pl.Int64, "card_stored_change": pl.Float64,
                "card_points_change": pl.Int64, "card_paid": pl.Float64,
            },
        )  # fmt: skip
        views.append(
            table_view(
                totals, name=f"statement_by_{by}", title=t(title),
                money=("card_stored_change", "card_paid"),
                kinds={"card_points_change": "count", "card_movements": "count"},
            )
        )  # fmt: skip
    facts = {
        "span": span,
        "opening": t("kmore.statement_opening", stored=_yuan(s.opening_stored_cents),
                     points=_count(s.opening_points)),
        "closing": t("cards.statement_close", stored=_yuan(s.closing_stored_cents),
                     points=_count(s.closing_points)),
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
    }  # fmt: skip
    return facts, views


def _card_page(
    request: Request,
    db: Database,
    card_id: str,
    *,
    start: str | None = None,
    end: str | None = None,
    error: str | None = None,
    invalid: str | None = None,
    failed_form: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    today = _today(request)
    try:
        detail = card_app.card_state(db, card_id, as_of=today)
    except NotFoundError as missing:
        if missing.code != "cards.unknown_card":
            raise
        raise NotFoundError("kmore.unknown_card", card=card_id.strip()) from None
    key = detail.card_id
    names = _tier_names(db)
    movements = _movements_frame(list(detail.movements)).sort("card_seq", descending=True)
    exporting = request.query_params.get("export") is not None
    shown = movements if exporting else movements.head(MOVEMENTS_SHOWN)
    views = [
        table_view(
            _lots_frame(detail), name="lots", title=t("cards.title_lots"),
            kinds={"card_lot": "id", "card_lot_points": "count", "card_remaining": "count",
                   "card_ref": "text"},
        ),
        table_view(
            shown, name="movements",
            title=t("kmore.movements_table", shown=shown.height, total=movements.height),
            money=_MOVEMENT_MONEY, kinds=_MOVEMENT_KINDS, total=movements.height,
        ),
        table_view(
            _tier_history_frame(detail, names), name="tier_history",
            title=t("kmore.tier_history_title"), kinds={"growth": "count"},
            labels={"reason": t("kmore.col_tier_reason"), "growth": t("kmore.col_growth")},
        ),
    ]  # fmt: skip
    statement: dict[str, Any] | None = None
    statement_problem = None
    period = {"start": start or today.replace(day=1).isoformat(), "end": end or today.isoformat()}
    try:
        first = _date("start", t("kmore.field_from"), period["start"]) or today.replace(day=1)
        last = _date("end", t("kmore.field_to"), period["end"]) or today
        statement, more = _statement_views(db, key, first, last)
        views.extend(more)
    except CustValueError as refused:
        statement_problem = _message(refused)
        status_code = max(status_code, status_of(refused))
    if (answer := exported(request, views)) is not None:
        return answer
    state, row = detail.state, detail.card
    worth = detail.usable_points * state.policy.point_value_cents
    tier = detail.tier
    refundable = [
        {"ref": s.ref,
         "label": t("kmore.refund_option", ref=s.ref, at=format_value(s.at, "datetime"),
                    venue=_venue(s.venue), paid=_yuan(s.paid_cents))}
        for s in state.spends
        if not s.refunded
    ]  # fmt: skip
    holder = row.get("holder") or "—"
    context = {
        "detail": detail,
        "card": row,
        "holder": holder,
        "kpis": [
            ("stored", t("kmore.kpi_stored"), _yuan(state.stored_cents)),
            ("points", t("kmore.kpi_points"), _count(state.points)),
            ("usable", t("kmore.kpi_usable"), _count(detail.usable_points)),
            ("worth", t("kmore.kpi_worth"), _yuan(worth)),
            ("tier", t("kmore.kpi_tier"), _tier_name(tier)),
            ("growth", t("kmore.kpi_growth"), _count(detail.growth)),
        ],
        "tier_line": t(
            "kmore.tier_line", tier=_tier_name(tier),
            discount=f"{(tier.discount * 100).normalize():f}",
            multiplier=f"{tier.earn_multiplier.normalize():f}",
        ),
        "next_line": (
            t("cards.head_next", tier=_tier_name(detail.next_tier),
              needed=_count(detail.to_next_tier or 0))
            if detail.next_tier is not None
            else t("kmore.top_tier")
        ),
        "views": {v.name: v for v in views},
        "statement": statement,
        "statement_problem": statement_problem,
        "period": period,
        "refundable": refundable,
        "venues": _venues(),
        "notice": _card_notice(request, key, names),
        "closed": row.get("closed_at") is not None,
        "error": error,
        "invalid": invalid,
        "failed_form": failed_form,
        "form": dict(form or {}),
        "can_change": _can_change(request),
        "as_of": today.isoformat(),
    }  # fmt: skip
    return render(request, "card.html", context, status_code=status_code)


#: the application's option names and the card forms' fields they mean
_CARD_ALIASES = {
    "--ref": "ref", "BILL": "ref", "--reason": "reason", "--venue": "venue",
    "--customer": "customer", "--holder": "holder", "CARD": "card",
    "amount_cents": "amount", "from_stored": "stored", "points_used": "points",
    "stored_cents": "stored",
}  # fmt: skip


def _card_routes(app: FastAPI) -> None:
    @app.get("/cards", include_in_schema=False)
    def cards_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        customer: _QUERY = None,
        holder: _QUERY = None,
        open: _QUERY = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        filters = CardFilters(
            customer=_blank(customer), holder=_blank(holder), open_only=_checked(open),
            offset=offset,
        )  # fmt: skip
        return _cards_page(request, db, filters)

    @app.post("/cards/open", include_in_schema=False)
    def open_card(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        card: _FIELD = "",
        customer: _FIELD = "",
        holder: _FIELD = "",
        stored: _FIELD = "",
        points: _FIELD = "",
        points_expire: _FIELD = "",
    ) -> Response:
        typed = {"card": card, "customer": customer, "holder": holder, "stored": stored,
                 "points": points, "points_expire": points_expire}  # fmt: skip
        try:
            if not customer.strip() and not holder.strip():
                raise DataValidationError("kmore.needs_holder", field="customer")
            detail = card_app.open_card(
                db, card_id=_blank(card), customer_id=_blank(customer), holder=_blank(holder),
                stored_cents=_money("stored", t("kmore.field_open_stored"), stored) or 0,
                points=_points("points", t("kmore.field_open_points"), points),
                points_expire_on=_date(
                    "points_expire", t("kmore.field_points_expire"), points_expire
                ),
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return _cards_page(
                request, db, CardFilters(), error=_message(refused),
                invalid=_invalid(refused, _CARD_ALIASES), failed_form="open", form=typed,
                status_code=status_of(refused),
            )  # fmt: skip
        return _redirect(f"/cards/{detail.card_id}", done="opened")

    @app.post("/cards/import", include_in_schema=False)
    def import_members(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        file: Annotated[UploadFile, File()],
        sheet: _FIELD = "",
        mapping: _TEXT = "",
        strict: _FIELD = "",
    ) -> Response:
        from custvalue.app import uploads
        from custvalue.app.imports import StrictImportError

        typed = {"sheet": sheet, "mapping": mapping, "strict": strict}
        name = uploads.safe_file_name(file.filename or "members.csv")
        report = None
        with tempfile.TemporaryDirectory(prefix="custvalue-members-") as folder:
            path = FilePath(folder) / name
            try:
                uploads.copy_stream(file.file, path, name)
                result = card_app.member_import(
                    db, path, sheet=_blank(sheet), mapping=uploads.parse_mapping(mapping) or None,
                    strict=_checked(strict), by=caller(request).user, now=_local_now(request),
                )  # fmt: skip
            except StrictImportError as refused:
                report = ImportReport(
                    file=name, imported=0, duplicates=0,
                    refused=len({r.line for r in refused.rejected}), stored=False,
                    previous=None, rejected=_rejected_view(refused.rejected, name),
                )  # fmt: skip
                return _cards_page(
                    request, db, CardFilters(), report=report,
                    error=t("kmore.import_strict", file=name, count=report.refused),
                    failed_form="import", form=typed, status_code=400,
                )  # fmt: skip
            except CustValueError as refused:
                return _cards_page(
                    request, db, CardFilters(), error=_message(refused), failed_form="import",
                    form=typed, status_code=status_of(refused),
                )  # fmt: skip
        report = _import_report(result, name)
        return _cards_page(request, db, CardFilters(), report=report)

    @app.get("/cards/{card_id}", include_in_schema=False)
    def card_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        card_id: _CARD,
        start: _QUERY = None,
        end: _QUERY = None,
    ) -> Response:
        return _card_page(request, db, card_id, start=_blank(start), end=_blank(end))

    def refused_form(
        request: Request,
        db: Database,
        card_id: str,
        name: str,
        refused: CustValueError,
        typed: Mapping[str, str],
    ) -> Response:
        return _card_page(
            request, db, card_id, error=_message(refused),
            invalid=_invalid(refused, _CARD_ALIASES), failed_form=name, form=typed,
            status_code=status_of(refused),
        )  # fmt: skip

    def bill_ref(text: str, field: str) -> str:
        ref = text.strip()
        if not ref:
            raise DataValidationError("kmore.needs_bill", field=field)
        return ref

    @app.post("/cards/{card_id}/recharge", include_in_schema=False)
    def recharge(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        card_id: _CARD,
        amount: _FIELD = "",
        venue: _FIELD = "",
        ref: _FIELD = "",
    ) -> Response:
        typed = {"amount": amount, "venue": venue, "ref": ref}
        try:
            cents = _money("amount", t("kmore.field_amount"), amount)
            if cents is None:
                raise DataValidationError("kmore.needs_amount", field="amount")
            done = card_app.recharge(
                db, card_id=card_id, amount_cents=cents, venue=venue, ref=ref,
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, card_id, "recharge", refused, typed)
        return _redirect(f"/cards/{done.card_id}", done="recharged", amount=cents, **_posted(done))

    @app.post("/cards/{card_id}/spend", include_in_schema=False)
    def spend(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        card_id: _CARD,
        amount: _FIELD = "",
        stored: _FIELD = "",
        points: _FIELD = "",
        venue: _FIELD = "",
        ref: _FIELD = "",
    ) -> Response:
        typed = {"amount": amount, "stored": stored, "points": points, "venue": venue, "ref": ref}
        try:
            cents = _money("amount", t("kmore.field_bill"), amount)
            if cents is None:
                raise DataValidationError("kmore.needs_amount", field="amount")
            from_stored = _money("stored", t("kmore.field_from_stored"), stored) or 0
            used = _points("points", t("kmore.field_points_used"), points)
            done = card_app.spend(
                db, card_id=card_id, amount_cents=cents, ref=bill_ref(ref, "ref"), venue=venue,
                from_stored=from_stored, points_used=used, by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, card_id, "spend", refused, typed)
        spent = done.movements[0]
        return _redirect(
            f"/cards/{done.card_id}", done="spent", ref=spent.ref, venue=spent.venue,
            amount=cents, stored=-spent.stored_cents, points=-done.total("redeem"),
            points_value=cents - spent.paid_cents, outside=done.outside_cents,
            earned=done.total("earn"), **_posted(done),
        )  # fmt: skip

    @app.post("/cards/{card_id}/refund", include_in_schema=False)
    def refund(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        card_id: _CARD,
        ref: _FIELD = "",
    ) -> Response:
        try:
            done = card_app.refund(
                db, card_id=card_id, spend_ref=bill_ref(ref, "ref"), by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, card_id, "refund", refused, {"ref": ref})
        first = done.movements[0]
        return _redirect(
            f"/cards/{done.card_id}", done="refunded", ref=first.ref,
            stored=first.stored_cents,
            given=sum(m.points for m in done.movements if m.points > 0),
            clawed=-sum(m.points for m in done.movements if m.points < 0),
            charged=-sum(m.stored_cents for m in done.movements if m.stored_cents < 0),
            outside=-done.outside_cents, withheld=done.withheld_cents, **_posted(done),
        )  # fmt: skip

    @app.post("/cards/{card_id}/adjust", include_in_schema=False)
    def adjust(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        card_id: _CARD,
        stored: _FIELD = "",
        points: _FIELD = "",
        expires: _FIELD = "",
        reason: _TEXT = "",
    ) -> Response:
        typed = {"stored": stored, "points": points, "expires": expires, "reason": reason}
        try:
            cents = _money("stored", t("kmore.field_adjust_stored"), stored, signed=True) or 0
            pts = _points("points", t("kmore.field_adjust_points"), points, signed=True)
            if not reason.strip():
                raise DataValidationError("kmore.needs_reason", field="reason")
            done = card_app.adjust(
                db, card_id=card_id, reason=reason, stored_cents=cents, points=pts,
                expires_on=_date("expires", t("kmore.field_expires"), expires),
                by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, card_id, "adjust", refused, typed)
        return _redirect(
            f"/cards/{done.card_id}", done="adjusted", stored=done.total("adjust", "stored_cents"),
            points=done.total("adjust"), reason=reason.strip()[:200], **_posted(done),
        )  # fmt: skip


# -- win-back ----------------------------------------------------------------------------------

_OFF = ("off", "none", "no", "关", "不用", "否")


@dataclass(frozen=True)
class WinBackForm:
    """The rule as ``/winback`` was asked for it (text as typed)."""

    days: str = "365"
    p_alive: str = "0.3"
    rule: str = "any"
    odds: str = ""
    value: str = "realized"
    as_of: str = ""
    offset: int = 0


def _switchable(field: str, label: str, text: str, *, whole: bool) -> Any:
    """A number, or empty / ``off``: the test left out (``None``)."""
    if text.strip().lower() in ("", *_OFF):
        return None
    return _decimal(field, label, text, whole=whole)


def _winback_caption(result: WinBackResult) -> list[str]:
    """The rule applied, where P(alive), the former value and the odds come from."""
    rule = result.rule
    days, below = rule.days, rule.p_alive_below
    p = "—" if below is None else format_value(below, "share")
    if days is not None and below is not None:
        lines = [t(f"winback.rule_{rule.combine}", days=days, p=p)]
    elif days is not None:
        lines = [t("winback.rule_days", days=days)]
    else:
        lines = [t("winback.rule_p", p=p)]
    end = result.clv_calibration_end.isoformat() if result.clv_calibration_end else "—"
    if result.days_only and result.p_alive_source == "no_scores":
        lines.append(t("kmore.winback_no_scores", page=t("web.nav_clv")))
    elif result.days_only:
        lines.append(
            t("winback.p_left_out_run_after_as_of", end=end, as_of=result.as_of.isoformat())
        )
    elif result.p_alive_source == "clv_run":
        lines.append(t("winback.p_from_run", run=result.clv_run_id, end=end))
    lines.append(
        t(f"winback.value_{result.value_source}", snapshot=result.snapshot_id,
          as_of=result.as_of.isoformat())
    )  # fmt: skip
    return lines


def _odds_line(result: WinBackResult) -> str:
    rates = result.band_rates()
    trials = 0
    if result.backtest is not None:
        trials = int(result.backtest.filter(pl.col("band") == "all")["trials"][0])
    years = t("output.separator").join(str(y) for y in result.backtest_years) or "—"

    def share(value: float | None) -> str:
        return format_value(value, "share")

    if result.odds_source == "history":
        return t(
            "winback.odds_history", trials=trials, days=result.backtest_days, years=years,
            rate=share(result.overall_return_rate), low=share(rates.get("low")),
            mid=share(rates.get("mid")), high=share(rates.get("high")), min=result.min_trials,
        )  # fmt: skip
    if result.odds_source == "default":
        return t("kmore.winback_odds_default", odds=share(result.default_odds), trials=trials,
                 min=result.min_trials)  # fmt: skip
    return t("kmore.winback_odds_unknown", trials=trials, min=result.min_trials)


def _winback_frame(table: pl.DataFrame, *, days_only: bool) -> pl.DataFrame:
    """The list as people read it: money in 元, codes as words."""
    from custvalue.retention.winback import BANDS, REASON_LABELS

    reasons = {code: t(key) for code, key in REASON_LABELS.items()}
    lapsed = {c: t(f"winback.lapsed_by_{c}") for c in ("days", "p_alive", "both")}
    bands = {b: t(f"winback.band_{b}") for b in BANDS}
    sources = {
        s: t(f"winback.odds_source_{s}")
        for s in ("history_band", "history_overall", "default", "unknown")
    }
    shown = table.select(
        "rank",
        "customer_id",
        "name",
        "last_order",
        pl.col("days_since_last_order").alias("recency_days"),
        (pl.col("former_value_cents") / 100).alias("former_value"),
        "p_alive",
        "odds",
        (pl.col("expected_value_cents") / 100).alias("expected_value"),
        pl.col("reason").cast(pl.String).replace(reasons),
        pl.col("lapsed_by").cast(pl.String).replace(lapsed),
        pl.col("value_band").cast(pl.String).replace(bands),
        pl.col("odds_source").cast(pl.String).replace(sources),
        "complaints",
        "satisfaction",
    )
    return shown.drop("p_alive") if days_only else shown


def _backtest_view(result: WinBackResult) -> TableView | None:
    from custvalue.retention.winback import BANDS

    if result.backtest is None or result.backtest.height == 0:
        return None
    bands = {b: t(f"winback.band_{b}") for b in BANDS} | {"all": t("kmore.band_all")}
    frame = result.backtest.select(
        pl.col("band").cast(pl.String).replace(bands), "trials", "returned", "return_rate"
    )
    return table_view(
        frame, name="backtest", title=t("kmore.backtest_title", days=result.backtest_days),
        percent=("return_rate",), kinds={"trials": "count", "returned": "count"},
        labels={"band": t("col.value_band"), "trials": t("kmore.col_trials"),
                "returned": t("kmore.col_returned"), "return_rate": t("kmore.col_return_rate")},
    )  # fmt: skip


def _winback_page(request: Request, db: Database, asked: WinBackForm) -> Response:
    from custvalue.app.winback import winback

    exporting = request.query_params.get("export") is not None
    status_code = 200
    problem = invalid = None
    result = None
    try:
        days = _switchable("days", t("kmore.field_days"), asked.days, whole=True)
        below = _switchable("p_alive", t("kmore.field_p_alive"), asked.p_alive, whole=False)
        odds = _decimal("odds", t("kmore.field_odds"), asked.odds)
        result = winback(
            db, days=days, p_alive_below=below, combine=asked.rule.strip().lower() or "any",
            default_odds=odds, as_of=_date("as_of", t("kmore.field_as_of"), asked.as_of),
            value=asked.value.strip().lower() or "realized",
        )  # fmt: skip
    except CustValueError as refused:
        problem = _message(refused)
        invalid = _invalid(
            refused, {"--days": "days", "--p-alive": "p_alive", "--odds": "odds",
                      "--rule": "rule", "--value": "value", "--as-of": "as_of"},
        )  # fmt: skip
        status_code = status_of(refused)
    views: list[TableView] = []
    caption: list[str] = []
    pager = None
    if result is not None:
        table = result.table if exporting else result.table.slice(asked.offset, PAGE)
        caption = [*_winback_caption(result), _odds_line(result)]
        frame = _winback_frame(table, days_only=result.days_only)
        if not exporting:  # the page: what ranks them; the export holds every column
            frame = frame.drop("lapsed_by", "value_band", "odds_source")
        listed = table_view(
            frame, name="winback",
            title=t("winback.title", as_of=result.as_of.isoformat(), total=result.total,
                    customers=result.customers),
            money=("former_value", "expected_value"), percent=("p_alive", "odds"),
            kinds={"satisfaction": "number", "rank": "count"},
            links={"customer_id": "/customers/{customer_id}"},
            caption=t("kmore.winback_expected"),
        )  # fmt: skip
        views.append(listed)
        if (backtest := _backtest_view(result)) is not None:
            views.append(backtest)
        pager = _pager(request, asked.offset, table.height, result.total)
    if (answer := exported(request, views)) is not None:
        return answer
    context = {
        "asked": asked,
        "result": result,
        "views": {v.name: v for v in views},
        "caption": caption,
        "pager": pager,
        "problem": problem,
        "invalid": invalid,
        "rules": [(c, t(f"kmore.rule_{c}")) for c in ("any", "all")],
        "values": [(v, t(f"kmore.value_{v}")) for v in ("realized", "spend")],
    }
    return render(request, "winback.html", context, status_code=status_code)


def _winback_routes(app: FastAPI) -> None:
    @app.get("/winback", include_in_schema=False)
    def winback_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        days: Annotated[str, Query(max_length=40)] = "365",
        p_alive: Annotated[str, Query(max_length=40)] = "0.3",
        rule: Annotated[str, Query(max_length=20)] = "any",
        odds: Annotated[str, Query(max_length=40)] = "",
        value: Annotated[str, Query(max_length=20)] = "realized",
        as_of: Annotated[str, Query(max_length=40)] = "",
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        asked = WinBackForm(
            days=days, p_alive=p_alive, rule=rule, odds=odds, value=value, as_of=as_of,
            offset=offset,
        )  # fmt: skip
        return _winback_page(request, db, asked)


# -- the retention what-if ---------------------------------------------------------------------

_BY_TENURE = ("starting", "retention", "revenue", "service_cost")


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def _input_value(key: str, text: str) -> Any:
    """An input as typed: one number (``2,055.36``; a rate also as ``16.6%``), or numbers
    separated by commas, one per tenure year (``0.6, 0.75, 0.8``: the application refuses
    a list for an input that is not by tenure)."""
    from custvalue.app.simulate import INPUTS

    label = t(f"simulate.input_{key}")
    rate = INPUTS[key][1] == "rate"
    joined = text.strip().replace("，", ",")
    if _THOUSANDS.match(joined.replace(" ", "")):
        return _decimal(key, label, joined, percent=rate)
    parts = [p.strip() for p in joined.split(",") if p.strip()]
    values = [_decimal(key, label, p, percent=rate) for p in parts]
    return values[0] if len(values) == 1 else values


def _scenario_changes(number: int, label: str, text: str) -> dict[str, str] | None:
    """``NAME=VALUE[, NAME=VALUE …]`` (full-width ＝ and ， accepted) as the what-if's
    mapping, with its ``label``; ``None`` when the row is left empty."""
    if not text.strip():
        if label.strip():
            raise DataValidationError("simulate.empty_scenario", number=number, field=f"s{number}")
        return None
    out: dict[str, str] = {}
    for part in text.replace("，", ",").replace("；", ",").replace(";", ",").split(","):
        if not part.strip():
            continue
        name, sep, value = part.replace("＝", "=").partition("=")
        if not sep or not name.strip() or not value.strip():
            raise _option_error(
                t("kmore.field_scenario", number=number), text.strip(),
                t("kmore.reason_scenario"), t("kmore.hint_scenario"), f"s{number}",
            )  # fmt: skip
        out[name.strip()] = value.strip()
    if label.strip():
        out["label"] = label.strip()[:80]
    return out


def _value_text(key: str, value: Any) -> str:
    from custvalue.app.simulate import INPUTS

    unit = INPUTS[key][1]
    if key == "starting" and isinstance(value, list):
        return t("kmore.starting_total", total=_count(sum(value)))
    if key in _BY_TENURE and isinstance(value, list):
        return t("kmore.by_tenure")
    kind = {"rate": "share", "yuan": "money", "customers": "count"}[unit]
    return format_value(value, kind)  # type: ignore[arg-type]


def _basis(baseline: Baseline, key: str) -> str:
    source = baseline.sources[key]
    facts: dict[str, Any] = dict(baseline.evidence.get(key, {}))
    if source == "user":
        return t("simulate.how_user")
    if key == "discount_rate" and source == "default":
        return t("kmore.how_discount_rate_default")
    if key == "retention":
        sbg = baseline.sbg or {}
        facts |= {
            "first": baseline.first_year,
            "last": baseline.last_complete,
            "observed": baseline.retention_sources.count("observed"),
            "alpha": f"{sbg.get('alpha', 0):.3g}",
            "beta": f"{sbg.get('beta', 0):.3g}",
        }
    if key == "new":
        facts["counts"] = ", ".join(f"{y}: {n}" for y, n in facts.get("by_year", {}).items())
    if key in ("acquisition_cost", "referral_reward"):
        facts |= {"from": baseline.first_year, "to": baseline.last_complete}
    if key == "margin":
        facts.setdefault("orders", 0)
    shown = {
        k: _count(v) if isinstance(v, int) and k not in ("from", "to", "year", "first", "last")
        else v
        for k, v in facts.items()
    }  # fmt: skip
    return t(f"simulate.how_{key}_{source}", **shown)


def _origin(baseline: Baseline, key: str) -> str:
    if key == "retention" and set(baseline.retention_sources) == {"observed", "sbg"}:
        return t("simulate.source_observed_sbg")
    return t(f"simulate.source_{baseline.sources[key]}")


def _inputs_rows(baseline: Baseline) -> list[dict[str, str]]:
    from custvalue.app.simulate import INPUTS

    values = baseline.inputs()
    return [
        {
            "key": key,
            "label": t(f"simulate.input_{key}"),
            "value": _value_text(key, values[key]),
            "origin": _origin(baseline, key),
            "source": baseline.sources[key],
            "basis": _basis(baseline, key),
            "by_tenure": "1" if key in _BY_TENURE else "",
        }
        for key in INPUTS
    ]


def _inputs_view(rows: Sequence[Mapping[str, str]]) -> TableView:
    frame = pl.DataFrame(
        {
            "assumption": [r["label"] for r in rows],
            "setting": [r["value"] for r in rows],
            "origin": [r["origin"] for r in rows],
            "basis": [r["basis"] for r in rows],
        },
        schema={"assumption": pl.String, "setting": pl.String, "origin": pl.String,
                "basis": pl.String},
    )  # fmt: skip
    return table_view(frame, name="inputs", title=t("kmore.inputs_table"), kinds={"basis": "text"})


def _tenure_view(baseline: Baseline) -> TableView:
    a = baseline.assumptions
    size = max(a.tenures(), len(baseline.retention_sources))
    sources = list(baseline.retention_sources)
    sources += [sources[-1]] * (size - len(sources))
    frame = pl.DataFrame(
        {
            "tenure": list(range(1, size + 1)),
            "starting_customers": a.by_tenure("starting_customers", size).tolist(),
            "retention": a.by_tenure("retention", size).tolist(),
            "retention_origin": [t(f"simulate.source_{s}") for s in sources],
            "revenue_per_customer": (a.by_tenure("revenue_cents", size) / 100).tolist(),
            "service_cost_per_customer": (a.by_tenure("service_cost_cents", size) / 100).tolist(),
        },
        schema={"tenure": pl.Int64, "starting_customers": pl.Float64, "retention": pl.Float64,
                "retention_origin": pl.String, "revenue_per_customer": pl.Float64,
                "service_cost_per_customer": pl.Float64},
    )  # fmt: skip
    return table_view(
        frame, name="tenure", title=t("simulate.title_tenure"), percent=("retention",),
        money=("revenue_per_customer", "service_cost_per_customer"),
        kinds={"tenure": "count", "starting_customers": "count"},
    )  # fmt: skip


_CUSTOMERS = ("customers_start", "customers_lost", "customers_acquired", "customers_referred",
              "customers_won_back", "customers_end")  # fmt: skip


def _projection_view(result: WhatIf) -> TableView:
    frame = result.projection.frame.select(
        "year",
        "customers_start",
        pl.col("lost").alias("customers_lost"),
        pl.col("acquired").alias("customers_acquired"),
        pl.col("referred").alias("customers_referred"),
        pl.col("won_back").alias("customers_won_back"),
        "customers_end",
        (pl.col("revenue_cents") / 100).alias("revenue"),
        (pl.col("profit_cents") / 100).alias("profit"),
        (pl.col("cumulative_discounted_cents") / 100).alias("npv_to_date"),
    )
    rate = format_value(result.baseline.assumptions.discount_rate, "share")
    return table_view(
        frame, name="projection",
        title=t("simulate.title_projection", years=result.baseline.assumptions.years),
        money=("revenue", "profit", "npv_to_date"),
        kinds={"year": "count", **dict.fromkeys(_CUSTOMERS, "count")},
        caption=t("simulate.caption_projection", rate=rate),
    )  # fmt: skip


def _scenarios_view(result: WhatIf) -> TableView:
    base = result.projection

    def stats(projection: Any) -> dict[str, float]:
        frame = projection.frame
        return {
            "customers_end": float(frame["customers_end"][-1]),
            "revenue": int(frame["revenue_cents"].sum()) / 100,
            "profit": projection.profit_cents / 100,
            "npv": projection.npv_cents / 100,
        }

    rows: list[dict[str, Any]] = [
        {"scenario": t("simulate.baseline_row"), **stats(base), "profit_change_pct": None}
    ]
    for scenario in result.scenarios:
        other = scenario.comparison.scenario
        change = (
            (other.profit_cents - base.profit_cents) / abs(base.profit_cents) * 100
            if base.profit_cents
            else None
        )
        rows.append({"scenario": scenario.label, **stats(other), "profit_change_pct": change})
    frame = pl.DataFrame(
        rows,
        schema={"scenario": pl.String, "customers_end": pl.Float64, "revenue": pl.Float64,
                "profit": pl.Float64, "npv": pl.Float64, "profit_change_pct": pl.Float64},
    )  # fmt: skip
    return table_view(
        frame, name="scenarios",
        title=t("simulate.title_scenarios", years=result.baseline.assumptions.years),
        money=("revenue", "profit", "npv"),
        kinds={"customers_end": "count", "profit_change_pct": "percent"},
    )  # fmt: skip


def _bucket_figure(result: WhatIf) -> dict[str, Any]:
    """The leaky bucket per year: what flows in (acquired, referred, won back) stacked
    above the axis, what leaks out below it, and the customers at each year's end as a
    line."""
    frame = result.projection.frame
    years = [t("kmore.year_n", year=y) for y in frame["year"].to_list()]
    customers = t("kmore.chart_customers")
    parts = (
        ("acquired", "customers_acquired", _GREEN, 1),
        ("referred", "customers_referred", _TEAL, 1),
        ("won_back", "customers_won_back", _BLUE, 1),
        ("lost", "customers_lost", _RED, -1),
    )
    data: list[dict[str, Any]] = []
    for column, label, colour, sign in parts:
        values = [sign * float(v) for v in frame[column].to_list()]
        name = t(f"col.{label}")
        data.append(
            {
                "type": "bar", "x": years, "y": values, "name": name,
                "marker": {"color": colour},
                "customdata": [abs(v) for v in values],
                "hovertemplate": "%{x}: %{customdata:,.1f}<extra>" + name + "</extra>",
            }
        )  # fmt: skip
    level = t("col.customers_end")
    data.append(
        {
            "type": "scatter", "mode": "lines+markers", "x": years,
            "y": [float(v) for v in frame["customers_end"].to_list()], "name": level,
            "line": {"color": _INK, "width": 3}, "marker": {"size": 7},
            "hovertemplate": "%{x}: %{y:,.1f}<extra>" + level + "</extra>",
        }
    )  # fmt: skip
    return {
        "data": data,
        "layout": {
            "barmode": "relative",
            "title": {"text": t("kmore.chart_bucket")},
            "xaxis": {"type": "category", "title": {"text": t("kmore.chart_year")}},
            "yaxis": {"title": {"text": customers}, "zeroline": True, "zerolinewidth": 2,
                      "zerolinecolor": _GREY, "separatethousands": True},
            "legend": {"orientation": "h", "y": -0.2},
            "height": 460,
        },
    }  # fmt: skip


def _claims(result: WhatIf) -> list[str]:
    a = result.baseline.assumptions
    lines = [
        t("simulate.claim_churn_setup", points=f"{result.points:g}", years=a.years),
        result.churn.sentence(),
        t("simulate.claim_ratio_setup", acquisition=_yuan(a.acquisition_cost_cents),
          keeping=_yuan(result.keeping_cents)),
        result.cost_ratio.sentence(),
    ]  # fmt: skip
    return lines


_WARNINGS = {
    "simulate.warn_acquisition_cost": "kmore.warn_acquisition_cost",
    "simulate.warn_margin": "kmore.warn_margin",
}


def _simulate_page(
    request: Request,
    db: Database,
    years: str,
    given: Mapping[str, str],
    scenarios: Sequence[tuple[str, str]],
) -> Response:
    from custvalue.app.simulate import INPUTS, what_if

    status_code = 200
    problem = invalid = None
    result = None
    try:
        horizon = _decimal("years", t("kmore.field_years"), years, whole=True)
        overrides = {k: _input_value(k, v) for k, v in given.items() if k in INPUTS and v.strip()}
        changes = [
            c
            for i, (label, text) in enumerate(scenarios, start=1)
            if (c := _scenario_changes(i, label, text)) is not None
        ]
        result = what_if(
            db, overrides=overrides, scenarios=changes, years=10 if horizon is None else horizon
        )
    except CustValueError as refused:
        problem = _message(refused)
        aliases = {f"--{k.replace('_', '-')}": k for k in INPUTS} | {"--years": "years"}
        invalid = _invalid(refused, aliases)
        if refused.code == "simulate.bad_change" or refused.code.startswith("simulate.unknown"):
            invalid = next((f"s{i}" for i, (_, text) in enumerate(scenarios, 1) if text), invalid)
        status_code = status_of(refused)
    views: list[TableView] = []
    rows: list[dict[str, str]] = []
    context: dict[str, Any] = {}
    if result is not None:
        rows = _inputs_rows(result.baseline)
        views = [_inputs_view(rows), _tenure_view(result.baseline), _projection_view(result)]
        if result.scenarios:
            views.append(_scenarios_view(result))
        context = {
            "figure": _bucket_figure(result),
            "claims": _claims(result),
            "warnings": [t(_WARNINGS.get(k, k)) for k in result.baseline.warnings],
            "baseline": result.baseline,
            "head": t(
                "kmore.bucket_head", first=result.baseline.first_year,
                last=result.baseline.last_complete, as_of=result.baseline.as_of.isoformat(),
            ),
        }  # fmt: skip
    if (answer := exported(request, views)) is not None:
        return answer
    shown = {r["key"]: r for r in rows}
    fields = [
        {
            "key": key,
            "label": t(f"simulate.input_{key}"),
            "placeholder": shown[key]["value"] if key in shown else "",
            "origin": shown[key]["origin"] if key in shown else "",
            "by_tenure": key in _BY_TENURE,
        }
        for key in INPUTS
    ]
    context |= {
        "result": result,
        "fields": fields,
        "rows": rows,
        "views": {v.name: v for v in views},
        "problem": problem,
        "invalid": invalid,
        "years": years,
        "given": dict(given),
        "scenarios": list(scenarios),
        "names": [(k.replace("_", "-"), t(f"simulate.input_{k}")) for k in INPUTS],
    }
    return render(request, "simulate.html", context, status_code=status_code)


def _simulate_routes(app: FastAPI) -> None:
    from custvalue.app.simulate import INPUTS

    @app.get("/simulate", include_in_schema=False)
    def simulate_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        years: Annotated[str, Query(max_length=20)] = "10",
    ) -> Response:
        query = request.query_params
        given = {k: (query.get(k) or "")[:2_000] for k in INPUTS}
        scenarios = [
            ((query.get(f"s{i}_label") or "")[:200], (query.get(f"s{i}") or "")[:2_000])
            for i in range(1, SCENARIOS + 1)
        ]
        return _simulate_page(request, db, years, given, scenarios)


# -- referrals ---------------------------------------------------------------------------------

#: what a redirect may ask the referrals page to say (``?done=``)
REFERRAL_NOTICES = ("bound", "rules", "goal")
_CRITERIA_FIELDS = (
    "min_orders_per_year", "min_years", "industries", "size", "min_contribution",
    "min_satisfaction",
)  # fmt: skip


def _referral_words(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes as words in every column that holds them."""
    from custvalue.referral import REASONS, STATES, reason_label, state_label

    maps: dict[str, dict[str, str]] = {
        "status": {s: t(f"referrals.status_{s}") for s in ("credited", "refused")},
        "reason": {r: reason_label(r) for r in REASONS},
        "claim_source": {s: t(f"referrals.source_{s}") for s in ("code", "link", "import")},
        "reward_for": {r: t(f"referrals.role_{r}") for r in ("referrer", "referee")},
        "action": {a: t(f"referrals.action_{a}") for a in ("pay", "claw_back")},
        "state": {s: state_label(s) for s in (*STATES, "awaiting_order")},
        "plan_status": {s: t(f"referrals.period_{s}") for s in ("done", "current", "future")},
    }
    out = frame
    for column, words in maps.items():
        out = _replace(out, column, words)
    return out.rename({"plan_status": "status"}) if "plan_status" in out.columns else out


def _rules_lines(rules: Any) -> list[str]:
    def amount(value: int) -> str:
        if rules.kind == "cash":
            return t("referrals.cash_amount", amount=_yuan(value))
        return t("referrals.points_amount", amount=_count(value))

    cap = _count(rules.monthly_cap) if rules.monthly_cap else t("referrals.none")
    lines = [
        t("referrals.rules_referrer", amount=amount(rules.referrer_reward)),
        t("referrals.rules_referee",
          amount=amount(rules.referee_reward) if rules.referee_reward else t("referrals.none")),
        t("referrals.rules_min_order", amount=_yuan(rules.min_order_cents)),
        t("referrals.rules_freeze", days=rules.freeze_days),
        t("referrals.rules_cap", cap=cap),
        t("referrals.rules_reearn", answer=t("fmt.yes" if rules.reearn else "fmt.no")),
    ]  # fmt: skip
    return [line.strip() for line in lines]


def _plan_figure(progress: Any) -> dict[str, Any]:
    """The customers so far against the path base × k^(t/N), period by period."""
    periods = progress.periods
    goal = progress.goal
    base = progress.base
    ends = [f"{d:%Y-%m-%d}" for d in periods["end"].to_list()]
    x = [goal.start.isoformat(), *ends]
    path = [float(base), *[float(v) for v in periods["target_customers"].to_list()]]
    started = periods.filter(pl.col("status") != "future")
    reached = [float(base), *[float(v) for v in started["cumulative"].to_list()]]
    actual = t("kmore.chart_cumulative")
    required = t("kmore.chart_path", factor=format_value(goal.factor, "number"),
                 periods=goal.periods)  # fmt: skip
    return {
        "data": [
            {
                "type": "scatter", "mode": "lines", "x": x, "y": path, "name": required,
                "line": {"color": _GREY, "width": 2, "dash": "dash"},
                "hovertemplate": "%{x}: %{y:,.0f}<extra>" + required + "</extra>",
            },
            {
                "type": "scatter", "mode": "lines+markers", "x": x[: len(reached)],
                "y": reached, "name": actual, "line": {"color": _BLUE, "width": 3},
                "marker": {"size": 8},
                "hovertemplate": "%{x}: %{y:,.0f}<extra>" + actual + "</extra>",
            },
        ],
        "layout": {
            "title": {"text": t("kmore.chart_plan")},
            "xaxis": {"type": "category", "title": {"text": t("kmore.chart_period_end")}},
            "yaxis": {"title": {"text": t("kmore.chart_customers")}, "rangemode": "tozero",
                      "separatethousands": True},
            "legend": {"orientation": "h", "y": -0.25},
            "height": 420,
        },
    }  # fmt: skip


def _plan_section(db: Database) -> dict[str, Any]:
    """The plan's goal, progress sentences, chart and table (or why there are none)."""
    goal = referrals_app.goal_in_force(db)
    out: dict[str, Any] = {"goal": goal, "lines": [], "figure": None, "view": None, "problem": None}
    if goal is None:
        return out
    try:
        done = referrals_app.plan(db, goal=goal)  # as of the latest acquisition
    except CustValueError as refused:
        out["problem"] = _message(refused)
        return out
    progress = done.progress
    end = goal.bounds()[-1][2]
    lines = [
        t("referrals.plan_goal", factor=format_value(goal.factor, "number"), periods=goal.periods,
          unit=t(f"referrals.unit_{goal.unit}"), start=goal.start.isoformat(), end=end.isoformat(),
          base=_count(progress.base), target=_count(round(progress.target, 1))),
    ]  # fmt: skip
    day = progress.as_of.isoformat()
    if progress.cumulative is None:
        lines.append(t("referrals.plan_not_started", as_of=day))
    else:
        gap = progress.cumulative - progress.base * (progress.required_now or 0.0)
        key = "referrals.plan_ahead" if progress.on_track else "referrals.plan_behind"
        lines.append(
            t(key, as_of=day, cumulative=_count(progress.cumulative),
              growth=format_value(progress.growth, "ratio", decimals=2),
              required=format_value(progress.required_now, "ratio", decimals=2),
              gap=_count(round(abs(gap), 1)))
        )  # fmt: skip
        started = progress.periods.filter(pl.col("status") != "future")
        new, referred = int(started["new"].sum()), int(started["referred"].sum())
        share = format_value(referred / new if new else None, "share")
        lines.append(
            t("referrals.plan_referred", referred=referred, share=share, depth=progress.max_depth)
        )
    if done.undated:
        lines.append(t("referrals.plan_undated", count=done.undated))
    shown = progress.periods.select(
        "period", pl.col("start").alias("period_start"), pl.col("end").alias("period_end"),
        pl.col("status").alias("plan_status"), pl.col("new").alias("new_customers"),
        pl.col("referred").alias("referred_new"), "referred_share",
        pl.col("cumulative").alias("cumulative_customers"),
        pl.col("growth").alias("growth_factor"), "required_growth", "target_customers",
        pl.col("gap").alias("customers_gap"), "on_track",
    )  # fmt: skip
    out["lines"] = lines
    out["figure"] = _plan_figure(progress)
    out["view"] = table_view(
        _referral_words(shown), name="plan", title=t("referrals.title_plan"),
        kinds={"period": "count", "growth_factor": "ratio", "required_growth": "ratio",
               "target_customers": "count", "customers_gap": "count",
               "cumulative_customers": "count", "new_customers": "count",
               "referred_new": "count"},
        labels={"status": t("col.status")},
    )  # fmt: skip
    return out


def _board_view(
    db: Database, month: str | None
) -> tuple[TableView | None, list[str], str | None, str | None]:
    """The leaderboard of ``month`` (default the latest), the months there are, the month
    shown, and why there is none."""
    try:
        board = referrals_app.leaderboard(db)
    except CustValueError as refused:
        return None, [], None, _message(refused)
    months = list(board.months)
    chosen = month if month in months else (months[0] if months else None)
    table = board.table.filter(pl.col("month") == chosen) if chosen else board.table.head(0)
    earned = (
        (pl.col("amount_earned") / 100).alias("earned_cash")
        if board.kind == "cash"
        else pl.col("amount_earned").alias("earned_points")
    )
    shown = table.select(
        "rank", "referrer_id", "name", pl.col("bound").alias("claims_bound"), "conversions",
        pl.col("pending").alias("rewards_pending"), pl.col("earned").alias("rewards_earned"),
        pl.col("clawed_back").alias("rewards_clawed_back"),
        pl.col("capped").alias("rewards_capped"), earned,
    )  # fmt: skip
    view = table_view(
        shown, name="leaderboard", title=t("referrals.title_board", months=chosen or "—"),
        money=("earned_cash",), kinds={"rank": "count", "earned_points": "count"},
        links={"referrer_id": "/customers/{referrer_id}"},
        caption=t("referrals.board_note"),
    )  # fmt: skip
    return view, months, chosen, None


@dataclass(frozen=True)
class ExcellentForm:
    """The criteria as typed (text), the contribution and whether any was given."""

    values: dict[str, str]
    contribution: str = "spend"
    given: bool = False


#: the criteria used when the page is opened without any (stated on the page)
DEFAULT_CRITERIA = {"min_orders_per_year": "4"}


def _criteria(asked: ExcellentForm) -> dict[str, Any]:
    v = asked.values

    def names(text: str) -> list[str] | None:
        parts = [p.strip() for p in re.split(r"[,，、;；]", text or "") if p.strip()]
        return parts or None

    return {
        "min_orders_per_year": _decimal("min_orders_per_year", t("kmore.field_min_orders"),
                                        v.get("min_orders_per_year")),
        "min_years": _decimal("min_years", t("kmore.field_min_years"), v.get("min_years")),
        "industries": names(v.get("industries", "")),
        "size": names(v.get("size", "")),
        "min_contribution_cents": _money("min_contribution", t("kmore.field_min_contribution"),
                                         v.get("min_contribution")),
        "min_satisfaction": _decimal("min_satisfaction", t("kmore.field_min_satisfaction"),
                                     v.get("min_satisfaction")),
    }  # fmt: skip


def _criteria_text(criteria: Mapping[str, Any]) -> str:
    parts = []
    for key, value in criteria.items():
        if key == "min_contribution_cents":
            shown = _yuan(value)
        elif isinstance(value, list):
            shown = "、".join(value) if get_lang() == "zh" else ", ".join(value)
        else:
            shown = format_value(value, "number")
        parts.append(t(f"referrals.criterion_{key}", value=shown))
    return ("；" if get_lang() == "zh" else "; ").join(parts)


def _excellent_section(
    db: Database, asked: ExcellentForm, today: date, exporting: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {"view": None, "problem": None, "head": None, "invalid": None}
    try:
        found = referrals_app.excellent(
            db, criteria=_criteria(asked), as_of=today, contribution=asked.contribution
        )
    except CustValueError as refused:
        out["problem"] = _message(refused)
        out["invalid"] = _invalid(refused, {"--contribution": "contribution"})
        out["status"] = status_of(refused)
        return out
    chosen = found.table.filter(pl.col("excellent"))
    money = "realized_value" if found.contribution == "value" else "net_spend"
    part = chosen if exporting else chosen.head(EXCELLENT_SHOWN)
    digits = 6 if exporting else 1
    shown = part.select(
        "ask_rank", "customer_id", "name", pl.col("industry").alias("customer_industry"),
        pl.col("size").alias("customer_size"), "orders", pl.col("orders_per_year").round(digits),
        pl.col("years").round(digits).alias("years_as_customer"),
        (pl.col("contribution_cents") / 100).alias(money),
        pl.col("satisfaction").alias("latest_nps"), "referred",
    )  # fmt: skip
    out["head"] = t(
        "referrals.excellent_head", excellent=_count(chosen.height),
        customers=_count(found.table.height),
        as_of=found.as_of.isoformat(), to_ask=len(found.to_ask),
    )  # fmt: skip
    out["view"] = table_view(
        shown, name="excellent",
        title=t("referrals.title_excellent", as_of=found.as_of.isoformat()), money=(money,),
        kinds={"ask_rank": "count", "orders_per_year": "estimate", "years_as_customer": "estimate",
               "latest_nps": "estimate", "referred": "count"},
        links={"customer_id": "/customers/{customer_id}"},
        caption=t("referrals.excellent_note", criteria=_criteria_text(found.criteria.to_dict()),
                  source=t(f"referrals.source_{found.contribution}"), shown=shown.height,
                  total=chosen.height),
    )  # fmt: skip
    return out


def _credit_section(done: Any) -> dict[str, Any]:
    """What one credit run paid now (or would, in a dry run), in sentences and a table."""
    rewards = done.credits.rewards["state"].to_list()
    totals = done.totals
    lines = [
        t("referrals.credit_head", as_of=f"{done.as_of:%Y-%m-%d %H:%M}",
          claims=done.credits.claims.height, credited=done.credits.credits.height,
          earned=rewards.count("earned"), pending=rewards.count("pending"),
          clawed=rewards.count("clawed_back"), capped=rewards.count("capped")),
    ]  # fmt: skip
    amounts = {
        "count": done.payouts.height, "points_paid": _count(totals["points_paid"]),
        "points_back": _count(totals["points_clawed_back"]),
        "cash_paid": _yuan(totals["cash_paid_cents"]),
        "cash_back": _yuan(totals["cash_clawed_back_cents"]),
    }  # fmt: skip
    if done.payouts.height == 0:
        lines.append(t("referrals.credit_nothing"))
    else:
        key = "referrals.credit_dry_run" if done.dry_run else "referrals.credit_paid_now"
        lines.append(t(key, **amounts))
    if done.posted_now:
        lines.append(t("referrals.credit_posted", count=done.posted_now))
    if done.waiting_for_card:
        lines.append(t("kmore.credit_waiting", count=done.waiting_for_card))
    if done.unlinked_refunds:
        lines.append(t("referrals.credit_unlinked", count=done.unlinked_refunds))
    payouts = done.payouts
    cash = pl.col("kind") == "cash"
    posted = (
        pl.when(cash).then(pl.lit(t("referrals.cash_to_pay")))
        .when(pl.col("card_id").is_null()).then(pl.lit(t("referrals.waiting_card")))
        .otherwise(pl.col("card_id"))
    )  # fmt: skip
    shown = payouts.select(
        "happened_at", "action", "beneficiary_id", pl.col("role").alias("reward_for"),
        "referee_id", "order_id",
        pl.when(cash).then(None).otherwise(pl.col("amount")).cast(pl.Int64).alias("reward_points"),
        pl.when(cash).then(pl.col("amount") / 100).otherwise(None).cast(pl.Float64)
        .alias("reward_cash"),
        posted.alias("posted_card"),
    )  # fmt: skip
    empty = [c for c in ("reward_points", "reward_cash") if shown[c].null_count() == shown.height]
    shown = shown.drop(empty + (["posted_card"] if done.dry_run else []))
    title = "referrals.title_payouts_dry" if done.dry_run else "referrals.title_payouts"
    note = (
        t("kmore.payouts_shown", shown=PAYOUTS_SHOWN, total=shown.height)
        if shown.height > PAYOUTS_SHOWN
        else None
    )
    view = table_view(  # shown once, from the POST: no export link to a page that has it not
        _referral_words(shown.head(PAYOUTS_SHOWN)), name="payouts", title=t(title),
        money=("reward_cash",), kinds={"reward_points": "count", "order_id": "id"},
        links={"beneficiary_id": "/customers/{beneficiary_id}"}, caption=note, export=False,
    )  # fmt: skip
    return {"lines": lines, "view": view, "dry_run": done.dry_run}


def _referral_notice(request: Request, claims: pl.DataFrame) -> str | None:
    query = request.query_params
    done = query.get("done")
    if done not in REFERRAL_NOTICES:
        return None
    if done == "rules":
        return t("kmore.rules_saved")
    if done == "goal":
        return t("referrals.plan_saved")
    from custvalue.referral import reason_label

    claim = (query.get("claim") or "").strip()
    found = claims.filter(pl.col("claim_id") == int(claim)) if claim.isdigit() else claims.head(0)
    if found.height == 0:
        return None
    row = found.row(0, named=True)
    fields = {
        "claim": row["claim_id"], "referee": row["referee_id"], "referrer": row["referrer_id"],
        "at": f"{row['bound_at']:%Y-%m-%d %H:%M}",
        "source": t(f"referrals.source_{row['source']}"),
    }  # fmt: skip
    if row["status"] == "credited":
        return t("referrals.bound_credited", **fields)
    credited = claims.filter(
        (pl.col("referee_id") == row["referee_id"]) & (pl.col("status") == "credited")
    )["referrer_id"].to_list()
    return t(
        "referrals.bound_refused", **fields, reason=reason_label(row["reason"] or ""),
        credited=credited[0] if credited else t("referrals.none"),
    )  # fmt: skip


@dataclass(frozen=True)
class ReferralQuery:
    """What ``/referrals`` is asked to show."""

    month: str | None = None
    customer: str | None = None
    offset: int = 0
    excellent: ExcellentForm = field(
        default_factory=lambda: ExcellentForm(values=dict(DEFAULT_CRITERIA))
    )


def _referrals_page(
    request: Request,
    db: Database,
    asked: ReferralQuery,
    *,
    credit: dict[str, Any] | None = None,
    error: str | None = None,
    invalid: str | None = None,
    failed_form: str | None = None,
    form: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = _local_now(request)
    today = now.date()
    exporting = request.query_params.get("export") is not None
    views: list[TableView] = []
    plan = _plan_section(db)
    if plan["view"] is not None:
        views.append(plan["view"])
    board, months, month, board_problem = _board_view(db, asked.month)
    if board is not None:
        views.append(board)
    claims = referrals_app.list_claims(db, customer_id=asked.customer, as_of=now).table
    ordered = claims.sort("claim_id", descending=True)
    part = ordered if exporting else ordered.slice(asked.offset, PAGE)
    credited = int((claims["status"] == "credited").sum()) if claims.height else 0
    claims_view = table_view(
        _referral_words(part.select(
            "claim_id", "referee_id", "referrer_id", "bound_at",
            pl.col("source").alias("claim_source"), "status", "reason",
        )),
        name="claims", title=t("referrals.title_claims", as_of=f"{now:%Y-%m-%d %H:%M}"),
        kinds={"claim_id": "id"},
        links={"referee_id": "/customers/{referee_id}", "referrer_id": "/customers/{referrer_id}"},
        caption=t("referrals.claims_note", credited=credited, refused=claims.height - credited),
    )  # fmt: skip
    views.append(claims_view)
    excellent = _excellent_section(db, asked.excellent, today, exporting)
    if excellent["view"] is not None:
        views.append(excellent["view"])
    if excellent.get("status"):
        status_code = max(status_code, int(excellent["status"]))
    if credit is not None:
        views.append(credit["view"])
    if (answer := exported(request, views)) is not None:
        return answer
    rules = referrals_app.reward_rules(db)
    goal = plan["goal"]
    context = {
        "asked": asked,
        "plan": plan,
        "board": board,
        "board_problem": board_problem,
        "months": months,
        "month": month,
        "claims": claims_view,
        "claims_pager": _pager(request, asked.offset, part.height, claims.height),
        "excellent": excellent,
        "credit": credit,
        "rules": rules,
        "rules_lines": _rules_lines(rules) if rules is not None else [],
        "goal_form": {
            "start": goal.start.isoformat() if goal else today.replace(month=1, day=1).isoformat(),
            "factor": format_value(goal.factor, "number") if goal else "2",
            "periods": str(goal.periods) if goal else "4",
            "unit": goal.unit if goal else "quarter",
        },
        "rules_form": _rules_form(rules),
        "units": [(u, t(f"kmore.unit_{u}")) for u in ("month", "quarter", "year")],
        "kinds": [(k, t(f"kmore.reward_kind_{k}")) for k in ("points", "cash")],
        "sources": [(s, t(f"referrals.source_{s}")) for s in ("code", "link")],
        "contributions": [(c, t(f"referrals.source_{c}")) for c in ("spend", "value")],
        "notice": _referral_notice(request, claims),
        "error": error,
        "invalid": invalid,
        "failed_form": failed_form,
        "form": dict(form or {}),
        "can_change": _can_change(request),
    }
    return render(request, "referrals.html", context, status_code=status_code)


def _rules_form(rules: Any) -> dict[str, str]:
    """The rules form's values: the rules in force, else a suggestion to start from."""
    if rules is None:
        return {
            "referrer_reward": "500", "kind": "points", "referee_reward": "0",
            "min_order": "100", "freeze_days": "30", "monthly_cap": "", "reearn": "",
        }  # fmt: skip

    def reward(value: int) -> str:
        return f"{value / 100:g}" if rules.kind == "cash" else str(value)

    return {
        "referrer_reward": reward(rules.referrer_reward), "kind": rules.kind,
        "referee_reward": reward(rules.referee_reward),
        "min_order": f"{rules.min_order_cents / 100:g}", "freeze_days": str(rules.freeze_days),
        "monthly_cap": str(rules.monthly_cap or ""), "reearn": "1" if rules.reearn else "",
    }  # fmt: skip


def _referral_query(request: Request) -> ReferralQuery:
    query = request.query_params
    given = any(query.get(k) is not None for k in (*_CRITERIA_FIELDS, "contribution"))
    values = (
        {k: (query.get(k) or "")[:500] for k in _CRITERIA_FIELDS}
        if given
        else dict(DEFAULT_CRITERIA)
    )
    offset = query.get("offset") or "0"
    return ReferralQuery(
        month=_blank(query.get("month")),
        customer=_blank((query.get("customer") or "")[:200]),
        offset=int(offset) if offset.isdigit() and len(offset) < 9 else 0,
        excellent=ExcellentForm(
            values=values, contribution=(query.get("contribution") or "spend").strip()[:20],
            given=given,
        ),
    )  # fmt: skip


def _referral_routes(app: FastAPI) -> None:
    @app.get("/referrals", include_in_schema=False)
    def referrals_page(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        return _referrals_page(request, db, _referral_query(request))

    def refused_form(
        request: Request, db: Database, name: str, refused: CustValueError, typed: Mapping[str, str]
    ) -> Response:
        aliases = {
            "REFEREE": "referee", "--by": "referrer", "--source": "source",
            "--referrer-reward": "referrer_reward", "--referee-reward": "referee_reward",
            "--min-order": "min_order", "--freeze-days": "freeze_days",
            "--monthly-cap": "monthly_cap", "--kind": "kind", "--periods": "periods",
            "--factor": "factor", "--unit": "unit", "--start": "start",
        }  # fmt: skip
        return _referrals_page(
            request, db, ReferralQuery(), error=_message(refused),
            invalid=_invalid(refused, aliases), failed_form=name, form=typed,
            status_code=status_of(refused),
        )  # fmt: skip

    @app.post("/referrals/bind", include_in_schema=False)
    def bind(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        referee: _FIELD = "",
        referrer: _FIELD = "",
        source: _FIELD = "code",
        at: _FIELD = "",
    ) -> Response:
        typed = {"referee": referee, "referrer": referrer, "source": source, "at": at}
        try:
            done = referrals_app.bind(
                db, referee_id=referee, referrer_id=referrer, source=source.strip() or "code",
                at=_moment("at", t("kmore.field_bound_at"), at), by=caller(request).user,
                now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, "bind", refused, typed)
        return _redirect("/referrals", done="bound", claim=done.claim_id)

    @app.post("/referrals/rules", include_in_schema=False)
    def rules(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        referrer_reward: _FIELD = "",
        kind: _FIELD = "points",
        referee_reward: _FIELD = "",
        min_order: _FIELD = "",
        freeze_days: _FIELD = "",
        monthly_cap: _FIELD = "",
        reearn: _FIELD = "",
    ) -> Response:
        typed = {
            "referrer_reward": referrer_reward, "kind": kind, "referee_reward": referee_reward,
            "min_order": min_order, "freeze_days": freeze_days, "monthly_cap": monthly_cap,
            "reearn": reearn,
        }  # fmt: skip
        try:
            unit = kind.strip() or "points"

            def reward(field: str, label: str, text: str) -> Any:
                if unit == "cash":
                    return _money(field, label, text) if text.strip() not in ("0", "") else 0
                return _decimal(field, label, text, whole=True)

            if not referrer_reward.strip():
                raise DataValidationError("kmore.needs_reward", field="referrer_reward")
            referee_value = reward(
                "referee_reward", t("kmore.field_referee_reward"), referee_reward
            )
            referrals_app.set_rules(
                db,
                referrer_reward=reward(
                    "referrer_reward", t("kmore.field_referrer_reward"), referrer_reward
                ),
                kind=unit,
                referee_reward=0 if referee_value is None else referee_value,
                min_order_cents=_money("min_order", t("kmore.field_min_order"), min_order) or 0,
                freeze_days=_decimal("freeze_days", t("kmore.field_freeze_days"), freeze_days,
                                     whole=True),
                monthly_cap=_decimal("monthly_cap", t("kmore.field_monthly_cap"), monthly_cap,
                                     whole=True) or 0,
                reearn=_checked(reearn), by=caller(request).user, now=_local_now(request),
            )  # fmt: skip
        except CustValueError as refused:
            return refused_form(request, db, "rules", refused, typed)
        return _redirect("/referrals", done="rules")

    @app.post("/referrals/goal", include_in_schema=False)
    def goal(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        start: _FIELD = "",
        factor: _FIELD = "",
        periods: _FIELD = "",
        unit: _FIELD = "",
    ) -> Response:
        typed = {"start": start, "factor": factor, "periods": periods, "unit": unit}
        try:
            parts: dict[str, Any] = {
                "start": _date("start", t("kmore.field_start"), start),
                "factor": _decimal("factor", t("kmore.field_factor"), factor),
                "periods": _decimal("periods", t("kmore.field_periods"), periods, whole=True),
                "unit": _blank(unit),
            }
            wanted = referrals_app.merged_goal(db, **parts)
            referrals_app.plan(db, goal=wanted)  # a goal the plan can follow
            referrals_app.set_goal(db, **parts, by=caller(request).user, now=_local_now(request))
        except CustValueError as refused:
            return refused_form(request, db, "goal", refused, typed)
        return _redirect("/referrals", done="goal")

    @app.post("/referrals/credit", include_in_schema=False)
    def credit(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        dry_run: _FIELD = "",
    ) -> Response:
        try:
            done = referrals_app.credit(
                db, dry_run=_checked(dry_run), by=caller(request).user, now=_local_now(request)
            )
        except CustValueError as refused:
            return refused_form(request, db, "credit", refused, {"dry_run": dry_run})
        return _referrals_page(request, db, ReferralQuery(), credit=_credit_section(done))


# -- the customer's page -----------------------------------------------------------------------


def customer_keeping(db: Database, customer_id: str, today: date) -> dict[str, Any]:
    """What keeping this customer holds, for their page: complaints, owner and the next
    and last contacts, member cards with their balances."""
    from custvalue.app import complaints as complaints_app
    from custvalue.app import contacts as contacts_app
    from custvalue.service import SEVERITIES, severity_label

    workflow = complaints_app.service_setup(db).workflow
    raw = complaints_app.customer_complaints(db, customer_id=customer_id)
    statuses = {code: workflow.label(code) for code in workflow.codes}
    words = _replace(raw, "severity", {s: severity_label(s) for s in SEVERITIES})
    words = _replace(words, "status", statuses)
    complaints = table_view(
        words, name="customer_complaints", title=t("kmore.customer_complaints"),
        kinds={"number": "id", "callback_score": "count"},
        labels={"closed_at": t("kmore.col_closed_at"),
                "callback_score": t("kmore.col_callback_score")},
        links={"number": "/complaints/{number}"},
    )  # fmt: skip
    open_count = int(raw.filter(pl.col("status") != workflow.final).height) if raw.height else 0
    held = contacts_app.customer_contacts(db, customer_id=customer_id)
    owners, contacts = held["owners"], held["contacts"]
    owner = None
    if owners.height:
        current = owners.filter(pl.col("until").is_null())
        owner = current["owner"][0] if current.height else None
    planned = (
        contacts.filter(pl.col("state") == "planned").sort("due_on")
        if contacts.height
        else contacts
    )
    done = (
        contacts.filter(pl.col("state") == "done").sort("done_at", descending=True)
        if contacts.height
        else contacts
    )

    def contact_line(row: Mapping[str, Any] | None, key: str) -> str | None:
        if row is None:
            return None
        kind = t(f"contacts.kind_{row['kind']}") if row.get("kind") else "—"
        when = row["due_on"] if key == "kmore.next_contact" else row.get("done_at")
        return t(key, kind=kind, when=format_value(when, "date"), owner=row.get("owner") or "—",
                 outcome=row.get("outcome") or "—")  # fmt: skip

    next_row = planned.row(0, named=True) if planned.height else None
    last_row = done.row(0, named=True) if done.height else None
    overdue = next_row is not None and next_row["due_on"] < today
    cards = card_app.list_cards(db, customer_id=customer_id, as_of=today, limit=100)
    names = _tier_names(db)
    cards_view = table_view(
        _list_frame(cards.table, names).drop("customer_id", "card_holder"), name="customer_cards",
        title=t("kmore.customer_cards"), money=("card_stored",),
        kinds={"card_no": "id", "card_points": "count", "card_usable": "count"},
        links={"card_no": "/cards/{card_no}"},
    )  # fmt: skip
    return {
        "complaints": complaints,
        "complaints_line": (
            t("kmore.customer_complaints_line", total=raw.height, open=open_count)
            if raw.height
            else t("kmore.customer_no_complaints")
        ),
        "cards_line": t(
            "kmore.customer_cards_line",
            count=cards.total,
            stored=_yuan(cards.stored_cents),
            points=_count(cards.points),
        ),
        "owner": owner,
        "next_contact": contact_line(next_row, "kmore.next_contact"),
        "next_overdue": overdue,
        "last_contact": contact_line(last_row, "kmore.last_contact"),
        "cards": cards_view,
        "customer_id": customer_id,
    }


# -- the routes --------------------------------------------------------------------------------


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""
    _card_routes(app)
    _winback_routes(app)
    _simulate_routes(app)
    _referral_routes(app)
