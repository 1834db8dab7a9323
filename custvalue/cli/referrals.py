"""``custvalue referrals bind|import-ledger|claims|credit|rules|leaderboard|excellent|plan``:
the referral programme and the doubling plan (docs/keeping.md §8). The work is
:mod:`custvalue.app.referrals`; each command parses, calls one function and prints what
the store now holds."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Any

import typer

from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.contacts import actor
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.i18n import get_lang, t

__all__ = ["register"]

_AS_OF = Annotated[str | None, typer.Option("--as-of", help=t("referrals.opt_as_of"))]
_DAY = Annotated[str | None, typer.Option("--as-of", help=t("referrals.opt_as_of_day"))]
_LIMIT = Annotated[int, typer.Option("--limit", help=t("contacts.opt_limit"))]


def _limit(limit: int) -> int:
    from custvalue._validation import check_number

    return int(check_number("--limit", limit, minimum=1, maximum=1_000_000, integer=True))


def _limited(frame: Any, fmt: Format, limit: int) -> tuple[Any, str | None]:
    """A table's first ``limit`` rows (every row in a file or JSON) and the note saying so."""
    if fmt is not Format.table or frame.height <= limit:
        return frame, None
    return frame.head(limit), t("contacts.list_note", shown=limit, total=frame.height)


def _moment(option: str, value: str | None) -> datetime | date | None:
    """``YYYY-MM-DD HH:MM`` as a time, ``YYYY-MM-DD`` as a day."""
    from custvalue.exceptions import DataValidationError

    if value is None:
        return None
    text = value.strip().replace("T", " ")
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise DataValidationError(
            "error.option", option=option, value=value, reason=t("referrals.reason_time"),
            hint=t("referrals.hint_time"),
        ) from None  # fmt: skip


def _cents(option: str, yuan: float | None) -> int | None:
    """An amount in yuan as whole cents (at most two decimals)."""
    from custvalue.exceptions import DataValidationError

    if yuan is None:
        return None
    cents = round(yuan * 100) if math.isfinite(yuan) else None
    if cents is None or abs(yuan * 100 - cents) > 1e-6:
        raise DataValidationError(
            "error.option", option=option, value=yuan, reason=t("referrals.reason_cents"),
            hint=t("referrals.hint_cents"),
        )  # fmt: skip
    return int(cents)


def _yuan(cents: int | float | None) -> str:
    from custvalue.formatting import format_value

    return format_value(None if cents is None else cents / 100, "money")


def _count(value: int) -> str:
    from custvalue.formatting import format_value

    return format_value(value, "count")


def _amount(kind: str, amount: int) -> str:
    from custvalue.formatting import format_value

    if kind == "cash":
        return t("referrals.cash_amount", amount=_yuan(amount))
    return t("referrals.points_amount", amount=format_value(amount, "count"))


def _words(frame: Any) -> Any:
    """Codes as words in every column that holds them."""
    import polars as pl

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
        if column in out.columns:
            out = out.with_columns(pl.col(column).replace(words))
    return out.rename({"plan_status": "status"}) if "plan_status" in out.columns else out


# --- bind, import, claims --------------------------------------------------------------


def _bind(
    referee: Annotated[str, typer.Argument(help=t("referrals.arg_referee"), show_default=False)],
    referrer: Annotated[str, typer.Option("--by", help=t("referrals.opt_by"), show_default=False)],
    source: Annotated[str, typer.Option("--source", help=t("referrals.opt_source"))] = "code",
    at: Annotated[str | None, typer.Option("--at", help=t("referrals.opt_at"))] = None,
) -> None:
    from custvalue.app.referrals import bind
    from custvalue.referral import reason_label

    when = _moment("--at", at)
    if isinstance(when, date) and not isinstance(when, datetime):
        when = datetime.combine(when, datetime.min.time())
    with open_db() as db:
        done = bind(
            db, referee_id=referee, referrer_id=referrer, source=source, at=when, actor=actor()
        )
    fields: dict[str, Any] = {
        "claim": done.claim_id, "referee": done.referee_id, "referrer": done.referrer_id,
        "at": f"{done.bound_at:%Y-%m-%d %H:%M}", "source": t(f"referrals.source_{done.source}"),
    }  # fmt: skip
    if done.status == "credited":
        console.print(t("referrals.bound_credited", **fields), markup=False, highlight=False)
        return
    console.print(
        t("referrals.bound_refused", **fields, reason=reason_label(done.reason or ""),
          credited=done.credited_referrer or t("referrals.none")),
        markup=False, highlight=False,
    )  # fmt: skip


def _import_ledger() -> None:
    from custvalue.app.referrals import import_ledger_claims

    with open_db() as db:
        done = import_ledger_claims(db, actor=actor())
    console.print(
        t("referrals.ledger_imported", imported=done.imported, already=done.already,
          unknown=done.unknown_referrer, self=done.self_referral, undated=done.undated)
    )  # fmt: skip
    if done.imported:
        console.print(t("referrals.ledger_next"))


@output_options
def _claims(
    customer: Annotated[
        str | None, typer.Option("--customer", help=t("referrals.opt_customer"))
    ] = None,
    as_of: _AS_OF = None,
    limit: _LIMIT = 100,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.referrals import list_claims

    limit = _limit(limit)
    with open_db() as db:
        claims = list_claims(db, customer_id=customer, as_of=_moment("--as-of", as_of))
    if fmt is Format.json:
        emit_json(claims.to_dict())
        return
    if claims.table.height == 0 and fmt is Format.table:
        console.print(t("referrals.no_claims"))
        return
    shown = claims.table.select(
        "claim_id", "referee_id", "referrer_id", "bound_at",
        pl.col("source").alias("claim_source"), "status", "reason",
    )  # fmt: skip
    credited = int((claims.table["status"] == "credited").sum())
    shown, note = _limited(shown, fmt, limit)
    caption = t("referrals.claims_note", credited=credited, refused=claims.table.height - credited)
    emit_frame(
        _words(shown),
        fmt,
        title=t("referrals.title_claims", as_of=f"{claims.as_of:%Y-%m-%d %H:%M}"),
        kinds={"claim_id": "id"},
        priority=("claim_source", "bound_at"),
        caption=(caption + ("" if get_lang() == "zh" else " ") + note) if note else caption,
    )


# --- rules and crediting -----------------------------------------------------------------


def _print_rules(rules: Any, head: str) -> None:
    from custvalue.formatting import format_value

    console.print(t(head))
    console.print(t("referrals.rules_referrer", amount=_amount(rules.kind, rules.referrer_reward)))
    referee = (
        _amount(rules.kind, rules.referee_reward) if rules.referee_reward else t("referrals.none")
    )
    console.print(t("referrals.rules_referee", amount=referee))
    console.print(t("referrals.rules_min_order", amount=_yuan(rules.min_order_cents)))
    console.print(t("referrals.rules_freeze", days=rules.freeze_days))
    cap = format_value(rules.monthly_cap, "count") if rules.monthly_cap else t("referrals.none")
    console.print(t("referrals.rules_cap", cap=cap))
    console.print(t("referrals.rules_reearn", answer=t("fmt.yes" if rules.reearn else "fmt.no")))


def _reward(option: str, value: float | None, kind: str) -> Any:
    """A reward as the rules keep it: whole points, or cents from yuan."""
    if value is None:
        return None
    if kind == "cash":
        return _cents(option, value)
    return int(value) if math.isfinite(value) and value.is_integer() else value


def _rules(
    referrer_reward: Annotated[
        float | None, typer.Option("--referrer-reward", help=t("referrals.opt_referrer_reward"))
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=t("referrals.opt_kind"))] = None,
    referee_reward: Annotated[
        float | None, typer.Option("--referee-reward", help=t("referrals.opt_referee_reward"))
    ] = None,
    min_order: Annotated[
        float | None, typer.Option("--min-order", help=t("referrals.opt_min_order"))
    ] = None,
    freeze_days: Annotated[
        int | None, typer.Option("--freeze-days", help=t("referrals.opt_freeze_days"))
    ] = None,
    monthly_cap: Annotated[
        int | None, typer.Option("--monthly-cap", help=t("referrals.opt_monthly_cap"))
    ] = None,
    reearn: Annotated[
        bool | None, typer.Option("--reearn/--no-reearn", help=t("referrals.opt_reearn"))
    ] = None,
) -> None:
    from custvalue.app.referrals import reward_rules, set_rules

    given = (referrer_reward, kind, referee_reward, min_order, freeze_days, monthly_cap, reearn)
    with open_db() as db:
        current = reward_rules(db)
        if all(v is None for v in given):
            if current is None:
                console.print(t("referrals.rules_none"))
            else:
                _print_rules(current, "referrals.rules_head")
            return
        unit = (kind or (current.kind if current else "points")).strip()
        rules = set_rules(
            db,
            referrer_reward=_reward("--referrer-reward", referrer_reward, unit),
            kind=kind,
            referee_reward=_reward("--referee-reward", referee_reward, unit),
            min_order_cents=_cents("--min-order", min_order),
            freeze_days=freeze_days,
            monthly_cap=monthly_cap,
            reearn=reearn,
            actor=actor(),
        )
    _print_rules(rules, "referrals.rules_saved")


def _payout_rows(payouts: Any, dry_run: bool) -> Any:
    import polars as pl

    cash = pl.col("kind") == "cash"
    card = (
        pl.when(cash)
        .then(pl.lit(t("referrals.cash_to_pay")))
        .when(pl.col("card_id").is_null())
        .then(pl.lit(t("referrals.waiting_card")))
        .otherwise(pl.col("card_id"))
    )
    shown = payouts.select(
        "happened_at", "action", "beneficiary_id", pl.col("role").alias("reward_for"),
        "referee_id", "order_id",
        pl.when(cash).then(None).otherwise(pl.col("amount")).cast(pl.Int64).alias("reward_points"),
        pl.when(cash).then(pl.col("amount") / 100).otherwise(None).cast(pl.Float64)
        .alias("reward_cash"),
        card.alias("posted_card"),
    )  # fmt: skip
    empty = [c for c in ("reward_points", "reward_cash") if shown[c].null_count() == shown.height]
    return _words(shown.drop(empty + (["posted_card"] if dry_run else [])))


@output_options
def _credit(
    as_of: _AS_OF = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("referrals.opt_dry_run"))] = False,
    limit: _LIMIT = 100,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.referrals import credit

    limit = _limit(limit)
    with open_db() as db:
        done = credit(db, as_of=_moment("--as-of", as_of), dry_run=dry_run, actor=actor())
    if fmt is Format.json:
        emit_json(done.to_dict())
        return
    shown = _payout_rows(done.payouts, dry_run)
    if fmt is not Format.table:
        emit_frame(shown, fmt, money=("reward_cash",), sheet=t("referrals.title_payouts"))
        return
    rewards = done.credits.rewards["state"].to_list()
    console.print(
        t("referrals.credit_head", as_of=f"{done.as_of:%Y-%m-%d %H:%M}",
          claims=done.credits.claims.height, credited=done.credits.credits.height,
          earned=rewards.count("earned"), pending=rewards.count("pending"),
          clawed=rewards.count("clawed_back"), capped=rewards.count("capped")),
    )  # fmt: skip
    totals = done.totals
    amounts: dict[str, Any] = {
        "count": done.payouts.height, "points_paid": _count(totals["points_paid"]),
        "points_back": _count(totals["points_clawed_back"]),
        "cash_paid": _yuan(totals["cash_paid_cents"]),
        "cash_back": _yuan(totals["cash_clawed_back_cents"]),
    }  # fmt: skip
    if done.payouts.height == 0:
        console.print(t("referrals.credit_nothing"))
    else:
        key = "referrals.credit_dry_run" if dry_run else "referrals.credit_paid_now"
        console.print(t(key, **amounts))
    if done.posted_now:
        console.print(t("referrals.credit_posted", count=done.posted_now))
    if done.waiting_for_card:
        console.print(t("referrals.credit_waiting", count=done.waiting_for_card))
    if done.unlinked_refunds:
        console.print(t("referrals.credit_unlinked", count=done.unlinked_refunds))
    if done.payouts.height:
        title = "referrals.title_payouts_dry" if dry_run else "referrals.title_payouts"
        shown, note = _limited(shown, fmt, limit)
        emit_frame(
            shown, fmt, title=t(title), money=("reward_cash",),
            keep=("action", "reward_points", "reward_cash"),
            priority=("order_id", "referee_id", "reward_for"), caption=note,
        )  # fmt: skip


@output_options
def _leaderboard(
    month: Annotated[str | None, typer.Option("--month", help=t("referrals.opt_month"))] = None,
    all_months: Annotated[bool, typer.Option("--all", help=t("referrals.opt_all_months"))] = False,
    as_of: _AS_OF = None,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.referrals import leaderboard

    with open_db() as db:
        board = leaderboard(db, as_of=_moment("--as-of", as_of), month=month)
    table = board.table
    if month is None and not all_months and board.months:
        table = table.filter(pl.col("month") == board.months[0])
    if fmt is Format.json:
        emit_json({**board.to_dict(), "leaderboard": table.to_dicts()})
        return
    if table.height == 0 and fmt is Format.table:
        console.print(t("referrals.board_none"))
        return
    earned = (
        (pl.col("amount_earned") / 100).alias("earned_cash")
        if board.kind == "cash"
        else pl.col("amount_earned").alias("earned_points")
    )
    shown = table.select(
        pl.col("month").alias("board_month"), "rank", "referrer_id", "name",
        pl.col("bound").alias("claims_bound"), "conversions",
        pl.col("pending").alias("rewards_pending"), pl.col("earned").alias("rewards_earned"),
        pl.col("clawed_back").alias("rewards_clawed_back"),
        pl.col("capped").alias("rewards_capped"), earned,
    )  # fmt: skip
    months = list(dict.fromkeys(table["month"].to_list()))
    label = months[0] if len(months) == 1 else f"{months[-1]} – {months[0]}"
    emit_frame(
        shown, fmt, title=t("referrals.title_board", months=label), money=("earned_cash",),
        keep=("rank", "conversions"), priority=("rewards_capped", "rewards_clawed_back", "name"),
        caption=t("referrals.board_note"),
    )  # fmt: skip


# --- excellent customers and the plan ----------------------------------------------------


def _criteria_text(criteria: dict[str, Any]) -> str:
    from custvalue.formatting import format_value

    parts = []
    for key, value in criteria.items():
        if key == "min_contribution_cents":
            shown = _yuan(value)
        elif isinstance(value, list):
            shown = ", ".join(value)
        else:
            shown = format_value(value, "number")
        parts.append(t(f"referrals.criterion_{key}", value=shown))
    return "; ".join(parts)


@output_options
def _excellent(
    min_orders_per_year: Annotated[
        float | None,
        typer.Option("--min-orders-per-year", help=t("referrals.opt_min_orders_per_year")),
    ] = None,
    min_years: Annotated[
        float | None, typer.Option("--min-years", help=t("referrals.opt_min_years"))
    ] = None,
    industry: Annotated[
        list[str] | None, typer.Option("--industry", help=t("referrals.opt_industry"))
    ] = None,
    size: Annotated[list[str] | None, typer.Option("--size", help=t("referrals.opt_size"))] = None,
    min_contribution: Annotated[
        float | None, typer.Option("--min-contribution", help=t("referrals.opt_min_contribution"))
    ] = None,
    min_satisfaction: Annotated[
        float | None, typer.Option("--min-satisfaction", help=t("referrals.opt_min_satisfaction"))
    ] = None,
    contribution: Annotated[
        str, typer.Option("--contribution", help=t("referrals.opt_contribution"))
    ] = "spend",
    as_of: _DAY = None,
    top: Annotated[int, typer.Option("--top", help=t("referrals.opt_top"))] = 20,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue._validation import check_number
    from custvalue.app.referrals import excellent

    top = int(check_number("--top", top, minimum=1, maximum=100_000, integer=True))
    criteria = {
        "min_orders_per_year": min_orders_per_year, "min_years": min_years,
        "industries": industry or None, "size": size or None,
        "min_contribution_cents": _cents("--min-contribution", min_contribution),
        "min_satisfaction": min_satisfaction,
    }  # fmt: skip
    with open_db() as db:
        found = excellent(
            db, criteria=criteria, as_of=parse_date_option("--as-of", as_of),
            contribution=contribution,
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(found.to_dict())
        return
    chosen = found.table.filter(pl.col("excellent"))
    if chosen.height == 0 and fmt is Format.table:
        console.print(t("referrals.excellent_none", as_of=found.as_of.isoformat()))
        return
    money = "realized_value" if found.contribution == "value" else "net_spend"
    digits = 1 if fmt is Format.table else 6
    shown = chosen.head(top).select(
        "ask_rank", "customer_id", "name", pl.col("industry").alias("customer_industry"),
        pl.col("size").alias("customer_size"), "orders", pl.col("orders_per_year").round(digits),
        pl.col("years").round(digits).alias("years_as_customer"),
        (pl.col("contribution_cents") / 100).alias(money),
        pl.col("satisfaction").alias("latest_nps"), "referred",
    )  # fmt: skip
    if fmt is Format.table:
        console.print(
            t("referrals.excellent_head", excellent=chosen.height, customers=found.table.height,
              as_of=found.as_of.isoformat(), to_ask=len(found.to_ask))
        )  # fmt: skip
    emit_frame(
        shown, fmt, title=t("referrals.title_excellent", as_of=found.as_of.isoformat()),
        money=(money,), kinds={"ask_rank": "count", "orders_per_year": "estimate",
                               "years_as_customer": "estimate", "latest_nps": "estimate"},
        keep=("ask_rank", "name"),
        priority=("customer_size", "latest_nps", "years_as_customer", "customer_industry"),
        caption=t("referrals.excellent_note", criteria=_criteria_text(found.criteria.to_dict()),
                  source=t(f"referrals.source_{found.contribution}"), shown=shown.height,
                  total=chosen.height),
    )  # fmt: skip


def _people(value: float) -> str:
    """A number of customers the path asks for: whole, or to one decimal."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _print_plan(done: Any) -> None:
    from custvalue.formatting import format_value

    progress = done.progress
    goal = progress.goal
    end = goal.bounds()[-1][2]
    console.print(
        t("referrals.plan_goal", factor=format_value(goal.factor, "number"), periods=goal.periods,
          unit=t(f"referrals.unit_{goal.unit}"), start=goal.start.isoformat(),
          end=end.isoformat(), base=_count(progress.base), target=_people(progress.target)),
    )  # fmt: skip
    day = progress.as_of.isoformat()
    if progress.cumulative is None:
        console.print(t("referrals.plan_not_started", as_of=day))
    else:
        gap = progress.cumulative - progress.base * progress.required_now
        key = "referrals.plan_ahead" if progress.on_track else "referrals.plan_behind"
        console.print(
            t(key, as_of=day, cumulative=_count(progress.cumulative),
              growth=format_value(progress.growth, "ratio", decimals=2),
              required=format_value(progress.required_now, "ratio", decimals=2),
              gap=_people(abs(gap))),
        )  # fmt: skip
        started = progress.periods.filter(progress.periods["status"] != "future")
        new, referred = int(started["new"].sum()), int(started["referred"].sum())
        share = format_value(referred / new if new else None, "share")
        console.print(
            t("referrals.plan_referred", referred=referred, share=share, depth=progress.max_depth)
        )
    if done.undated:
        console.print(t("referrals.plan_undated", count=done.undated))


@output_options
def _plan(
    factor: Annotated[
        float | None, typer.Option("--factor", help=t("referrals.opt_factor"))
    ] = None,
    periods: Annotated[
        int | None, typer.Option("--periods", help=t("referrals.opt_periods"))
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help=t("referrals.opt_unit"))] = None,
    start: Annotated[str | None, typer.Option("--start", help=t("referrals.opt_start"))] = None,
    as_of: _DAY = None,
    fmt: Format = Format.table,
) -> None:
    import polars as pl

    from custvalue.app.referrals import merged_goal, plan, set_goal

    first = parse_date_option("--start", start)
    day = parse_date_option("--as-of", as_of)
    saved = any(v is not None for v in (factor, periods, unit, first))
    parts: dict[str, Any] = {"start": first, "periods": periods, "unit": unit, "factor": factor}
    with open_db() as db:
        goal = merged_goal(db, **parts) if saved else None
        done = plan(db, goal=goal, as_of=day)  # a goal that cannot be followed is not kept
        if saved:
            set_goal(db, **parts, actor=actor())
    if fmt is Format.json:
        emit_json(done.to_dict())
        return
    shown = done.progress.periods.select(
        "period", pl.col("start").alias("period_start"), pl.col("end").alias("period_end"),
        pl.col("status").alias("plan_status"), pl.col("new").alias("new_customers"),
        pl.col("referred").alias("referred_new"), "referred_share",
        pl.col("cumulative").alias("cumulative_customers"),
        pl.col("growth").alias("growth_factor"), "required_growth", "target_customers",
        pl.col("gap").alias("customers_gap"), "on_track",
    )  # fmt: skip
    if fmt is Format.table:
        if saved:
            console.print(t("referrals.plan_saved"))
        _print_plan(done)
    emit_frame(
        _words(shown), fmt, title=t("referrals.title_plan"),
        kinds={"growth_factor": "number", "required_growth": "number",
               "target_customers": "count", "customers_gap": "count"},
        keep=("cumulative_customers", "on_track"),
        priority=("period_end", "target_customers", "referred_share", "required_growth"),
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``custvalue referrals ...``."""
    group = typer.Typer(help=t("referrals.help"), no_args_is_help=True)
    group.command("bind", help=t("referrals.bind_help"))(_bind)
    group.command("import-ledger", help=t("referrals.import_help"))(_import_ledger)
    group.command("claims", help=t("referrals.claims_help"))(_claims)
    group.command("credit", help=t("referrals.credit_help"))(_credit)
    group.command("rules", help=t("referrals.rules_help"))(_rules)
    group.command("leaderboard", help=t("referrals.leaderboard_help"))(_leaderboard)
    group.command("excellent", help=t("referrals.excellent_help"))(_excellent)
    group.command("plan", help=t("referrals.plan_help"))(_plan)
    app.add_typer(group, name="referrals")
