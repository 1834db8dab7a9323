"""``custvalue winback``: the lapsed customers to win back first (docs/keeping.md §5). The
work is :func:`custvalue.app.winback.winback`; this module parses, calls it and renders
the list with what it was judged on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from custvalue.cli.common import open_db, parse_date_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.i18n import t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.winback import WinBackResult

__all__ = ["register"]

#: the rows a table shows when --top is not given
DEFAULT_TOP = 20
_OFF = ("off", "none", "no", "关", "不用")


def _switchable(option: str, value: str | None, *, whole: bool) -> float | None:
    """A number, or ``off`` (the test left out)."""
    from custvalue.exceptions import DataValidationError

    if value is None:
        return None
    text = value.strip().lower()
    if text in _OFF:
        return None
    try:
        number = float(text)
    except ValueError:
        raise DataValidationError(
            "error.option", option=option, value=value,
            reason=t("winback.reason_days" if whole else "winback.reason_p_alive"),
            hint=t("winback.hint_days" if whole else "winback.hint_p_alive"),
        ) from None  # fmt: skip
    return int(number) if whole and number.is_integer() else number


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _rule_lines(result: WinBackResult) -> list[str]:
    rule = result.rule
    days, below = rule.days, rule.p_alive_below
    p = _share(below)
    if days is not None and below is not None:
        lines = [t(f"winback.rule_{rule.combine}", days=days, p=p)]
    elif days is not None:
        lines = [t("winback.rule_days", days=days)]
    else:
        lines = [t("winback.rule_p", p=p)]
    end = result.clv_calibration_end.isoformat() if result.clv_calibration_end else "—"
    if result.days_only:
        lines.append(
            t(
                f"winback.p_left_out_{result.p_alive_source}",
                end=end,
                as_of=result.as_of.isoformat(),
            )
        )
    elif result.p_alive_source == "clv_run":
        lines.append(t("winback.p_from_run", run=result.clv_run_id, end=end))
    return lines


def _odds_line(result: WinBackResult) -> str:
    rates = result.band_rates()
    trials = 0
    if result.backtest is not None:
        trials = int(result.backtest.filter(result.backtest["band"] == "all")["trials"][0])
    years = t("output.separator").join(str(y) for y in result.backtest_years) or "—"
    if result.odds_source == "history":
        return t(
            "winback.odds_history", trials=trials, days=result.backtest_days, years=years,
            rate=_share(result.overall_return_rate), low=_share(rates.get("low")),
            mid=_share(rates.get("mid")), high=_share(rates.get("high")), min=result.min_trials,
        )  # fmt: skip
    if result.odds_source == "default":
        return t("winback.odds_default", odds=_share(result.default_odds), trials=trials,
                 min=result.min_trials)  # fmt: skip
    return t("winback.odds_unknown", trials=trials, min=result.min_trials)


def _value_line(result: WinBackResult) -> str:
    return t(
        f"winback.value_{result.value_source}",
        snapshot=result.snapshot_id,
        as_of=result.as_of.isoformat(),
    )


def _shown(table: pl.DataFrame) -> pl.DataFrame:
    """The list as people read it: money in yuan, codes as words."""
    import polars as pl

    from custvalue.retention.winback import BANDS, REASON_LABELS

    reasons = {code: t(key) for code, key in REASON_LABELS.items()}
    lapsed = {c: t(f"winback.lapsed_by_{c}") for c in ("days", "p_alive", "both")}
    bands = {b: t(f"winback.band_{b}") for b in BANDS}
    sources = {
        s: t(f"winback.odds_source_{s}")
        for s in ("history_band", "history_overall", "default", "unknown")
    }
    return table.select(
        "rank",
        "customer_id",
        "name",
        "last_order",
        pl.col("days_since_last_order").alias("recency_days"),
        (pl.col("former_value_cents") / 100).alias("former_value"),
        "p_alive",
        "odds",
        (pl.col("expected_value_cents") / 100).alias("expected_value"),
        pl.col("reason").replace_strict(reasons, default=pl.col("reason")),
        pl.col("lapsed_by").replace_strict(lapsed, default=pl.col("lapsed_by")),
        pl.col("value_band").replace_strict(bands, default=pl.col("value_band")),
        pl.col("odds_source").replace_strict(sources, default=pl.col("odds_source")),
        "complaints",
        "satisfaction",
        "attributes",
    )


@output_options
def _winback(
    days: Annotated[str | None, typer.Option("--days", help=t("winback.opt_days"))] = "365",
    p_alive: Annotated[
        str | None, typer.Option("--p-alive", help=t("winback.opt_p_alive"))
    ] = "0.3",
    rule: Annotated[str, typer.Option("--rule", help=t("winback.opt_rule"))] = "any",
    odds: Annotated[float | None, typer.Option("--odds", help=t("winback.opt_odds"))] = None,
    top: Annotated[int | None, typer.Option("--top", help=t("winback.opt_top"))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=t("winback.opt_as_of"))] = None,
    value: Annotated[str, typer.Option("--value", help=t("winback.opt_value"))] = "realized",
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.winback import winback

    day = parse_date_option("--as-of", as_of)
    threshold: Any = _switchable("--days", days, whole=True)  # a fraction: refused as not whole
    below = _switchable("--p-alive", p_alive, whole=False)
    rows_wanted = top if top is not None or fmt is not Format.table else DEFAULT_TOP
    with open_db() as db:
        result = winback(
            db, days=threshold, p_alive_below=below, combine=rule.strip().lower(),
            default_odds=odds, as_of=day, top=top, value=value.strip().lower(),
        )  # fmt: skip
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    notes = [*_rule_lines(result), _value_line(result), _odds_line(result)]
    if result.total == 0 and fmt is Format.table:
        console.print(t("winback.none", as_of=result.as_of.isoformat(), customers=result.customers))
        console.print("\n".join(notes))
        return
    table = result.table if rows_wanted is None else result.table.head(rows_wanted)
    notes.append(t("winback.expected_note", shown=table.height, total=result.total))
    shown = _shown(table)
    if result.days_only and fmt is Format.table:  # every P(alive) unknown: the caption says why
        shown = shown.drop("p_alive")
    emit_frame(
        shown,
        fmt,
        title=t(
            "winback.title",
            as_of=result.as_of.isoformat(),
            total=result.total,
            customers=result.customers,
        ),
        money=("former_value", "expected_value"),
        percent=("p_alive", "odds"),
        kinds={"satisfaction": "number"},
        keep=("name", "expected_value", "reason"),
        priority=(
            "attributes",
            "odds_source",
            "value_band",
            "lapsed_by",
            "satisfaction",
            "complaints",
            "p_alive",
            "last_order",
        ),  # fmt: skip
        caption="\n".join(notes),
    )


def register(app: typer.Typer) -> None:
    """Add ``custvalue winback``."""
    app.command("winback", help=t("winback.help"))(_winback)
