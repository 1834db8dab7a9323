"""``custvalue loyalty stages|types|kinds|index|at-risk|false-loyalty|promoters|total``:
where each customer stands on the loyalty ladder, which kind of loyalty they show, the
loyalty index, the three lists to act on and the total customer value. Each command
calls :func:`custvalue.app.loyalty.loyalty` (or ``total_customer_value``) and renders
one part."""

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
_ATTITUDE = Annotated[
    float, typer.Option("--attitude-high", help=t("loyalty.opt_attitude"), min=0, max=10)
]
_PATRONAGE = Annotated[
    float, typer.Option("--patronage-high", help=t("loyalty.opt_patronage"), min=0, max=1)
]


_ITEMS = Annotated[Path | None, typer.Option("--items", help=t("loyalty.opt_items"))]
_AGREE = Annotated[float, typer.Option("--agree", help=t("loyalty.opt_agree"), min=1, max=7)]


def _result(
    rules: Path | None,
    attitude: float = 9.0,
    patronage: float = 0.5,
    items: Path | None = None,
    agree: float = 5.0,
) -> Any:
    from custvalue.app.loyalty import loyalty
    from custvalue.loyalty import load_items, load_rules

    chosen = load_rules(rules) if rules is not None else None
    statements = load_items(items) if items is not None else None
    with open_db() as db:
        return loyalty(
            db,
            rules=chosen,
            attitude_high=attitude,
            patronage_high=patronage,
            items=statements,
            agree=agree,
        )


def _words(frame: Any) -> Any:
    import polars as pl

    out = frame
    if "stage" in out.columns:
        out = out.with_columns(
            pl.col("stage").replace_strict(_labels("stage"), default=pl.col("stage"))
        )
    for column, kind in (("loyalty_kind", "kind"), ("dimension", "dimension")):
        if column in out.columns:
            out = out.with_columns(
                pl.col(column).replace_strict(_labels(kind), default=pl.col(column))
            )
    if "loyalty_type" in out.columns:
        out = out.with_columns(
            pl.col("loyalty_type").replace_strict(_labels("type"), default=pl.col("loyalty_type"))
        )
    return out


def _labels(kind: str) -> dict[str, str]:
    from custvalue.loyalty import DIMENSIONS, KINDS, LOYALTY_TYPES, STAGES

    codes = {
        "stage": STAGES,
        "type": LOYALTY_TYPES,
        "kind": (*KINDS, "none_held", "not_measured"),
        "dimension": (*DIMENSIONS, "loyalty_index"),
    }[kind]
    return {c: t(f"loyalty.{kind}_{c}") for c in codes}


def _notes(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


@output_options
def _kinds(items: _ITEMS = None, agree: _AGREE = 5.0, fmt: Format = Format.table) -> None:
    from custvalue.app.loyalty import kinds_note, unmatched_note

    result = _result(None, items=items, agree=agree)
    if fmt is Format.json:
        emit_json({"as_of": result.as_of.isoformat(), "kinds": result.to_dict()["kinds"],
                   "unmatched": list(result.unmatched)})  # fmt: skip
        return
    emit_frame(
        _words(result.kinds),
        fmt,
        title=t("loyalty.title_kinds"),
        money=("realized_value",),
        caption=_notes(kinds_note(result), unmatched_note(result)),
    )


@output_options
def _index(items: _ITEMS = None, top: _TOP = 20, fmt: Format = Format.table) -> None:
    import polars as pl

    from custvalue.app.loyalty import index_note, unmatched_note
    from custvalue.loyalty import DIMENSIONS

    result = _result(None, items=items)
    table = (
        result.customers.filter(pl.col("loyalty_index").is_not_null())
        .select("customer_id", "name", "loyalty_index", "dimensions",
                *(f"index_{d}" for d in DIMENSIONS), "loyalty_kind")
        .sort(["dimensions", "loyalty_index", "customer_id"], descending=[True, True, False])
    )  # fmt: skip
    if fmt is Format.json:
        emit_json({"as_of": result.as_of.isoformat(),
                   "dimensions": result.to_dict()["dimensions"],
                   "customers": table.to_dicts()})  # fmt: skip
        return
    shown = table if fmt is not Format.table else table.head(top)
    emit_frame(
        _words(shown),
        fmt,
        title=t("loyalty.title_index"),
        # 0–100 points: one decimal in every column ("count" formats fractions so)
        kinds=dict.fromkeys(["loyalty_index", *(f"index_{d}" for d in DIMENSIONS)], "count"),
        caption=_notes(index_note(result), unmatched_note(result)),
    )


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
    group.command("kinds", help=t("loyalty.kinds_help"))(_kinds)
    group.command("index", help=t("loyalty.index_help"))(_index)
    group.command("at-risk", help=t("loyalty.at_risk_help"))(_list("at_risk"))
    group.command("false-loyalty", help=t("loyalty.false_loyalty_help"))(_list("false_loyalty"))
    group.command("promoters", help=t("loyalty.silent_promoters_help"))(_list("silent_promoters"))
    group.command("total", help=t("loyalty.total_help"))(_total)
    app.add_typer(group, name="loyalty")
