"""Retention economics what-if [留住老客户] from the store (docs/keeping.md §6): the inputs of
the leaky bucket (:mod:`custvalue.retention.simulator`) read from the company's own ledger,
each with where it came from, the user's numbers over them, scenarios side by side and
the seeds' two claims tested on the result.

**The inputs** (:func:`baseline_assumptions`), on the complete calendar years of the
orders (the year the latest order falls in is left out unless it ends on 31 December;
``Y₀`` the first year, ``L`` the last complete one). A customer's *cohort* is the year of
their first order (amount above 0); the simulator's tenure 1 is that year.

* ``retention`` by tenure: the observed retention of the cohorts
  (:func:`~custvalue.retention.observed_retention`: the share of last year's survivors —
  customers who bought every year since their first — who buy again), pooled over the
  cohorts (``observed``); for tenures beyond the data, the sBG model fitted to the same
  cohorts (``sbg``; when it cannot be fitted the last observed rate goes on).
* ``revenue`` and ``service_cost`` by tenure: net revenue and service costs (``costs``
  of kind ``service``) per active customer of each tenure (``observed``; no service
  costs: 0, ``default``).
* ``starting``: the customers active (an order) in ``L``, by tenure (``L − cohort + 1``):
  year 1 of the projection replays the last complete year's customer base.
* ``new``: customers acquired per year without a referral (``customers.referred_by``
  empty), the mean over ``Y₀ … L``.
* ``referral_rate``: customers acquired through a referral in year Y per customer active
  in Y − 1, pooled over ``Y₀ + 1 … L`` (``default`` 0 when no customer has
  ``referred_by`` or there is one complete year only).
* ``win_back_rate``: of the customers active in Y − 2 and not in Y − 1, the share active
  in Y, pooled over ``Y₀ + 2 … L`` (the simulator's "lost at one year's end, away a year,
  back the next"); ``default`` 0 with fewer than three complete years.
* ``margin``: ``1 − Σ cost of goods / Σ revenue`` over the orders that carry
  ``cost_cents`` (``observed``), else :data:`DEFAULT_MARGIN` (``default``).
* ``acquisition_cost`` (and ``referral_reward``): the ``acquisition`` costs of the
  customers acquired in ``Y₀ … L`` without (with) a referral, per such customer
  (``observed``); without acquisition costs 0 (``default``), with a warning: the claim
  that winning a customer costs 5–8 times keeping one needs it.
* ``win_back_cost`` 0 and ``discount_rate`` :data:`DEFAULT_DISCOUNT` (as ``custvalue
  clv score``) are ``default``: the ledger cannot say.

Every input can be set by the user (``overrides``: ``user``); money in yuan. An input the
user sets is not read from the store (a retention given needs no sBG fit).

**What-if** (:func:`what_if`): the baseline projected year by year, each scenario
(changes by name: a number sets the input, ``+x`` / ``-x`` moves it, by tenure for every
tenure, kept within its range) compared with it, and the two claims — 5 points less churn
raise profit by 25–85 %, winning a customer costs 5–8 times keeping one (keeping: the
service cost per customer and year of the baseline's projection) — stated on these numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database
    from custvalue.retention import (
        Assumptions,
        ChurnClaim,
        Comparison,
        CostRatio,
        Projection,
    )

__all__ = [
    "DEFAULT_DISCOUNT",
    "DEFAULT_MARGIN",
    "INPUTS",
    "MAX_SCENARIOS",
    "SOURCES",
    "Baseline",
    "Scenario",
    "WhatIf",
    "baseline_assumptions",
    "what_if",
]

#: the margin share of revenue when no order carries its cost of goods
DEFAULT_MARGIN = 0.30
#: the yearly discount rate when none is given (the same as ``custvalue clv score``)
DEFAULT_DISCOUNT = 0.10
#: the most scenarios one what-if compares
MAX_SCENARIOS = 10
#: where an input comes from
SOURCES = ("observed", "sbg", "default", "user")
#: the inputs a user may set, in the order shown: the simulator's field and the unit
#: (``rate`` in [0, 1], ``customers``, ``yuan`` per customer); by tenure when marked
INPUTS: dict[str, tuple[str, str, bool]] = {
    "starting": ("starting_customers", "customers", True),
    "retention": ("retention", "rate", True),
    "revenue": ("revenue_cents", "yuan", True),
    "service_cost": ("service_cost_cents", "yuan", True),
    "margin": ("margin_rate", "rate", False),
    "new": ("new_customers", "customers", False),
    "acquisition_cost": ("acquisition_cost_cents", "yuan", False),
    "referral_rate": ("referral_rate", "rate", False),
    "referral_reward": ("referral_reward_cents", "yuan", False),
    "win_back_rate": ("win_back_rate", "rate", False),
    "win_back_cost": ("win_back_cost_cents", "yuan", False),
    "discount_rate": ("discount_rate", "rate", False),
}
#: the largest number a customers or yuan input may hold
_MAX_INPUT = 1e10
_MAX_TENURES = 50


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _input_name(raw: str) -> str:
    """A user's input name (``win-back-rate``, ``win_back_rate``) as its key, else refused."""
    from custvalue.exceptions import DataValidationError

    key = str(raw).strip().lower().replace("-", "_")
    if key not in INPUTS:
        raise DataValidationError(
            "simulate.unknown_input",
            name=str(raw),
            allowed=", ".join(n.replace("_", "-") for n in INPUTS),
        )
    return key


def _check_value(label: str, key: str, value: Any) -> float | tuple[float, ...]:
    """A user's value of input ``key`` (a number, or by tenure a list), checked."""
    from custvalue._validation import check_number, check_numbers
    from custvalue.exceptions import DataValidationError

    _, unit, by_tenure = INPUTS[key]
    top = 1.0 if unit == "rate" else _MAX_INPUT
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        if not by_tenure:
            raise DataValidationError("simulate.not_by_tenure", name=label)
        if not 1 <= len(value) <= _MAX_TENURES:
            raise DataValidationError(
                "simulate.bad_length", name=label, count=len(value), maximum=_MAX_TENURES
            )
        checked = check_numbers(label, list(value), minimum=0, maximum=top)
        return tuple(float(v) for v in checked.tolist())
    return check_number(label, value, minimum=0, maximum=top)


def _to_field(key: str, value: float | tuple[float, ...]) -> Any:
    """A checked user value as the simulator holds it (yuan → whole cents)."""
    _, unit, _ = INPUTS[key]
    if unit != "yuan":
        return value
    if isinstance(value, tuple):
        return tuple(round(v * 100) for v in value)
    return round(value * 100)


def _from_field(key: str, value: Any) -> Any:
    """The simulator's value of input ``key`` in the user's units (cents → yuan)."""
    _, unit, _ = INPUTS[key]
    if unit != "yuan":
        return list(value) if isinstance(value, tuple) else value
    if isinstance(value, tuple):
        return [v / 100 for v in value]
    return value / 100


@dataclass(frozen=True)
class Baseline(Result):
    """The simulator's inputs from the store and the user, and where each came from.

    ``sources``: input name → ``observed``, ``sbg``, ``default`` or ``user``;
    ``retention_sources``: the same for each tenure's retention (1st year first);
    ``evidence``: per input, the figures it was computed from (years, counts);
    ``warnings``: catalog keys of what the user should know (an input the claims need
    that the ledger could not give); ``cohorts``: the pooled observed retention by
    tenure (0 = the acquisition year); ``sbg``: the fitted model's α, β (or ``None``)."""

    assumptions: Assumptions
    sources: dict[str, str]
    retention_sources: tuple[str, ...]
    evidence: dict[str, dict[str, Any]]
    warnings: tuple[str, ...]
    as_of: date
    first_year: int
    last_complete: int
    cohorts: pl.DataFrame
    sbg: dict[str, float] | None

    def inputs(self) -> dict[str, Any]:
        """Every input in the user's units (money in yuan, by tenure as lists)."""
        return {
            key: _from_field(key, getattr(self.assumptions, spec[0]))
            for key, spec in INPUTS.items()
        }

    def data(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "first_year": self.first_year,
            "last_complete": self.last_complete,
            "years": self.assumptions.years,
            "inputs": self.inputs(),
            "sources": dict(self.sources),
            "retention_sources": list(self.retention_sources),
            "evidence": self.evidence,
            "warnings": list(self.warnings),
            "sbg": self.sbg,
            "assumptions": self.assumptions.to_dict(),
            "cohorts": rows(self.cohorts),
        }


@dataclass(frozen=True)
class _Ledger:
    """The frames the inputs are computed from (complete years only)."""

    orders: pl.DataFrame  # customer_id, ordered_at, amount_cents, cost_cents, year
    costs: pl.DataFrame  # customer_id, cost_date, amount_cents, kind
    cohorts: pl.DataFrame  # customer_id, cohort, referred
    active: pl.DataFrame  # customer_id, year (distinct)
    first_year: int
    last: int


def _read(db: Database) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    import polars as pl

    from custvalue.exceptions import NotFoundError

    orders = db.frame(
        "SELECT customer_id, CAST(ordered_at AS DATE) AS ordered_at, amount_cents, cost_cents "
        "FROM orders"
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("ordered_at").cast(pl.Date),
        pl.col("amount_cents").cast(pl.Int64),
        pl.col("cost_cents").cast(pl.Int64),
    )
    if orders.filter(pl.col("amount_cents") > 0).is_empty():
        raise NotFoundError("simulate.no_orders", db=db.display_url)
    costs = db.frame(
        "SELECT customer_id, incurred_on AS cost_date, amount_cents, kind FROM costs"
    ).with_columns(
        pl.col("customer_id").cast(pl.String),
        pl.col("cost_date").cast(pl.Date),
        pl.col("amount_cents").cast(pl.Int64),
        pl.col("kind").cast(pl.String),
    )
    people = db.frame("SELECT customer_id, referred_by FROM customers").select(
        pl.col("customer_id").cast(pl.String),
        (
            pl.col("referred_by").is_not_null()
            & (pl.col("referred_by").cast(pl.String).str.strip_chars() != "")
        ).alias("referred"),
    )
    return orders, costs, people


def _ledger(
    orders: pl.DataFrame, costs: pl.DataFrame, people: pl.DataFrame, as_of: date, last: int
) -> _Ledger:
    import polars as pl

    kept = orders.filter(pl.col("ordered_at") <= as_of).with_columns(
        pl.col("ordered_at").dt.year().cast(pl.Int64).alias("year")
    )
    kept = kept.filter(pl.col("year") <= last)
    bought = kept.filter(pl.col("amount_cents") > 0)
    cohorts = (
        bought.group_by("customer_id")
        .agg(pl.col("year").min().alias("cohort"))
        .join(people, on="customer_id", how="left")
        .with_columns(pl.col("referred").fill_null(False))
    )
    active = bought.select("customer_id", "year").unique()
    first = int(cohorts["cohort"].min())  # type: ignore[arg-type]
    return _Ledger(
        orders=kept,
        costs=costs.filter(pl.col("cost_date") <= as_of),
        cohorts=cohorts,
        active=active,
        first_year=first,
        last=last,
    )


def _starting(ledger: _Ledger) -> tuple[tuple[float, ...], dict[str, Any]]:
    """Customers active in the last complete year, by tenure (folded at 50)."""
    import polars as pl

    tenure = (
        ledger.active.filter(pl.col("year") == ledger.last)
        .join(ledger.cohorts, on="customer_id", how="inner")
        .with_columns(
            (ledger.last - pl.col("cohort") + 1).clip(upper_bound=_MAX_TENURES).alias("tenure")
        )
        .group_by("tenure")
        .agg(pl.len().alias("n"))
    )
    counts = dict(zip(tenure["tenure"].to_list(), tenure["n"].to_list(), strict=True))
    size = ledger.last - ledger.first_year + 1
    values = tuple(float(counts.get(k, 0)) for k in range(1, min(size, _MAX_TENURES) + 1))
    return values, {"year": ledger.last, "customers": int(sum(values))}


def _new(ledger: _Ledger) -> tuple[float, dict[str, Any]]:
    """Mean customers acquired a year without a referral, over the complete years."""
    import polars as pl

    years = list(range(ledger.first_year, ledger.last + 1))
    plain = ledger.cohorts.filter(~pl.col("referred"))
    per_year = {y: int((plain["cohort"] == y).sum()) for y in years}
    mean = sum(per_year.values()) / len(years)
    return mean, {"from": years[0], "to": years[-1], "by_year": per_year}


def _referral(ledger: _Ledger) -> tuple[float | None, dict[str, Any]]:
    """Referred new customers in Y per customer active in Y − 1 (pooled), or None."""
    import polars as pl

    if not bool(ledger.cohorts["referred"].any()) or ledger.last <= ledger.first_year:
        return None, {}
    years = list(range(ledger.first_year + 1, ledger.last + 1))
    referred = ledger.cohorts.filter(pl.col("referred"))
    new = {y: int((referred["cohort"] == y).sum()) for y in years}
    base = {y: int((ledger.active["year"] == y - 1).sum()) for y in years}
    total = sum(base.values())
    if total == 0:
        return None, {}
    return sum(new.values()) / total, {
        "from": years[0],
        "to": years[-1],
        "referred": sum(new.values()),
        "active_before": total,
    }


def _win_back(ledger: _Ledger) -> tuple[float | None, dict[str, Any]]:
    """Of those active in Y − 2 and not in Y − 1, the share active in Y (pooled)."""
    if ledger.last - ledger.first_year < 2:
        return None, {}
    by_year: dict[int, set[str]] = {}
    for cid, year in ledger.active.iter_rows():
        by_year.setdefault(int(year), set()).add(str(cid))
    lost = back = 0
    years = list(range(ledger.first_year + 2, ledger.last + 1))
    for y in years:
        gone = by_year.get(y - 2, set()) - by_year.get(y - 1, set())
        lost += len(gone)
        back += len(gone & by_year.get(y, set()))
    if lost == 0:
        return None, {}
    return back / lost, {"from": years[0], "to": years[-1], "lost": lost, "won_back": back}


def _margin(ledger: _Ledger) -> tuple[float | None, dict[str, Any]]:
    """``1 − Σ cost of goods / Σ revenue`` over the orders that carry it."""
    import polars as pl

    carrying = ledger.orders.filter(
        pl.col("cost_cents").is_not_null() & (pl.col("amount_cents") > 0)
    )
    revenue = int(carrying["amount_cents"].sum())
    if revenue <= 0:
        return None, {}
    share = 1.0 - int(carrying["cost_cents"].sum()) / revenue
    if not 0 <= share <= 1:
        return None, {"out_of_range": share}
    return share, {"orders": carrying.height, "revenue_cents": revenue}


def _acquisition(ledger: _Ledger) -> dict[bool, tuple[int, int]] | None:
    """Acquisition costs of the customers acquired in the complete years, by whether
    they were referred: (cents in all, customers); None without acquisition costs."""
    import polars as pl

    spent = ledger.costs.filter(pl.col("kind") == "acquisition")
    if spent.is_empty():
        return None
    per = spent.group_by("customer_id").agg(pl.col("amount_cents").sum().alias("spent"))
    joined = ledger.cohorts.join(per, on="customer_id", how="left").with_columns(
        pl.col("spent").fill_null(0)
    )
    out: dict[bool, tuple[int, int]] = {}
    for flag in (False, True):
        part = joined.filter(pl.col("referred") == flag)
        out[flag] = (int(part["spent"].sum()), part.height)
    return out


def _by_tenure(values: list[Any]) -> tuple[int, ...]:
    """Per-tenure cents with gaps (nobody active) filled by the tenure before."""
    out: list[int] = []
    for value in values:
        out.append(int(value) if value is not None else (out[-1] if out else 0))
    return tuple(out[:_MAX_TENURES]) or (0,)


def _retention(
    cohorts: Any, needed: int
) -> tuple[tuple[float, ...], tuple[str, ...], dict[str, float] | None, tuple[str, ...]]:
    """Observed retention by tenure, extended by the sBG fit to ``needed`` tenures."""
    from custvalue.exceptions import CustValueError, DataValidationError
    from custvalue.retention import sbg_retention

    observed = cohorts.retention_by_tenure()[:_MAX_TENURES]
    if not observed:
        raise DataValidationError("simulate.no_retention", last_complete=cohorts.last_complete)
    if len(observed) >= needed:
        return observed, ("observed",) * len(observed), None, ()
    try:
        fitted = sbg_retention(cohorts, periods=needed)
    except CustValueError:
        return observed, ("observed",) * len(observed), None, ("simulate.warn_sbg_failed",)
    tail = fitted.retention_by_tenure()[len(observed) : needed]
    rates = observed + tuple(tail)
    sources = ("observed",) * len(observed) + ("sbg",) * len(tail)
    return rates, sources, {"alpha": fitted.alpha, "beta": fitted.beta}, ()


def baseline_assumptions(
    db: Database,
    *,
    years: int = 10,
    period: str = "year",
    overrides: Mapping[str, Any] | None = None,
) -> Baseline:
    """The simulator's inputs from the store (see the module docstring), ``overrides``
    (input name → value, money in yuan; by tenure a list) over them.

    ``period``: the cohorts' period; the simulator counts years, so only ``year``.
    Refuses ``simulate.no_orders`` (no order in the store), ``simulate.no_retention``
    (one complete year only, and no retention given), ``simulate.unknown_input`` and the
    checks of each value; a store whose orders all fall in the current, unfinished year
    is refused by the cohorts (``retention.no_complete_period``)."""
    import polars as pl

    from custvalue._validation import check_choice, check_number
    from custvalue.retention import Assumptions, observed_retention

    horizon = int(check_number("--years", years, minimum=1, maximum=50, integer=True))
    check_choice("--period", period, ("year",))
    given: dict[str, Any] = {}
    for raw, value in (overrides or {}).items():
        key = _input_name(raw)
        given[key] = _check_value(_option(key), key, value)
    orders, costs, people = _read(db)
    service = costs.filter(pl.col("kind") == "service").select(
        "customer_id", "cost_date", "amount_cents"
    )
    cohorts = observed_retention(
        orders.select("customer_id", "ordered_at", "amount_cents"),
        period="year",
        costs=service if service.height else None,
    )
    last = int(cohorts.last_complete)
    ledger = _ledger(orders, costs, people, cohorts.as_of, last)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    evidence: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []

    def put(key: str, value: Any, source: str, facts: dict[str, Any] | None = None) -> None:
        values[key], sources[key] = value, source
        evidence[key] = facts or {}

    starting, facts = _starting(ledger)
    put("starting", starting, "observed", facts)
    pooled = cohorts.pooled
    put("revenue", _by_tenure(pooled["revenue_per_active_cents"].to_list()), "observed")
    if service.height:
        put("service_cost", _by_tenure(pooled["cost_per_active_cents"].to_list()), "observed")
    else:
        put("service_cost", 0, "default")
    new, facts = _new(ledger)
    put("new", new, "observed", facts)
    rate, facts = _referral(ledger)
    put("referral_rate", rate or 0.0, "observed" if rate is not None else "default", facts)
    rate, facts = _win_back(ledger)
    put("win_back_rate", rate or 0.0, "observed" if rate is not None else "default", facts)
    share, facts = _margin(ledger)
    put("margin", share if share is not None else DEFAULT_MARGIN,
        "observed" if share is not None else "default", facts)  # fmt: skip
    spent = _acquisition(ledger)
    if spent is not None and spent[False][1] > 0:
        cents, count = spent[False]
        put("acquisition_cost", round(cents / count), "observed",
            {"cents": cents, "customers": count})  # fmt: skip
    else:
        put("acquisition_cost", 0, "default")
    if spent is not None and spent[True][1] > 0 and sources["referral_rate"] == "observed":
        cents, count = spent[True]
        put("referral_reward", round(cents / count), "observed",
            {"cents": cents, "customers": count})  # fmt: skip
    else:
        put("referral_reward", 0, "default")
    put("win_back_cost", 0, "default")
    put("discount_rate", DEFAULT_DISCOUNT, "default")
    sbg: dict[str, float] | None = None
    if "retention" in given:
        rates = given["retention"]
        count = len(rates) if isinstance(rates, tuple) else 1
        retention_sources: tuple[str, ...] = ("user",) * count
    else:
        needed = min(_MAX_TENURES, max(len(starting) + horizon - 1, horizon))
        rates, retention_sources, sbg, notes = _retention(cohorts, needed)
        warnings.extend(notes)
        put("retention", rates, "sbg" if "sbg" in retention_sources else "observed")
    for key, value in given.items():
        put(key, _to_field(key, value), "user")
    if sources["acquisition_cost"] == "default":
        warnings.append("simulate.warn_acquisition_cost")
    if sources["margin"] == "default":
        warnings.append("simulate.warn_margin")
    assumptions = Assumptions(
        **{INPUTS[key][0]: value for key, value in values.items()}, years=horizon
    )
    return Baseline(
        assumptions=assumptions,
        sources=sources,
        retention_sources=retention_sources,
        evidence=evidence,
        warnings=tuple(warnings),
        as_of=cohorts.as_of,
        first_year=ledger.first_year,
        last_complete=last,
        cohorts=pooled,
        sbg=sbg,
    )


@dataclass(frozen=True)
class Scenario:
    """One scenario: its label, the changes as given and as applied (user units), and
    its comparison with the baseline."""

    label: str
    given: dict[str, str]
    applied: dict[str, Any]
    comparison: Comparison

    def to_dict(self) -> dict[str, Any]:
        from custvalue.output import jsonable

        c = self.comparison
        return {
            "label": self.label,
            "given": self.given,
            "applied": jsonable(self.applied),
            "money": rows(c.money),
            "customers": rows(c.customers),
            "years": rows(c.years),
            "projection": rows(c.scenario.frame),
        }


@dataclass(frozen=True)
class WhatIf(Result):
    """The baseline, its projection, the scenarios and the two claims on these numbers.

    ``keeping_cents``: the cost of keeping a customer a year (the projection's service
    cost per customer-year) the cost-ratio claim sets against the acquisition cost."""

    baseline: Baseline
    projection: Projection
    scenarios: tuple[Scenario, ...]
    churn: ChurnClaim
    cost_ratio: CostRatio
    keeping_cents: int
    points: float = 5.0

    def data(self) -> dict[str, Any]:
        churn = self.churn.to_dict()
        churn["comparison"] = {
            "money": rows(self.churn.comparison.money),
            "customers": rows(self.churn.comparison.customers),
        }
        return {
            "baseline": self.baseline.data(),
            "projection": rows(self.projection.frame),
            "bucket": rows(self.projection.bucket),
            "totals": self.projection.totals(),
            "scenarios": [s.to_dict() for s in self.scenarios],
            "claims": {
                "churn": churn,
                "cost_ratio": self.cost_ratio.to_dict(),
                "keeping_cents": self.keeping_cents,
            },
        }


_MINUS = ("-", "−", "－")
_PLUS = ("+", "＋")


def _change(label: str, key: str, raw: Any, base: Any) -> tuple[float | tuple[float, ...], str]:
    """A scenario's value of ``key``: ``raw`` a number or list (set), or text ``+x`` /
    ``-x`` (moved from ``base``, kept within the input's range); and the text given."""
    from custvalue.exceptions import DataValidationError

    text = str(raw).strip() if isinstance(raw, str) else None
    if text is None:
        return _check_value(label, key, raw), str(raw)
    sign = 1.0 if text.startswith(_PLUS) else -1.0 if text.startswith(_MINUS) else 0.0
    body = text[1:] if sign else text
    try:
        number = float(body.strip())
    except ValueError:
        raise DataValidationError("simulate.bad_change", name=label, value=text) from None
    if not sign:
        return _check_value(label, key, number), text
    from custvalue._validation import check_number

    check_number(label, number, minimum=0, maximum=_MAX_INPUT)
    top = 1.0 if INPUTS[key][1] == "rate" else _MAX_INPUT

    def moved(value: float) -> float:
        return min(top, max(0.0, value + sign * number))

    if isinstance(base, list):
        return tuple(moved(float(v)) for v in base), text
    return moved(float(base)), text


def _scenario(baseline: Baseline, changes: Mapping[str, Any], number: int) -> Scenario:
    from custvalue.exceptions import DataValidationError
    from custvalue.retention import compare

    wanted = {k: v for k, v in changes.items() if k != "label"}
    if not wanted:
        raise DataValidationError("simulate.empty_scenario", number=number)
    inputs = baseline.inputs()
    given: dict[str, str] = {}
    applied: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for raw, value in wanted.items():
        key = _input_name(raw)
        checked, text = _change(f"--scenario {key.replace('_', '-')}", key, value, inputs[key])
        given[key], applied[key] = text, checked
        fields[INPUTS[key][0]] = _to_field(key, checked)
    label = str(changes.get("label") or ", ".join(f"{k.replace('_', '-')}={v}"
                                                   for k, v in given.items()))  # fmt: skip
    comparison = compare(baseline.assumptions, **fields)
    return Scenario(label=label, given=given, applied=applied, comparison=comparison)


def what_if(
    db: Database,
    *,
    overrides: Mapping[str, Any] | None = None,
    scenarios: Sequence[Mapping[str, Any]] = (),
    years: int = 10,
    points: float = 5.0,
) -> WhatIf:
    """The baseline (:func:`baseline_assumptions` with ``overrides``) projected year by
    year, each scenario (input name → a number, or ``"+x"`` / ``"-x"``; an optional
    ``label``) side by side with it, and the two claims stated on these numbers:
    ``points`` (default 5) less churn, and acquisition cost over the cost of keeping a
    customer a year. Refuses more than :data:`MAX_SCENARIOS` scenarios
    (``simulate.too_many_scenarios``), an empty one (``simulate.empty_scenario``) and a
    change that is neither a number nor ``+x`` / ``-x`` (``simulate.bad_change``)."""
    from custvalue.exceptions import DataValidationError
    from custvalue.retention import churn_claim, cost_ratio_claim, simulate

    if len(scenarios) > MAX_SCENARIOS:
        raise DataValidationError(
            "simulate.too_many_scenarios", count=len(scenarios), maximum=MAX_SCENARIOS
        )
    baseline = baseline_assumptions(db, years=years, overrides=overrides)
    projection = simulate(baseline.assumptions)
    compared = tuple(_scenario(baseline, s, i) for i, s in enumerate(scenarios, start=1))
    churn = churn_claim(baseline.assumptions, points=points)
    customer_years = float(projection.frame["customers_start"].sum())
    spend = int(projection.frame["retention_cents"].sum())
    keeping = round(spend / customer_years) if customer_years > 0 else 0
    ratio = cost_ratio_claim(baseline.assumptions.acquisition_cost_cents, keeping)
    return WhatIf(
        baseline=baseline,
        projection=projection,
        scenarios=compared,
        churn=churn,
        cost_ratio=ratio,
        keeping_cents=keeping,
        points=float(points),
    )
