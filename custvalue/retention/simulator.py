"""Retention economics (留住老客户): the leaky bucket, year by year, and what-if.

**Deterministic cohort accounting.** Customers are expected values (fractional
customers allowed: 0.5 customer is half a customer's revenue and cost), grouped by
tenure year k = 1, 2, … (k = 1: their first year). A value "by tenure" is a number (every
year the same) or a sequence whose i-th value is for tenure i + 1, the last value
repeated for every later year.

Year y (1 … ``years``), with ``n_k`` customers of tenure k at its start:

* ``customers_start = Σ n_k``; they buy and are served all year:
  ``revenue = Σ n_k · revenue_k``, ``retention_spend = Σ n_k · service_cost_k``,
  ``margin = revenue · margin_rate``;
* at the year's end ``lost = Σ n_k · (1 − retention_k)`` leave (the leak) and
  ``retained = Σ n_k · retention_k`` stay, one tenure year older;
* ``acquired = new_customers`` (each at ``acquisition_cost``), ``referred =
  referral_rate · customers_start`` (each at ``referral_reward``, 0 = free) and
  ``won_back = win_back_rate · lost of year y − 1`` (0 in year 1; each at
  ``win_back_cost``) join at the year's end as tenure 1 (a customer won back starts
  over), so they buy from year y + 1 on; a customer lost at the end of year y − 1 is
  away for year y and back for y + 1;
* ``customers_end = customers_start − lost + acquired + referred + won_back`` (the next
  year's start);
* ``profit = margin − acquisition_spend − retention_spend − referral_rewards −
  win_back_spend``; ``discounted_profit = profit / (1 + discount_rate)^y`` (money at
  each year's end); cumulative sums of both. The last value of the cumulative
  discounted profit is the NPV over the horizon.

Every money line is rounded to the cent (half to even) from the expected value; profit
and the discounted and cumulative lines are computed from the rounded lines, so the
identities hold to the cent. The customers identity holds up to floating-point rounding.

Without win-back, raising any retention rate never leaves fewer customers in any year
(each tenure group grows with the rates and with last year's groups). With win-back it
can: a customer lost is won back a year later as tenure 1, so e.g. retention 0 with
every lost customer won back alternates 100, 0, 100, … while retention 0.1 ends year 2
with 91.

Inputs are checked when :class:`Assumptions` is built (``validation.*`` codes: rates in
[0, 1], non-negative whole cents, ``years`` 1 to 50; ``retention.bad_length`` for a
sequence by tenure that is empty or longer than 50 values). A projection whose money
does not fit in 64-bit cents (customers growing by referrals for decades) is refused with
``retention.overflow``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import polars as pl
from numpy.typing import NDArray

from custvalue._validation import check_number, check_numbers
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.output import jsonable

__all__ = [
    "CLAIM_RANGE",
    "COST_RATIO_RANGE",
    "MAX_TENURES",
    "MAX_YEARS",
    "Assumptions",
    "ChurnClaim",
    "Comparison",
    "CostRatio",
    "Projection",
    "churn_claim",
    "compare",
    "cost_ratio_claim",
    "simulate",
]

#: the longest horizon, in years
MAX_YEARS = 50
#: the most values a sequence by tenure (or of starting customers) may hold
MAX_TENURES = 50
#: the most customers and cents per customer an input may hold
MAX_INPUT = 1e12
#: the largest money value of a projection (64-bit cents)
_MAX_CENTS = 2**63 - 1
#: the claim that 5 points less churn raise profit by 25–85 % (in %)
CLAIM_RANGE = (25.0, 85.0)
#: the claim that winning a customer costs 5–8 times keeping one
COST_RATIO_RANGE = (5.0, 8.0)

Verdict = Literal["inside", "below", "above", "undefined"]

_CURVES = ("starting_customers", "retention", "revenue_cents", "service_cost_cents")


def _curve(name: str, value: Any, *, maximum: float, integer: bool) -> Any:
    """A number, or a tuple of 1 to ``MAX_TENURES`` numbers, each checked."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        if not 1 <= len(value) <= MAX_TENURES:
            raise DataValidationError(
                "retention.bad_length", name=name, count=len(value), maximum=MAX_TENURES
            )
        array = check_numbers(name, list(value), minimum=0, maximum=maximum, integer=integer)
        return tuple(int(v) if integer else float(v) for v in array.tolist())
    number = check_number(name, value, minimum=0, maximum=maximum, integer=integer)
    return int(number) if integer else number


def _rate(name: str, value: Any) -> float:
    return check_number(name, value, minimum=0, maximum=1)


def _cents(name: str, value: Any) -> int:
    return int(check_number(name, value, minimum=0, maximum=MAX_INPUT, integer=True))


@dataclass(frozen=True, kw_only=True)
class Assumptions:
    """The inputs of :func:`simulate` (checked and normalised when built).

    ``starting_customers``: customers at the start of year 1 — a number (all of tenure
    1) or a sequence by tenure (customers in their 1st, 2nd, … year).
    ``retention``: share of the customers of each tenure who stay into the next year
    (by tenure, in [0, 1]). ``revenue_cents`` and ``service_cost_cents``: per customer
    per year, by tenure. ``margin_rate``: margin share of revenue. ``new_customers``:
    acquired per year, each at ``acquisition_cost_cents``. ``referral_rate``: new
    customers per existing customer per year, each at ``referral_reward_cents``.
    ``win_back_rate``: share of the customers lost in a year who come back the next
    year, each at ``win_back_cost_cents``. ``discount_rate`` per year; ``years`` 1–50.
    """

    starting_customers: float | Sequence[float]
    retention: float | Sequence[float]
    revenue_cents: int | Sequence[int]
    margin_rate: float
    new_customers: float = 0.0
    acquisition_cost_cents: int = 0
    service_cost_cents: int | Sequence[int] = 0
    referral_rate: float = 0.0
    referral_reward_cents: int = 0
    win_back_rate: float = 0.0
    win_back_cost_cents: int = 0
    discount_rate: float = 0.0
    years: int = 10

    def __post_init__(self) -> None:
        checked: dict[str, Any] = {
            "starting_customers": _curve(
                "starting_customers", self.starting_customers, maximum=MAX_INPUT, integer=False
            ),
            "retention": _curve("retention", self.retention, maximum=1, integer=False),
            "revenue_cents": _curve(
                "revenue_cents", self.revenue_cents, maximum=MAX_INPUT, integer=True
            ),
            "margin_rate": _rate("margin_rate", self.margin_rate),
            "new_customers": check_number(
                "new_customers", self.new_customers, minimum=0, maximum=MAX_INPUT
            ),
            "acquisition_cost_cents": _cents("acquisition_cost_cents", self.acquisition_cost_cents),
            "service_cost_cents": _curve(
                "service_cost_cents", self.service_cost_cents, maximum=MAX_INPUT, integer=True
            ),
            "referral_rate": _rate("referral_rate", self.referral_rate),
            "referral_reward_cents": _cents("referral_reward_cents", self.referral_reward_cents),
            "win_back_rate": _rate("win_back_rate", self.win_back_rate),
            "win_back_cost_cents": _cents("win_back_cost_cents", self.win_back_cost_cents),
            "discount_rate": _rate("discount_rate", self.discount_rate),
            "years": int(
                check_number("years", self.years, minimum=1, maximum=MAX_YEARS, integer=True)
            ),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def by_tenure(self, name: str, tenures: int) -> NDArray[np.float64]:
        """The value ``name`` for tenure 1 … ``tenures`` (the last value repeated; for
        ``starting_customers`` the missing tenures are 0)."""
        value = getattr(self, name)
        values = list(value) if isinstance(value, tuple) else [value]
        if name == "starting_customers":
            padded = values + [0.0] * (tenures - len(values))
        else:
            padded = values + [values[-1]] * (tenures - len(values))
        return np.asarray(padded[:tenures], dtype=np.float64)

    def tenures(self) -> int:
        """How many tenure groups the accounting needs: the longest sequence (1 if none);
        the last group holds every later tenure (their values are all the same)."""
        lengths = [len(v) for n in _CURVES if isinstance(v := getattr(self, n), tuple)]
        return max([1, *lengths])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every input (sequences as lists)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return [jsonable(row) for row in frame.to_dicts()]


@dataclass(frozen=True)
class Projection:
    """The year-by-year projection of :func:`simulate`.

    ``frame``: one row a year — ``year, customers_start, lost, retained, acquired,
    referred, won_back, customers_end`` (float customers) and ``revenue_cents,
    margin_cents, acquisition_cents, retention_cents, referral_cents, win_back_cents,
    profit_cents, discounted_profit_cents, cumulative_profit_cents,
    cumulative_discounted_cents`` (int cents).
    ``bucket``: the leaky-bucket chart, long — ``year, part, direction, customers``;
    ``part`` ``acquired``, ``referred``, ``won_back`` (direction ``in``), ``lost``
    (direction ``out``, a positive number) and ``level`` (direction ``level``: the
    customers at the year's end)."""

    assumptions: Assumptions
    frame: pl.DataFrame
    bucket: pl.DataFrame

    @property
    def profit_cents(self) -> int:
        """Profit over the horizon (undiscounted)."""
        return int(self.frame["profit_cents"].sum())

    @property
    def npv_cents(self) -> int:
        """Discounted profit over the horizon."""
        return int(self.frame["discounted_profit_cents"].sum())

    def totals(self) -> dict[str, float | int]:
        """Sums over the horizon of every flow, and the customers at the end."""
        flows = ("lost", "retained", "acquired", "referred", "won_back")
        out: dict[str, float | int] = {
            "customers_start": float(self.frame["customers_start"][0]),
            "customers_end": float(self.frame["customers_end"][-1]),
        }
        out.update({c: float(self.frame[c].sum()) for c in flows})
        out.update({c: int(self.frame[c].sum()) for c in _FLOWS_CENTS})
        out["npv_cents"] = self.npv_cents
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the assumptions, the years, the bucket and the totals."""
        return {
            "assumptions": self.assumptions.to_dict(),
            "years": _records(self.frame),
            "bucket": _records(self.bucket),
            "totals": self.totals(),
        }


_MONEY = (
    "revenue_cents",
    "margin_cents",
    "acquisition_cents",
    "retention_cents",
    "referral_cents",
    "win_back_cents",
    "profit_cents",
    "discounted_profit_cents",
    "cumulative_profit_cents",
    "cumulative_discounted_cents",
)
#: the money flows summed in :meth:`Projection.totals` (the NPV is added as ``npv_cents``)
_FLOWS_CENTS = _MONEY[:7]
_CUSTOMERS = (
    "customers_start",
    "lost",
    "retained",
    "acquired",
    "referred",
    "won_back",
    "customers_end",
)


def _cent(value: float) -> int:
    if not np.isfinite(value) or abs(value) > _MAX_CENTS:
        raise DataValidationError("retention.overflow", value=f"{value:.3g}")
    return round(value)


def simulate(assumptions: Assumptions) -> Projection:
    """Project the customers and the money year by year (see the module docstring)."""
    if not isinstance(assumptions, Assumptions):
        raise DataValidationError("retention.not_assumptions", got=type(assumptions).__name__)
    a = assumptions
    size = a.tenures()
    n = a.by_tenure("starting_customers", size)
    keep = a.by_tenure("retention", size)
    revenue_k = a.by_tenure("revenue_cents", size)
    service_k = a.by_tenure("service_cost_cents", size)
    lost_before = 0.0
    rows: dict[str, list[Any]] = {c: [] for c in ("year", *_CUSTOMERS, *_MONEY)}
    cumulative = cumulative_discounted = 0
    for year in range(1, a.years + 1):
        start = float(n.sum())
        revenue = float(n @ revenue_k)
        service = float(n @ service_k)
        stay = n * keep
        lost = float((n * (1 - keep)).sum())
        retained = float(stay.sum())
        acquired = a.new_customers
        referred = a.referral_rate * start
        won_back = a.win_back_rate * lost_before
        following = np.zeros(size)
        following[1:] = stay[:-1]
        following[-1] += stay[-1]
        following[0] += acquired + referred + won_back
        money = {
            "revenue_cents": _cent(revenue),
            "margin_cents": _cent(revenue * a.margin_rate),
            "acquisition_cents": _cent(acquired * a.acquisition_cost_cents),
            "retention_cents": _cent(service),
            "referral_cents": _cent(referred * a.referral_reward_cents),
            "win_back_cents": _cent(won_back * a.win_back_cost_cents),
        }
        profit = money["margin_cents"] - sum(
            money[c]
            for c in ("acquisition_cents", "retention_cents", "referral_cents", "win_back_cents")
        )
        discounted = _cent(profit / (1 + a.discount_rate) ** year)
        cumulative += profit
        cumulative_discounted += discounted
        money |= {
            "profit_cents": _cent(profit),
            "discounted_profit_cents": discounted,
            "cumulative_profit_cents": _cent(cumulative),
            "cumulative_discounted_cents": _cent(cumulative_discounted),
        }
        people = {
            "customers_start": start,
            "lost": lost,
            "retained": retained,
            "acquired": acquired,
            "referred": referred,
            "won_back": won_back,
            "customers_end": float(following.sum()),
        }
        rows["year"].append(year)
        for column, value in (people | money).items():
            rows[column].append(value)
        n = following
        lost_before = lost
    schema = {"year": pl.Int64} | dict.fromkeys(_CUSTOMERS, pl.Float64)
    schema |= dict.fromkeys(_MONEY, pl.Int64)
    frame = pl.DataFrame(rows, schema=schema)
    return Projection(assumptions=a, frame=frame, bucket=_bucket(frame))


def _bucket(frame: pl.DataFrame) -> pl.DataFrame:
    parts = [("acquired", "in"), ("referred", "in"), ("won_back", "in"), ("lost", "out")]
    pieces = [
        frame.select(
            "year",
            pl.lit(part).alias("part"),
            pl.lit(direction).alias("direction"),
            pl.col(part).alias("customers"),
        )
        for part, direction in parts
    ]
    pieces.append(
        frame.select(
            "year",
            pl.lit("level").alias("part"),
            pl.lit("level").alias("direction"),
            pl.col("customers_end").alias("customers"),
        )
    )
    return pl.concat(pieces).sort("year", maintain_order=True)


def _pct(base: float, other: float) -> float | None:
    return (other - base) / abs(base) * 100 if base != 0 else None


@dataclass(frozen=True)
class Comparison:
    """Two projections side by side.

    ``money``: ``metric, base_cents, scenario_cents, difference_cents, difference_pct``
    for the horizon's revenue, margin, each spend, profit and NPV; ``customers``:
    ``metric, base, scenario, difference, difference_pct`` for the customers at the end
    and each flow summed over the horizon; ``years``: ``year``, profit and customers at
    the end in both, with the differences. ``difference = scenario − base``;
    ``difference_pct = difference / |base| × 100`` (null when the base is 0)."""

    base: Projection
    scenario: Projection
    changes: dict[str, Any]
    money: pl.DataFrame
    customers: pl.DataFrame
    years: pl.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the changes, the three frames and both projections."""
        return {
            "changes": jsonable(self.changes),
            "money": _records(self.money),
            "customers": _records(self.customers),
            "years": _records(self.years),
            "base": self.base.to_dict(),
            "scenario": self.scenario.to_dict(),
        }


def _side_by_side(base: Projection, scenario: Projection) -> tuple[pl.DataFrame, pl.DataFrame]:
    left, right = base.totals(), scenario.totals()
    money = [k for k in left if k.endswith("_cents")]
    people = [k for k in left if not k.endswith("_cents")]
    money_frame = pl.DataFrame(
        {
            "metric": money,
            "base_cents": [int(left[k]) for k in money],
            "scenario_cents": [int(right[k]) for k in money],
            "difference_cents": [int(right[k]) - int(left[k]) for k in money],
            "difference_pct": [_pct(left[k], right[k]) for k in money],
        },
        schema={
            "metric": pl.String,
            "base_cents": pl.Int64,
            "scenario_cents": pl.Int64,
            "difference_cents": pl.Int64,
            "difference_pct": pl.Float64,
        },
    )
    people_frame = pl.DataFrame(
        {
            "metric": people,
            "base": [float(left[k]) for k in people],
            "scenario": [float(right[k]) for k in people],
            "difference": [float(right[k]) - float(left[k]) for k in people],
            "difference_pct": [_pct(left[k], right[k]) for k in people],
        },
        schema={
            "metric": pl.String,
            "base": pl.Float64,
            "scenario": pl.Float64,
            "difference": pl.Float64,
            "difference_pct": pl.Float64,
        },
    )
    return money_frame, people_frame


def compare(base: Assumptions, **changes: Any) -> Comparison:
    """Simulate ``base`` and ``base`` with ``changes`` (fields of :class:`Assumptions`,
    e.g. ``retention=0.85``), side by side. An unknown name is refused
    (``retention.unknown_assumption``); the changed values are checked as in
    :class:`Assumptions`. The two projections may have different horizons (``years``):
    ``years`` then holds the years of the shorter."""
    if not isinstance(base, Assumptions):
        raise DataValidationError("retention.not_assumptions", got=type(base).__name__)
    names = [f.name for f in dataclasses.fields(Assumptions)]
    for name in changes:
        if name not in names:
            raise DataValidationError(
                "retention.unknown_assumption", name=name, allowed=", ".join(names)
            )
    scenario_inputs = dataclasses.replace(base, **changes)
    left, right = simulate(base), simulate(scenario_inputs)
    money, people = _side_by_side(left, right)
    years = (
        left.frame.select(
            "year",
            pl.col("profit_cents").alias("base_profit_cents"),
            pl.col("customers_end").alias("base_customers_end"),
        )
        .join(
            right.frame.select(
                "year",
                pl.col("profit_cents").alias("scenario_profit_cents"),
                pl.col("customers_end").alias("scenario_customers_end"),
            ),
            on="year",
            how="inner",
        )
        .with_columns(
            (pl.col("scenario_profit_cents") - pl.col("base_profit_cents")).alias(
                "difference_profit_cents"
            ),
            (pl.col("scenario_customers_end") - pl.col("base_customers_end")).alias(
                "difference_customers_end"
            ),
        )
        .sort("year")
    )
    return Comparison(
        base=left,
        scenario=right,
        changes={k: getattr(scenario_inputs, k) for k in changes},
        money=money,
        customers=people,
        years=years,
    )


def _verdict(value: float | None, low: float, high: float) -> Verdict:
    if value is None:
        return "undefined"
    if value < low:
        return "below"
    return "above" if value > high else "inside"


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


@dataclass(frozen=True)
class ChurnClaim:
    """The claim "5 points less churn raise profit by 25–85 %" on the user's numbers.

    ``profit_uplift_pct`` is the change of the horizon's profit, ``npv_uplift_pct`` of
    its NPV, in % of the base (null when the base's is ≤ 0: a % of a loss means
    nothing); ``verdict`` places the profit uplift against ``CLAIM_RANGE`` (``inside``
    includes both ends). ``sentence_key`` and ``sentence_params`` state the result
    (:meth:`sentence` renders it)."""

    points: float
    comparison: Comparison
    profit_uplift_pct: float | None
    npv_uplift_pct: float | None
    verdict: Verdict
    sentence_key: str
    sentence_params: dict[str, Any] = field(default_factory=dict)

    def sentence(self, lang: str | None = None) -> str:
        """The result in a sentence, in ``lang``."""
        return t(self.sentence_key, lang=lang, **self.sentence_params)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the uplifts, the verdict, the sentence and the comparison."""
        return {
            "points": self.points,
            "claim_range_pct": list(CLAIM_RANGE),
            "profit_uplift_pct": jsonable(self.profit_uplift_pct),
            "npv_uplift_pct": jsonable(self.npv_uplift_pct),
            "verdict": self.verdict,
            "sentence_key": self.sentence_key,
            "sentence_params": jsonable(self.sentence_params),
            "sentence": self.sentence(),
            "comparison": self.comparison.to_dict(),
        }


_CLAIM_SENTENCES: dict[str, str] = {
    "inside": "retention.claim_inside",
    "below": "retention.claim_below",
    "above": "retention.claim_above",
    "undefined": "retention.claim_undefined",
}


def churn_claim(assumptions: Assumptions, *, points: float = 5) -> ChurnClaim:
    """Test the claim that 5 points less churn raise profit by 25–85 %: simulate
    ``assumptions`` and the same with every retention rate raised by ``points`` / 100
    (capped at 1; ``points`` in (0, 100]), and compare the profit over the horizon.

    ``uplift = (profit_scenario − profit_base) / profit_base × 100``, likewise for the
    NPV; undefined when the base's profit is ≤ 0."""
    if not isinstance(assumptions, Assumptions):
        raise DataValidationError("retention.not_assumptions", got=type(assumptions).__name__)
    step = check_number("points", points, above=0, maximum=100) / 100
    rates = assumptions.retention
    raised: float | tuple[float, ...] = (
        tuple(min(1.0, r + step) for r in rates)
        if isinstance(rates, Sequence)
        else min(1.0, rates + step)
    )
    comparison = compare(assumptions, retention=raised)
    base, better = comparison.base, comparison.scenario
    profit = _pct(base.profit_cents, better.profit_cents) if base.profit_cents > 0 else None
    npv = _pct(base.npv_cents, better.npv_cents) if base.npv_cents > 0 else None
    verdict = _verdict(profit, *CLAIM_RANGE)
    return ChurnClaim(
        points=float(points),
        comparison=comparison,
        profit_uplift_pct=profit,
        npv_uplift_pct=npv,
        verdict=verdict,
        sentence_key=_CLAIM_SENTENCES[verdict],
        sentence_params={
            "points": f"{float(points):g}",
            "years": assumptions.years,
            "profit_uplift": _shown(profit),
            "npv_uplift": _shown(npv),
            "low": f"{CLAIM_RANGE[0]:g}",
            "high": f"{CLAIM_RANGE[1]:g}",
        },
    )


@dataclass(frozen=True)
class CostRatio:
    """``acquisition / retention`` cost per customer and its place against
    ``COST_RATIO_RANGE`` (5–8 ×, both ends inside; ``undefined`` when keeping costs
    nothing)."""

    acquisition_cost_cents: int
    retention_cost_cents: int
    ratio: float | None
    verdict: Verdict
    sentence_key: str
    sentence_params: dict[str, Any] = field(default_factory=dict)

    def sentence(self, lang: str | None = None) -> str:
        """The result in a sentence, in ``lang``."""
        return t(self.sentence_key, lang=lang, **self.sentence_params)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the costs, the ratio, the verdict and the sentence."""
        return {
            "acquisition_cost_cents": self.acquisition_cost_cents,
            "retention_cost_cents": self.retention_cost_cents,
            "ratio": jsonable(self.ratio),
            "claim_range": list(COST_RATIO_RANGE),
            "verdict": self.verdict,
            "sentence_key": self.sentence_key,
            "sentence_params": jsonable(self.sentence_params),
            "sentence": self.sentence(),
        }


_RATIO_SENTENCES: dict[str, str] = {
    "inside": "retention.ratio_inside",
    "below": "retention.ratio_below",
    "above": "retention.ratio_above",
    "undefined": "retention.ratio_undefined",
}


def cost_ratio_claim(
    acquisition_cost_cents: int, retention_cost_per_customer_cents: int
) -> CostRatio:
    """Test the claim that winning a new customer costs 5–8 times keeping one:
    ``ratio = acquisition_cost / retention_cost_per_customer`` (both whole cents ≥ 0)."""
    acquisition = _cents("acquisition_cost_cents", acquisition_cost_cents)
    keeping = _cents("retention_cost_per_customer_cents", retention_cost_per_customer_cents)
    ratio = acquisition / keeping if keeping > 0 else None
    verdict = _verdict(ratio, *COST_RATIO_RANGE)
    return CostRatio(
        acquisition_cost_cents=acquisition,
        retention_cost_cents=keeping,
        ratio=ratio,
        verdict=verdict,
        sentence_key=_RATIO_SENTENCES[verdict],
        sentence_params={
            "ratio": _shown(ratio),
            "low": f"{COST_RATIO_RANGE[0]:g}",
            "high": f"{COST_RATIO_RANGE[1]:g}",
        },
    )
