"""``custvalue simulate``: the retention economics what-if (docs/keeping.md §6) — the
inputs from the store with where each came from, the year-by-year projection, scenarios
side by side and the seeds' two claims stated on the user's numbers. The work is
:func:`custvalue.app.simulate.what_if`; this module parses, calls it and renders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from custvalue.cli.common import open_db
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.i18n import t

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.simulate import Baseline, WhatIf
    from custvalue.formatting import Kind

__all__ = ["register"]

_BY_TENURE = ("starting", "retention", "revenue", "service_cost")


def _retention(value: str | None) -> float | list[float] | None:
    """``0.8`` or ``0.6,0.75,0.8`` (one per tenure; full-width commas accepted)."""
    from custvalue.exceptions import DataValidationError

    if value is None:
        return None
    parts = [p.strip() for p in value.replace("，", ",").split(",")]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise DataValidationError(
            "error.option", option="--retention", value=value,
            reason=t("simulate.reason_retention"), hint=t("simulate.hint_retention"),
        ) from None  # fmt: skip
    return numbers[0] if len(numbers) == 1 else numbers


def _scenario(text: str) -> dict[str, str]:
    """``NAME=VALUE[,NAME=VALUE…]`` (full-width ＝ and ， accepted) as a mapping."""
    from custvalue.exceptions import DataValidationError

    out: dict[str, str] = {}
    for part in text.replace("，", ",").split(","):
        name, sep, number = part.replace("＝", "=").partition("=")
        if not sep or not name.strip() or not number.strip():
            raise DataValidationError(
                "error.option", option="--scenario", value=text,
                reason=t("simulate.reason_scenario"), hint=t("simulate.hint_scenario"),
            )  # fmt: skip
        out[name.strip()] = number.strip()
    return out


def _value_text(key: str, value: Any) -> str:
    from custvalue.app.simulate import INPUTS
    from custvalue.formatting import format_value

    unit = INPUTS[key][1]
    if key == "starting":
        return t("simulate.starting_total", total=format_value(sum(value), "count"))
    if key in _BY_TENURE and isinstance(value, list):
        return t("simulate.by_tenure")
    kind = {"rate": "share", "yuan": "money", "customers": "count"}[unit]
    return format_value(value, kind)  # type: ignore[arg-type]


def _basis(baseline: Baseline, key: str) -> str:
    from custvalue.formatting import format_value

    source = baseline.sources[key]
    facts: dict[str, Any] = dict(baseline.evidence.get(key, {}))
    if source == "user":
        return t("simulate.how_user")
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
    shown = {k: format_value(v, "count") if isinstance(v, int) and k not in ("from", "to", "year",
             "first", "last") else v for k, v in facts.items()}  # fmt: skip
    return t(f"simulate.how_{key}_{source}", **shown)


def _origin(baseline: Baseline, key: str) -> str:
    if key == "retention" and set(baseline.retention_sources) == {"observed", "sbg"}:
        return t("simulate.source_observed_sbg")
    return t(f"simulate.source_{baseline.sources[key]}")


def _inputs_frame(baseline: Baseline) -> pl.DataFrame:
    import polars as pl

    from custvalue.app.simulate import INPUTS

    values = baseline.inputs()
    keys = list(INPUTS)
    return pl.DataFrame(
        {
            "assumption": [t(f"simulate.input_{k}") for k in keys],
            "setting": [_value_text(k, values[k]) for k in keys],
            "origin": [_origin(baseline, k) for k in keys],
            "basis": [_basis(baseline, k) for k in keys],
        },
        schema={"assumption": pl.String, "setting": pl.String, "origin": pl.String,
                "basis": pl.String},
    )  # fmt: skip


def _tenure_frame(baseline: Baseline) -> pl.DataFrame:
    import polars as pl

    a = baseline.assumptions
    size = max(a.tenures(), len(baseline.retention_sources))
    sources = list(baseline.retention_sources)
    sources += [sources[-1]] * (size - len(sources))
    return pl.DataFrame(
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


def _projection_frame(result: WhatIf) -> pl.DataFrame:
    import polars as pl

    frame = result.projection.frame
    return frame.select(
        "year",
        pl.col("customers_start"),
        pl.col("lost").alias("customers_lost"),
        pl.col("acquired").alias("customers_acquired"),
        pl.col("referred").alias("customers_referred"),
        pl.col("won_back").alias("customers_won_back"),
        pl.col("customers_end"),
        (pl.col("revenue_cents") / 100).alias("revenue"),
        (pl.col("profit_cents") / 100).alias("profit"),
        (pl.col("cumulative_discounted_cents") / 100).alias("npv_to_date"),
    )


def _scenarios_frame(result: WhatIf) -> pl.DataFrame:
    import polars as pl

    base = result.projection
    rows: list[dict[str, Any]] = [
        {
            "scenario": t("simulate.baseline_row"),
            "customers_end": float(base.frame["customers_end"][-1]),
            "revenue": int(base.frame["revenue_cents"].sum()) / 100,
            "profit": base.profit_cents / 100,
            "npv": base.npv_cents / 100,
            "profit_change_pct": None,
        }
    ]
    for scenario in result.scenarios:
        other = scenario.comparison.scenario
        change = (
            (other.profit_cents - base.profit_cents) / abs(base.profit_cents) * 100
            if base.profit_cents
            else None
        )
        rows.append(
            {
                "scenario": scenario.label,
                "customers_end": float(other.frame["customers_end"][-1]),
                "revenue": int(other.frame["revenue_cents"].sum()) / 100,
                "profit": other.profit_cents / 100,
                "npv": other.npv_cents / 100,
                "profit_change_pct": change,
            }
        )
    return pl.DataFrame(
        rows,
        schema={"scenario": pl.String, "customers_end": pl.Float64, "revenue": pl.Float64,
                "profit": pl.Float64, "npv": pl.Float64, "profit_change_pct": pl.Float64},
    )  # fmt: skip


_CUSTOMER_COLUMNS = (
    "customers_start",
    "customers_lost",
    "customers_acquired",
    "customers_referred",
    "customers_won_back",
    "customers_end",
    "starting_customers",
)


def _claims(result: WhatIf) -> list[str]:
    from custvalue.formatting import format_value

    a = result.baseline.assumptions
    return [
        t("simulate.claim_churn_setup", points=f"{result.points:g}", years=a.years),
        result.churn.sentence(),
        t(
            "simulate.claim_ratio_setup",
            acquisition=format_value(a.acquisition_cost_cents / 100, "money"),
            keeping=format_value(result.keeping_cents / 100, "money"),
        ),
        result.cost_ratio.sentence(),
        *(t(key) for key in result.baseline.warnings if key == "simulate.warn_acquisition_cost"),
    ]


@output_options
def _simulate(
    years: Annotated[int, typer.Option("--years", help=t("simulate.opt_years"))] = 10,
    retention: Annotated[
        str | None, typer.Option("--retention", help=t("simulate.opt_retention"))
    ] = None,
    acquisition_cost: Annotated[
        float | None, typer.Option("--acquisition-cost", help=t("simulate.opt_acquisition_cost"))
    ] = None,
    margin: Annotated[float | None, typer.Option("--margin", help=t("simulate.opt_margin"))] = None,
    new: Annotated[float | None, typer.Option("--new", help=t("simulate.opt_new"))] = None,
    referral_rate: Annotated[
        float | None, typer.Option("--referral-rate", help=t("simulate.opt_referral_rate"))
    ] = None,
    win_back_rate: Annotated[
        float | None, typer.Option("--win-back-rate", help=t("simulate.opt_win_back_rate"))
    ] = None,
    discount_rate: Annotated[
        float | None, typer.Option("--discount-rate", help=t("simulate.opt_discount_rate"))
    ] = None,
    scenario: Annotated[
        list[str] | None, typer.Option("--scenario", help=t("simulate.opt_scenario"))
    ] = None,
    claims: Annotated[bool, typer.Option("--claims", help=t("simulate.opt_claims"))] = False,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.simulate import what_if

    given: dict[str, Any] = {
        "retention": _retention(retention),
        "acquisition_cost": acquisition_cost,
        "margin": margin,
        "new": new,
        "referral_rate": referral_rate,
        "win_back_rate": win_back_rate,
        "discount_rate": discount_rate,
    }
    overrides = {k: v for k, v in given.items() if v is not None}
    changes = [_scenario(text) for text in scenario or []]
    with open_db() as db:
        result = what_if(db, overrides=overrides, scenarios=changes, years=years)
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    baseline = result.baseline
    projection = _projection_frame(result)
    if fmt is Format.csv:
        emit_frame(projection, fmt)
        return
    counts: dict[str, Kind] = dict.fromkeys(_CUSTOMER_COLUMNS, "count")
    money = ("revenue", "profit", "npv", "npv_to_date", "revenue_per_customer",
             "service_cost_per_customer")  # fmt: skip
    emit_frame(
        _inputs_frame(baseline),
        fmt,
        title=t("simulate.title_inputs", first=baseline.first_year,
                last=baseline.last_complete, as_of=baseline.as_of.isoformat()),
        kinds={"basis": "text"},
        sheet=t("simulate.sheet_inputs"),
    )  # fmt: skip
    if fmt is Format.table:
        for key in baseline.warnings:
            console.print(t(key))
    emit_frame(
        _tenure_frame(baseline),
        fmt,
        title=t("simulate.title_tenure"),
        money=money,
        percent=("retention",),
        kinds={**counts, "tenure": "count"},
        sheet=t("simulate.sheet_tenure"),
    )
    emit_frame(
        projection,
        fmt,
        title=t("simulate.title_projection", years=baseline.assumptions.years),
        money=money,
        kinds=counts,
        caption=t("simulate.caption_projection",
                  rate=f"{baseline.assumptions.discount_rate * 100:g}%"),
        keep=("customers_end", "profit"),
        sheet=t("simulate.sheet_projection"),
    )  # fmt: skip
    if result.scenarios:
        emit_frame(
            _scenarios_frame(result),
            fmt,
            title=t("simulate.title_scenarios", years=baseline.assumptions.years),
            money=money,
            kinds={"customers_end": "count", "profit_change_pct": "percent"},
            sheet=t("simulate.sheet_scenarios"),
        )
    if fmt is not Format.table:
        return
    if claims:
        console.print(t("simulate.claims_title"))
        for line in _claims(result):
            console.print(line)
    else:
        console.print(t("simulate.hint_claims"))


def register(app: typer.Typer) -> None:
    """Add ``custvalue simulate``."""
    app.command("simulate", help=t("simulate.help"))(_simulate)
