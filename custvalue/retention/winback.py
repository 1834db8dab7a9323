"""Win-back (客户再生): which lost customers to call first, and why they left.

**Customers.** A frame ``customer_id, last_order (date), former_value_cents (int: past
margin or realised value; may be negative), p_alive (float in [0, 1] or null)`` and,
optionally, ``complaints`` (int ≥ 0 or null) and ``satisfaction`` (0–10 or null).

**Lapsed** (:class:`LapseRule`, default: more than 365 days since the last order *or*
P(alive) below 0.3): ``days_since = as_of − last_order`` in days; the days test is
``days_since > days``, the P(alive) test ``p_alive < p_alive_below`` (a missing P(alive)
never passes it); ``combine="any"`` lists a customer who passes either, ``"all"`` only
one who passes both. A rule may leave one test out (``None``), not both.

**Odds of winning back**, in this order:

1. *The company's own past* (``history``: the orders frame): a back-test at every
   year-end ``D`` (31 December) with ``D`` on or after the first order and
   ``D + 365 days ≤ as_of``. The lapsed set at ``D`` is every customer with an order
   (amount > 0) on or before ``D`` whose last such order is more than ``backtest_days``
   days before ``D`` (default: the rule's ``days``; P(alive) at past dates is not known,
   so the back-test uses the days test only). A trial *returned* when the customer
   ordered in ``(D, D + 365 days]``. Trials are (customer, year-end) pairs: a customer
   lapsed at several year-ends counts at each. The return rate is ``returned / trials``,
   overall and by value band, where a trial's value is its net revenue up to ``D``.
   A customer on the list gets the rate of their band when the band has at least
   ``min_trials`` trials (``odds_source = history_band``), else the overall rate when
   there are that many trials in all (``history_overall``).
2. Else ``default_odds`` when given (``default``). The seeds say that selling to a lost
   customer succeeds about twice as often as selling to a new prospect, but give no
   number: with your own prospect conversion rate p, ``default_odds = min(1, 2p)``.
3. Else the odds are unknown (``unknown``, null): the list is then ranked by former
   value alone, and says so.

**Value bands** are terciles by rank within the group (the list's lapsed customers by
``former_value_cents``; each back-test year-end's lapsed set by net revenue): with
``q = (average rank − 0.5) / n`` from the lowest value, ``low`` when q < 1/3, ``mid``
when q < 2/3, else ``high`` — scale-free, so a list valued by margin can borrow the
odds of a history valued by revenue.

**Ranking**: ``expected_value_cents = former_value_cents × odds`` (rounded to the cent),
highest first; ties (and unknown odds) by former value, then by ``customer_id``.
``rank`` is 1, 2, … in that order.

**Reason**: ``complaints`` when the customer complained (``complaints > 0``), else
``low_satisfaction`` when ``satisfaction < low_satisfaction_below`` (default 7 on 0–10:
the NPS detractors' 0–6, and below the loyalty lists' "satisfied from 7"), else
``unknown``. :data:`REASON_LABELS` names each in the catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import polars as pl

from custvalue._validation import check_choice, check_columns, check_number, check_unique
from custvalue.exceptions import DataValidationError
from custvalue.output import jsonable
from custvalue.retention.checks import (
    check_date,
    check_orders,
    date_column,
    integer_column,
    number_column,
    required,
)

__all__ = ["BANDS", "REASONS", "REASON_LABELS", "LapseRule", "WinBack", "winback_list"]

#: the value bands, lowest first
BANDS = ("low", "mid", "high")
#: the reasons a customer may have left
REASONS = ("complaints", "low_satisfaction", "unknown")
#: the catalog key naming each reason
REASON_LABELS: dict[str, str] = {
    "complaints": "retention.reason_complaints",
    "low_satisfaction": "retention.reason_low_satisfaction",
    "unknown": "retention.reason_unknown",
}
#: how long after a back-test year-end a return counts
RETURN_WINDOW = timedelta(days=365)

OddsSource = Literal["history_band", "history_overall", "default", "unknown"]


@dataclass(frozen=True, kw_only=True)
class LapseRule:
    """When a customer counts as lost: ``days`` since the last order (more than; whole,
    0 to 36 500) and/or ``p_alive`` below ``p_alive_below`` (in (0, 1]); ``combine``
    ``any`` (either test) or ``all`` (both). ``None`` leaves a test out; a rule needs
    at least one (``retention.empty_rule``). Default: days > 365 or P(alive) < 0.3."""

    days: int | None = 365
    p_alive_below: float | None = 0.3
    combine: Literal["any", "all"] = "any"

    def __post_init__(self) -> None:
        if self.days is None and self.p_alive_below is None:
            raise DataValidationError("retention.empty_rule")
        if self.days is not None:
            days = check_number("days", self.days, minimum=0, maximum=36_500, integer=True)
            object.__setattr__(self, "days", int(days))
        if self.p_alive_below is not None:
            below = check_number("p_alive_below", self.p_alive_below, above=0, maximum=1)
            object.__setattr__(self, "p_alive_below", below)
        check_choice("combine", self.combine, ("any", "all"))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the two thresholds and how they combine."""
        return {"days": self.days, "p_alive_below": self.p_alive_below, "combine": self.combine}


@dataclass(frozen=True)
class WinBack:
    """The win-back list and where its odds come from.

    ``frame``: the lapsed customers ranked — ``rank, customer_id, last_order,
    days_since_last_order, p_alive, lapsed_by (days | p_alive | both),
    former_value_cents, value_band, odds, odds_source, expected_value_cents, reason``
    (plus ``complaints`` and ``satisfaction`` when given).
    ``backtest`` (with ``history``): ``band`` (low, mid, high, all), ``trials``,
    ``returned``, ``return_rate``; ``checkpoints``: ``year_end, lapsed, returned,
    return_rate``. ``odds_source``: ``history``, ``default`` or ``unknown`` for the
    list as a whole; ``not_lapsed``: customers the rule did not list."""

    as_of: date
    rule: LapseRule
    frame: pl.DataFrame
    odds_source: Literal["history", "default", "unknown"]
    overall_return_rate: float | None
    backtest: pl.DataFrame | None
    checkpoints: pl.DataFrame | None
    backtest_days: int | None
    not_lapsed: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the rule, the list, the back-test."""

        def records(frame: pl.DataFrame | None) -> list[dict[str, Any]] | None:
            return None if frame is None else [jsonable(r) for r in frame.to_dicts()]

        return {
            "as_of": self.as_of.isoformat(),
            "rule": self.rule.to_dict(),
            "odds_source": self.odds_source,
            "overall_return_rate": jsonable(self.overall_return_rate),
            "backtest_days": self.backtest_days,
            "not_lapsed": self.not_lapsed,
            "customers": records(self.frame),
            "backtest": records(self.backtest),
            "checkpoints": records(self.checkpoints),
        }


def value_band(value: pl.Expr) -> pl.Expr:
    """The tercile band of ``value`` within the frame (see the module docstring)."""
    share = (value.rank("average") - 0.5) / value.count()
    return (
        pl.when(share < 1 / 3)
        .then(pl.lit("low"))
        .when(share < 2 / 3)
        .then(pl.lit("mid"))
        .otherwise(pl.lit("high"))
    )


def _customers(customers: Any) -> pl.DataFrame:
    name = "customers"
    check_columns(
        customers, ["customer_id", "last_order", "former_value_cents", "p_alive"], frame_name=name
    )
    frame: pl.DataFrame = customers
    keep = ["customer_id", "last_order", "former_value_cents", "p_alive"]
    keep += [c for c in ("complaints", "satisfaction") if c in frame.columns]
    frame = frame.select(keep)
    required(frame, "customer_id", frame_name=name)
    check_unique(frame, "customer_id")
    frame = date_column(frame, "last_order", frame_name=name)
    frame = integer_column(frame, "former_value_cents", frame_name=name)
    frame = number_column(frame, "p_alive", frame_name=name, minimum=0, maximum=1)
    if "complaints" in frame.columns:
        frame = integer_column(frame, "complaints", frame_name=name, nullable=True, minimum=0)
    if "satisfaction" in frame.columns:
        frame = number_column(frame, "satisfaction", frame_name=name, minimum=0, maximum=10)
    return frame


def _backtest(history: Any, *, as_of: date, days: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The back-test (see the module docstring): by band, and by year-end."""
    orders = check_orders(history, frame_name="history").filter(pl.col("day") <= as_of)
    bought = orders.filter(pl.col("amount_cents") > 0)
    trials: list[pl.DataFrame] = []
    points: list[dict[str, Any]] = []
    first = bought["day"].min()
    if isinstance(first, date):
        for year in range(first.year, as_of.year + 1):
            end = date(year, 12, 31)
            if end < first or end + RETURN_WINDOW > as_of:
                continue
            value = (
                orders.filter(pl.col("day") <= end)
                .group_by("customer_id")
                .agg(pl.col("amount_cents").sum().alias("value"))
            )
            lapsed = (
                bought.filter(pl.col("day") <= end)
                .group_by("customer_id")
                .agg(pl.col("day").max().alias("last"))
                .filter((pl.lit(end) - pl.col("last")).dt.total_days() > days)
                .join(value, on="customer_id", how="left")
            )
            back = (
                bought.filter((pl.col("day") > end) & (pl.col("day") <= end + RETURN_WINDOW))
                .select("customer_id")
                .unique()
                .with_columns(pl.lit(True).alias("returned"))
            )
            trial = lapsed.join(back, on="customer_id", how="left").with_columns(
                pl.col("returned").fill_null(False),
                value_band(pl.col("value")).alias("band"),
            )
            returned = int(trial["returned"].sum())
            points.append(
                {
                    "year_end": end,
                    "lapsed": trial.height,
                    "returned": returned,
                    "return_rate": returned / trial.height if trial.height else None,
                }
            )
            trials.append(trial.select("band", "returned"))
    pooled = (
        pl.concat(trials)
        if trials
        else pl.DataFrame(schema={"band": pl.String, "returned": pl.Boolean})
    )
    rows = []
    for band in (*BANDS, "all"):
        part = pooled if band == "all" else pooled.filter(pl.col("band") == band)
        count, back_count = part.height, int(part["returned"].sum())
        rows.append(
            {
                "band": band,
                "trials": count,
                "returned": back_count,
                "return_rate": back_count / count if count else None,
            }
        )
    by_band = pl.DataFrame(
        rows,
        schema={
            "band": pl.String,
            "trials": pl.Int64,
            "returned": pl.Int64,
            "return_rate": pl.Float64,
        },
    )
    checkpoints = pl.DataFrame(
        points,
        schema={
            "year_end": pl.Date,
            "lapsed": pl.Int64,
            "returned": pl.Int64,
            "return_rate": pl.Float64,
        },
    )
    return by_band, checkpoints


def winback_list(
    customers: pl.DataFrame,
    *,
    as_of: date,
    rule: LapseRule | None = None,
    history: pl.DataFrame | None = None,
    default_odds: float | None = None,
    backtest_days: int | None = None,
    min_trials: int = 20,
    low_satisfaction_below: float = 7.0,
) -> WinBack:
    """The lapsed customers, ranked by former value × odds of winning them back (see
    the module docstring for every rule).

    Raises ``retention.after_as_of`` when a last order is after ``as_of``,
    ``retention.backtest_needs_days`` when ``history`` is given with a rule without a
    days test and no ``backtest_days``, and the frame checks' codes."""
    cut = check_date("as_of", as_of)
    lapse = LapseRule() if rule is None else rule
    if not isinstance(lapse, LapseRule):
        raise DataValidationError("retention.not_a_rule", got=type(lapse).__name__)
    fallback = (
        None
        if default_odds is None
        else check_number("default_odds", default_odds, minimum=0, maximum=1)
    )
    trials_needed = int(check_number("min_trials", min_trials, minimum=1, integer=True))
    low_from = check_number("low_satisfaction_below", low_satisfaction_below, minimum=0, maximum=10)
    frame = _customers(customers)
    late = frame["last_order"] > cut
    if late.any():
        raise DataValidationError(
            "retention.after_as_of",
            count=int(late.sum()),
            first=frame.filter(late)["customer_id"][0],
            as_of=cut.isoformat(),
        )
    days_since = (pl.lit(cut) - pl.col("last_order")).dt.total_days()
    by_days = days_since > lapse.days if lapse.days is not None else pl.lit(None, pl.Boolean)
    by_p = (
        (pl.col("p_alive") < lapse.p_alive_below).fill_null(False)
        if lapse.p_alive_below is not None
        else pl.lit(None, pl.Boolean)
    )
    tests = [
        e for e, kept in ((by_days, lapse.days), (by_p, lapse.p_alive_below)) if kept is not None
    ]
    passes = pl.any_horizontal(tests) if lapse.combine == "any" else pl.all_horizontal(tests)
    marked = frame.with_columns(
        days_since.alias("days_since_last_order"),
        by_days.fill_null(False).alias("_by_days"),
        by_p.fill_null(False).alias("_by_p"),
        passes.alias("_lapsed"),
    )
    listed = marked.filter(pl.col("_lapsed")).with_columns(
        pl.when(pl.col("_by_days") & pl.col("_by_p"))
        .then(pl.lit("both"))
        .when(pl.col("_by_days"))
        .then(pl.lit("days"))
        .otherwise(pl.lit("p_alive"))
        .alias("lapsed_by"),
        value_band(pl.col("former_value_cents")).alias("value_band"),
    )

    backtest = checkpoints = None
    overall: float | None = None
    used_days: int | None = None
    band_odds: dict[str, float | None] = dict.fromkeys(BANDS)
    if history is not None:
        used_days = backtest_days if backtest_days is not None else lapse.days
        if used_days is None:
            raise DataValidationError("retention.backtest_needs_days")
        used_days = int(
            check_number("backtest_days", used_days, minimum=0, maximum=36_500, integer=True)
        )
        backtest, checkpoints = _backtest(history, as_of=cut, days=used_days)
        table = {r["band"]: r for r in backtest.to_dicts()}
        if table["all"]["trials"] >= trials_needed:
            overall = table["all"]["return_rate"]
        for band in BANDS:
            if table[band]["trials"] >= trials_needed:
                band_odds[band] = table[band]["return_rate"]

    def odds_of(band: str) -> tuple[float | None, OddsSource]:
        if band_odds[band] is not None:
            return band_odds[band], "history_band"
        if overall is not None:
            return overall, "history_overall"
        if fallback is not None:
            return fallback, "default"
        return None, "unknown"

    odds = {band: odds_of(band) for band in BANDS}
    satisfaction_low = (
        (pl.col("satisfaction") < low_from).fill_null(False)
        if "satisfaction" in listed.columns
        else pl.lit(False)
    )
    complained = (
        (pl.col("complaints") > 0).fill_null(False)
        if "complaints" in listed.columns
        else pl.lit(False)
    )
    ranked = (
        listed.with_columns(
            pl.col("value_band")
            .replace_strict({b: o[0] for b, o in odds.items()}, return_dtype=pl.Float64)
            .alias("odds"),
            pl.col("value_band")
            .replace_strict({b: o[1] for b, o in odds.items()}, return_dtype=pl.String)
            .alias("odds_source"),
            pl.when(complained)
            .then(pl.lit("complaints"))
            .when(satisfaction_low)
            .then(pl.lit("low_satisfaction"))
            .otherwise(pl.lit("unknown"))
            .alias("reason"),
        )
        .with_columns(
            (pl.col("former_value_cents") * pl.col("odds"))
            .round(0)
            .cast(pl.Int64)
            .alias("expected_value_cents")
        )
        .sort(
            ["expected_value_cents", "former_value_cents", "customer_id"],
            descending=[True, True, False],
            nulls_last=True,
        )
        .with_row_index("rank", offset=1)
        .with_columns(pl.col("rank").cast(pl.Int64))
    )
    columns = [
        "rank",
        "customer_id",
        "last_order",
        "days_since_last_order",
        "p_alive",
        "lapsed_by",
        "former_value_cents",
        "value_band",
        "odds",
        "odds_source",
        "expected_value_cents",
        "reason",
    ]
    columns += [c for c in ("complaints", "satisfaction") if c in ranked.columns]
    sources = {o[1] for o in odds.values()}
    whole: Literal["history", "default", "unknown"] = (
        "history"
        if sources & {"history_band", "history_overall"}
        else "default"
        if "default" in sources
        else "unknown"
    )
    return WinBack(
        as_of=cut,
        rule=lapse,
        frame=ranked.select(columns),
        odds_source=whole,
        overall_return_rate=(
            backtest.filter(pl.col("band") == "all")["return_rate"][0]
            if backtest is not None
            else None
        ),
        backtest=backtest,
        checkpoints=checkpoints,
        backtest_days=used_days,
        not_lapsed=marked.height - listed.height,
    )
