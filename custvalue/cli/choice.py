"""``custvalue choice fit | predict``: why customers choose (conditional logit).

``fit`` reads a long choice file (one row per alternative per situation), estimates the
weights and prints coefficients with standard errors, z and p values, willingness to
pay, the log-likelihood and McFadden's ρ²; ``--save`` writes the model as JSON.
``predict`` loads that model and prints the choice shares for a scenario file, and the
shares before and after each ``--change ALT:ATTR=VALUE``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from custvalue.cli.common import allowed_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t
from custvalue.output import check_writable

__all__ = ["register"]

_SITUATION = Annotated[str | None, typer.Option("--situation", help=t("cli.choice_opt_situation"))]
_ALTERNATIVE = Annotated[
    str | None, typer.Option("--alternative", help=t("cli.choice_opt_alternative"))
]
_SHEET = Annotated[str | None, typer.Option("--sheet", help=t("cli.choice_opt_sheet"))]


def _categorical(values: list[str] | None) -> dict[str, str | None]:
    """``COL`` or ``COL=REFERENCE`` pairs."""
    out: dict[str, str | None] = {}
    for item in values or []:
        column, sep, reference = item.replace("＝", "=").partition("=")
        if not column.strip() or (sep and not reference.strip()):
            raise DataValidationError(
                "error.option",
                option="--categorical",
                value=item,
                reason=t("cli.choice_opt_categorical"),
                hint="品牌=TCL",
            )
        out[column.strip()] = reference.strip() if sep else None
    return out


@output_options
def _fit(
    file: Annotated[Path, typer.Argument(help=t("cli.choice_arg_file"))],
    situation: _SITUATION = None,
    alternative: _ALTERNATIVE = None,
    chosen: Annotated[str | None, typer.Option("--chosen", help=t("cli.choice_opt_chosen"))] = None,
    price: Annotated[str | None, typer.Option("--price", help=t("cli.choice_opt_price"))] = None,
    categorical: Annotated[
        list[str] | None, typer.Option("--categorical", help=t("cli.choice_opt_categorical"))
    ] = None,
    attribute: Annotated[
        list[str] | None, typer.Option("--attribute", help=t("cli.choice_opt_attribute"))
    ] = None,
    weight: Annotated[str | None, typer.Option("--weight", help=t("cli.choice_opt_weight"))] = None,
    asc: Annotated[bool, typer.Option("--asc", help=t("cli.choice_opt_asc"))] = False,
    asc_reference: Annotated[
        str | None, typer.Option("--asc-reference", help=t("cli.choice_opt_asc_reference"))
    ] = None,
    method: Annotated[str, typer.Option("--method", help=t("cli.choice_opt_method"))] = "newton",
    save: Annotated[Path | None, typer.Option("--save", help=t("cli.choice_opt_save"))] = None,
    sheet: _SHEET = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.choice import ConditionalLogit, read_choices, save_model
    from custvalue.choice.optimize import METHODS

    allowed_option("--method", method, METHODS)
    if save is not None:
        check_writable(save)
    table = read_choices(
        file,
        situation=situation,
        alternative=alternative,
        chosen=chosen,
        weight=weight,
        attributes=attribute,
        categorical=_categorical(categorical),
        sheet=sheet,
    )
    model = ConditionalLogit(
        attributes=list(table.numeric),
        categorical=table.categorical,
        asc=asc,
        asc_reference=asc_reference,
        price=price,
        weight="weight" if table.weight else None,
        method=method,
    ).fit(table.rows, source=table.file, headers=table.headers)
    if save is not None:
        save_model(model, save)
    summary = model.summary()
    stats: dict[str, Any] = {
        "log_likelihood": model.log_likelihood_,
        "null_log_likelihood": model.null_log_likelihood_,
        "rho_squared": model.rho_squared_,
        "situations": model.n_situations_,
        "rows": model.n_rows_,
        "iterations": model.iterations_,
        "price": price,
        "saved": None if save is None else str(save),
    }
    if fmt is Format.json:
        emit_json({"coefficients": summary.to_dicts(), **stats})
        return
    if fmt.spreadsheet:
        emit_frame(summary, fmt)
        return
    shown = summary.drop("lower_95", "upper_95")
    emit_frame(
        shown,
        Format.table,
        title=t("cli.choice_fit_title", file=table.file),
        money=[c for c in ("wtp", "wtp_std_error") if c in shown.columns],
        kinds={c: "estimate" for c in ("estimate", "std_error", "z_value", "p_value")},
    )
    console.print(t("cli.choice_fit_stats", **stats))
    if price is not None:
        console.print(t("cli.choice_wtp_note", price=price))
    if save is not None:
        console.print(t("cli.choice_saved", path=str(save)))


@output_options
def _predict(
    scenario: Annotated[Path, typer.Argument(help=t("cli.choice_arg_scenario"))],
    model_path: Annotated[Path, typer.Option("--model", help=t("cli.choice_opt_model"))],
    change: Annotated[
        list[str] | None, typer.Option("--change", help=t("cli.choice_opt_change"))
    ] = None,
    situation: _SITUATION = None,
    alternative: _ALTERNATIVE = None,
    sheet: _SHEET = None,
    fmt: Format = Format.table,
) -> None:
    from custvalue.choice import (
        Change,
        apply_changes,
        deterministic_choice,
        load_model,
        read_scenario,
        what_if,
    )

    model = load_model(model_path)
    changes = [Change.parse(c) for c in change or []]
    rows, headers, file = read_scenario(
        scenario, model, situation=situation, alternative=alternative, sheet=sheet
    )
    proba = model.predict_proba(rows, source=file, headers=headers)
    result = what_if(model, rows, changes, source=file)
    after = model.predict_proba(apply_changes(model, rows, changes)) if changes else proba
    one = proba["situation"].n_unique() == 1
    rule = deterministic_choice(after, value="utility", situation="situation", scale="utility")
    table = result.table
    if one:
        utilities = proba.select("alternative", "utility")
        if changes:
            utilities = utilities.rename({"utility": "utility_before"}).join(
                after.select("alternative", pl.col("utility").alias("utility_after")),
                on="alternative",
            )
        table = utilities.join(table, on="alternative", how="left")
    if not changes:
        table = table.rename({"before_share": "share"})
    data: dict[str, Any] = {
        "shares": table.to_dicts(),
        "winner": result.winner_after,
        "rule": rule.to_dicts(),
        "changes": [str(c) for c in changes],
        "winner_before": result.winner_before,
        "winner_after": result.winner_after,
    }
    if fmt is Format.json:
        emit_json(data)
        return
    if fmt.spreadsheet:
        emit_frame(table, fmt)
        return
    title = (
        t("cli.choice_whatif_title", file=file, changes="; ".join(map(str, changes)))
        if changes
        else t("cli.choice_predict_title", file=file, situations=proba["situation"].n_unique())
    )
    emit_frame(table, Format.table, title=title)
    if changes:
        console.print(
            t("cli.choice_winner_change", before=result.winner_before, after=result.winner_after)
        )
    else:
        console.print(t("cli.choice_winner", winner=result.winner_after))
    if not one:
        _print_situations(after, rule)
    if one:
        first = rule.row(0, named=True)
        console.print(
            t(
                "cli.choice_rule",
                winner=first["winner"],
                runner_up=first["runner_up"] or "—",
                difference=first["difference"] if first["difference"] is not None else 0.0,
                ratio=first["ratio"] if first["ratio"] is not None else 1.0,
            )
        )


def _print_situations(after: pl.DataFrame, rule: pl.DataFrame) -> None:
    """Several situations: each one's shares and its winner by the deterministic rule."""
    emit_frame(
        after.select("situation", "alternative", "utility", pl.col("probability").alias("share")),
        Format.table,
        title=t("cli.choice_by_situation_title"),
        percent=("share",),
    )
    emit_frame(
        rule.select(
            "situation", "winner", "runner_up", "difference", pl.col("ratio").alias("v1_v2")
        ),
        Format.table,
        title=t("cli.choice_rule_by_situation_title"),
    )


def register(app: typer.Typer) -> None:
    """Add ``custvalue choice ...``."""
    group = typer.Typer(help=t("cli.choice_help"), no_args_is_help=True)
    group.command("fit", help=t("cli.choice_fit_help"))(_fit)
    group.command("predict", help=t("cli.choice_predict_help"))(_predict)
    app.add_typer(group, name="choice")
