"""``custvalue loyalty stages|types|at-risk|false-loyalty|promoters``: where each customer
stands on the loyalty ladder, which kind of loyalty they show, and the three lists to
act on. Each command calls :func:`custvalue.app.loyalty.loyalty` and renders one part."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from custvalue.cli.common import open_db, parse_number_pairs
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, emit_frame, emit_json
from custvalue.i18n import t

__all__ = ["register"]

_RULES = Annotated[Path | None, typer.Option("--rules", help=t("loyalty.opt_rules"))]
_TOP = Annotated[int, typer.Option("--top", help=t("loyalty.opt_top"), min=1)]
_ATTITUDE = Annotated[float, typer.Option("--attitude-high", help=t("loyalty.opt_attitude"))]
_PATRONAGE = Annotated[float, typer.Option("--patronage-high", help=t("loyalty.opt_patronage"))]


def _result(rules: Path | None, attitude: float = 9.0, patronage: float = 0.5) -> Any:
    from custvalue.app.loyalty import loyalty
    from custvalue.loyalty import load_rules

    chosen = load_rules(rules) if rules is not None else None
    with open_db() as db:
        return loyalty(db, rules=chosen, attitude_high=attitude, patronage_high=patronage)


def _words(frame: Any) -> Any:
    import polars as pl

    out = frame
    if "stage" in out.columns:
        out = out.with_columns(
            pl.col("stage").replace_strict(_labels("stage"), default=pl.col("stage"))
        )
    if "loyalty_type" in out.columns:
        out = out.with_columns(
            pl.col("loyalty_type").replace_strict(_labels("type"), default=pl.col("loyalty_type"))
        )
    return out


def _labels(kind: str) -> dict[str, str]:
    from custvalue.loyalty import LOYALTY_TYPES, STAGES

    codes = STAGES if kind == "stage" else LOYALTY_TYPES
    return {c: t(f"loyalty.{kind}_{c}") for c in codes}


@output_options
def _stages(rules: _RULES = None, fmt: Format = Format.table) -> None:
    result = _result(rules)
    if fmt is Format.json:
        emit_json({"as_of": result.as_of.isoformat(), "stages": result.to_dict()["stages"]})
        return
    emit_frame(
        _words(result.stages),
        fmt,
        title=t("loyalty.title_stages", as_of=result.as_of.isoformat()),
        percent=("share",),
        caption=t("loyalty.stages_note"),
    )


@output_options
def _types(
    rules: _RULES = None,
    attitude_high: _ATTITUDE = 9.0,
    patronage_high: _PATRONAGE = 0.5,
    fmt: Format = Format.table,
) -> None:
    result = _result(rules, attitude_high, patronage_high)
    if fmt is Format.json:
        emit_json({"as_of": result.as_of.isoformat(), "types": result.to_dict()["types"]})
        return
    emit_frame(
        _words(result.types),
        fmt,
        title=t("loyalty.title_types"),
        money=("realized_value",),
        caption=t(
            "loyalty.types_note", attitude=f"{attitude_high:g}", patronage=f"{patronage_high:g}"
        ),
    )


def _list(name: str):  # type: ignore[no-untyped-def]
    @output_options
    def command(
        rules: _RULES = None,
        top: _TOP = 20,
        attitude_high: _ATTITUDE = 9.0,
        patronage_high: _PATRONAGE = 0.5,
        fmt: Format = Format.table,
    ) -> None:
        result = _result(rules, attitude_high, patronage_high)
        frame = result.lists[name]
        if fmt is Format.json:
            emit_json(
                {"as_of": result.as_of.isoformat(), "customers": result.to_dict()["lists"][name]}
            )
            return
        shown = frame if fmt is not Format.table else frame.head(top)
        note = t(f"loyalty.note_{name}", count=frame.height)
        if name == "at_risk" and result.clv_run is None:
            note = t("loyalty.at_risk_needs_clv")
        emit_frame(
            _words(shown),
            fmt,
            title=t(f"loyalty.title_{name}"),
            money=("realized_value",),
            percent=("patronage", "p_alive"),
            caption=note,
        )

    return command


@output_options
def _total(
    weights: Annotated[str | None, typer.Option("--weights", help=t("loyalty.opt_weights"))] = None,
    method: Annotated[str, typer.Option("--method", help=t("loyalty.opt_method"))] = "percentile",
    top: _TOP = 20,
    fmt: Format = Format.table,
) -> None:
    from custvalue.app.loyalty import total_customer_value, total_note

    chosen = parse_number_pairs(
        "--weights",
        weights,
        reason=t("loyalty.opt_weights"),
        hint="consumption=40,engagement=10,referral=10,future=30,satisfaction=10",
    )
    with open_db() as db:
        result = total_customer_value(db, weights=chosen, method=method)
    if fmt is Format.json:
        emit_json(result.to_dict())
        return
    shown = result.customers if fmt is not Format.table else result.customers.head(top)
    emit_frame(
        shown,
        fmt,
        title=t("loyalty.title_total"),
        kinds={"total": "number", **dict.fromkeys(result.weights, "number")},
        caption=total_note(result),
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``custvalue loyalty ...``."""
    group = typer.Typer(help=t("loyalty.help"), no_args_is_help=True)
    group.command("stages", help=t("loyalty.stages_help"))(_stages)
    group.command("types", help=t("loyalty.types_help"))(_types)
    group.command("at-risk", help=t("loyalty.at_risk_help"))(_list("at_risk"))
    group.command("false-loyalty", help=t("loyalty.false_loyalty_help"))(_list("false_loyalty"))
    group.command("promoters", help=t("loyalty.silent_promoters_help"))(_list("silent_promoters"))
    group.command("total", help=t("loyalty.total_help"))(_total)
    app.add_typer(group, name="loyalty")
