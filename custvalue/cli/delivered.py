"""``custvalue delivered [FILE]``: delivered value, the choice, Anderson's test, what flips it.

Reads an offerings file (CSV/Excel, see docs/delivered.md) or, without FILE, the
offerings stored by ``custvalue import offerings`` (the demo loads the demo company's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from custvalue._validation import check_number
from custvalue.app.delivered import PARTS as app_parts
from custvalue.app.delivered import RULE_OPTIONS, delivered_analysis, in_words
from custvalue.cli.common import allowed_option, open_db, parse_map_option
from custvalue.cli.exports import output_options
from custvalue.cli.render import Format, console, emit_frame, emit_json
from custvalue.delivered.components import GROUP_NAMES, canonical_component, component_label
from custvalue.delivered.offerings import check_group, check_worth
from custvalue.exceptions import DataValidationError
from custvalue.i18n import t

__all__ = ["register"]

PARTS = ("all", *app_parts)
_MONEY = (
    "total_value",
    "total_cost",
    "price",
    "non_price_cost",
    "delivered_value",
    "episode_benefits",
    "relationship_benefits",
    "episode_sacrifices",
    "relationship_sacrifices",
    "our_value",
    "rival_value",
    "gap",
    "our_price",
    "rival_price",
    "price_premium",
    "extra_value",
    "value_needed",
    "value_advantage",
    "max_price",
    "current",
    "change",
    "flip_at",
)


def _pairs(option: str, pairs: list[str] | None, hint: str) -> dict[str, str]:
    """``NAME=VALUE`` pairs of a repeatable option (a full-width ＝ accepted)."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.replace("＝", "=").partition("=")
        if not sep or not name.strip() or not value.strip():
            raise DataValidationError(
                "error.option",
                option=option,
                value=pair,
                reason=t("cli.reason_pair"),
                hint=hint,
            )
        out[name.strip()] = value.strip()
    return out


def _worth(pairs: list[str] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, value in _pairs("--worth", pairs, t("cli.hint_worth")).items():
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            raise DataValidationError(
                "error.option",
                option="--worth",
                value=f"{name}={value}",
                reason=t("cli.reason_worth"),
                hint=t("cli.hint_worth"),
            ) from None
        out[name] = check_worth(f"--worth {name}", number)
    return out


def _groups(pairs: list[str] | None) -> dict[str, str]:
    """``--group COMPONENT=GROUP`` pairs, each GROUP a part of perceived value."""
    out = _pairs("--group", pairs, t("cli.hint_group"))
    for name, group in out.items():
        check_group(f"--group {name}", group)
    return out


def _sweep(text: str | None) -> tuple[str, list[float]] | None:
    """``--sweep COMPONENT=W1,W2,…`` as the component and its worths per point."""
    if text is None:
        return None
    name, value = next(iter(_pairs("--sweep", [text], t("cli.hint_sweep")).items()))
    try:
        worths = [float(v) for v in value.replace("，", ",").split(",") if v.strip()]
    except ValueError:
        raise DataValidationError(
            "error.option",
            option="--sweep",
            value=text,
            reason=t("cli.reason_sweep"),
            hint=t("cli.hint_sweep"),
        ) from None
    for worth in worths:
        check_worth(f"--sweep {name}", worth)
    return name, worths


@output_options
def _delivered(
    file: Annotated[Path | None, typer.Argument(help=t("cli.delivered_arg_file"))] = None,
    us: Annotated[str | None, typer.Option("--us", help=t("cli.delivered_opt_us"))] = None,
    rival: Annotated[str | None, typer.Option("--rival", help=t("cli.delivered_opt_rival"))] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help=t("cli.delivered_opt_segment"))
    ] = None,
    rule: Annotated[str, typer.Option("--rule", help=t("cli.delivered_opt_rule"))] = "both",
    part: Annotated[str, typer.Option("--part", help=t("cli.delivered_opt_part"))] = "all",
    per_point: Annotated[
        float | None, typer.Option("--per-point", help=t("cli.delivered_opt_per_point"))
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help=t("cli.delivered_opt_sheet"))] = None,
    map_: Annotated[
        list[str] | None, typer.Option("--map", help=t("cli.delivered_opt_map"))
    ] = None,
    worth: Annotated[
        list[str] | None, typer.Option("--worth", help=t("cli.delivered_opt_worth"))
    ] = None,
    group: Annotated[
        list[str] | None, typer.Option("--group", help=t("cli.delivered_opt_group"))
    ] = None,
    sweep: Annotated[str | None, typer.Option("--sweep", help=t("cli.delivered_opt_sweep"))] = None,
    fmt: Format = Format.table,
) -> None:
    allowed_option("--rule", rule, RULE_OPTIONS)
    allowed_option("--part", part, PARTS)
    if per_point is not None:
        check_number("--per-point", per_point, above=0)
    if fmt is Format.csv and part == "all":
        raise DataValidationError("cli.delivered_csv_part", parts=", ".join(PARTS[1:]))
    swept = _sweep(sweep)
    if part == "sweep" and swept is None:
        raise DataValidationError("cli.delivered_sweep_needed")
    mapping = parse_map_option(map_, hint="供方=offering")
    worths = _worth(worth)
    groups = _groups(group)
    result = delivered_analysis(
        file=file,
        store=open_db,
        us=us,
        rival=rival,
        segment=segment,
        rule=rule,
        per_point=per_point,
        sheet=sheet,
        mapping=mapping,
        worth=worths,
        groups=groups,
        sweep=swept,
    )
    parts, chosen_us, rival, rules = result.parts, result.us, result.rival, result.rules
    if fmt is Format.json:
        wanted = [p for p in PARTS[1:] if p in parts] if part == "all" else [part]
        emit_json(result.to_dict(wanted))
        return
    if fmt.spreadsheet:  # one table, or with xlsx every part as a sheet
        for name in [p for p in PARTS[1:] if p in parts] if part == "all" else [part]:
            emit_frame(parts[name], fmt, sheet=t(f"cli.delivered_part_{name}"))
        return
    _print_tables(parts, part, chosen_us, rival, rules, result.segments_without_us)
    if "offerings" in (PARTS[1:] if part == "all" else (part,)):
        _note_ungrouped(result.offerings)
    if swept is not None and part in ("all", "sweep"):
        _print_sweep(parts["sweep"], swept[0], rules)


def _print_tables(
    parts: dict[str, pl.DataFrame],
    part: str,
    us: str,
    rival: str | None,
    rules: tuple[str, ...],
    without_us: list[str],
) -> None:
    show = set(PARTS[1:]) if part == "all" else {part}
    groups = [f"{g}_value" for g in GROUP_NAMES]
    if "offerings" in show:
        totals = parts["offerings"]
        hidden = ["price", "non_price_cost", "episode_benefits", "episode_sacrifices", *groups]
        relationship = totals.select(
            (pl.col("relationship_benefits") != 0) | (pl.col("relationship_sacrifices") != 0)
        ).to_series()
        if relationship.any():
            # Ravald–Grönroos: the ratio over the whole process, beside the episode alone
            hidden.append("value_ratio")
        else:
            hidden += [
                "relationship_benefits",
                "relationship_sacrifices",
                "episode_value",
                "episode_only",
            ]
        shown = totals.drop(hidden)
        emit_frame(
            in_words(shown),
            Format.table,
            title=t("cli.delivered_title"),
            money=_MONEY,
            keep=("offering", "delivered_value"),
        )
        by_part = parts["offerings"].select("segment", "offering", *groups, "total_value")
        if not (by_part["other_value"] != 0).any():
            by_part = by_part.drop("other_value")
        emit_frame(
            in_words(by_part),
            Format.table,
            title=t("cli.delivered_parts_title"),
            money=(*_MONEY, *groups),
            keep=("offering", "total_value"),
        )
    if "choice" in show and parts["choice"].height:
        choice = parts["choice"].drop("winner_value", "runner_up_value")
        choice = choice.with_columns(
            pl.when(pl.col("tie"))
            .then(pl.lit(t("cli.delivered_tie")))
            .otherwise(pl.col("winner"))
            .alias("winner")
        )
        # the winner column says "nobody (a tie)"; the names tied at the top when there are any
        choice = choice.drop("tie") if choice["tie"].any() else choice.drop("tie", "tied")
        emit_frame(in_words(choice), Format.table, title=t("cli.delivered_choice_title"))
    table = parts["comparison"]
    if "comparison" in show:
        columns = ["segment", "rival"]
        if "difference" in rules:
            columns += ["gap", "winner_difference"]
        if "ratio" in rules:
            columns += ["v1_v2_ratio", "winner_ratio"]
        if len(rules) == 2:
            columns.append("rules_disagree")
        tie_word = pl.lit(t("cli.delivered_tie"))
        shown = table.with_columns(
            pl.when(pl.col("gap") == 0)
            .then(tie_word)
            .otherwise(pl.col("winner_difference"))
            .alias("winner_difference"),
            pl.when(pl.col("our_ratio") == pl.col("rival_ratio"))
            .then(tie_word)
            .otherwise(pl.col("winner_ratio"))
            .alias("winner_ratio"),
        )
        emit_frame(
            in_words(shown.select(columns)),
            Format.table,
            title=t("cli.delivered_vs_title", us=us),
            money=_MONEY,
            keep=("rival", "winner_difference", "winner_ratio"),
        )
        emit_frame(
            in_words(
                table.select(
                    "segment",
                    "rival",
                    "price_premium",
                    "extra_value",
                    "value_needed",
                    "anderson_pass",
                    "max_price",
                )
            ),
            Format.table,
            title=t("cli.delivered_anderson_title", us=us),
            money=_MONEY,
        )
        for row in table.iter_rows(named=True):
            if len(rules) == 2 and row["rules_disagree"]:
                console.print(
                    t(
                        "cli.delivered_disagree",
                        segment=row["segment"] or t("delivered.no_segment"),
                        rival=row["rival"],
                        by_difference=row["winner_difference"],
                        by_ratio=row["winner_ratio"],
                    )
                )
    if without_us:
        console.print(t("cli.delivered_without_us", us=us, segments=", ".join(without_us)))
    if "flip" in show:
        rivals = table["rival"].unique(maintain_order=True).to_list()
        if part == "flip" or rival is not None or len(rivals) <= 1:
            _print_flips(parts["flip"])
        else:
            console.print(t("cli.delivered_flip_hint", rivals=", ".join(rivals)))


def _print_sweep(sweep: pl.DataFrame, component: str, rules: tuple[str, ...]) -> None:
    """One row per segment and worth: the winner by each rule (a tie says so)."""
    tie = pl.lit(t("cli.delivered_tie"))
    wide = sweep.select(
        "segment",
        "worth",
        "rule",
        pl.when(pl.col("winner").is_null()).then(tie).otherwise("winner").alias("winner"),
        "rules_disagree",
    )
    out = None
    for rule in rules:
        one = wide.filter(pl.col("rule") == rule).select(
            "segment", "worth", pl.col("winner").alias(f"winner_{rule}"), "rules_disagree"
        )
        out = (
            one
            if out is None
            else out.join(
                one.drop("rules_disagree"),
                on=["segment", "worth"],
                how="left",
                maintain_order="left",
            )
        )
    if out is None:
        return
    rank = {name: i for i, name in enumerate(dict.fromkeys(sweep["segment"].to_list()))}
    out = out.sort(
        pl.col("segment").replace_strict(rank, return_dtype=pl.Int64), maintain_order=True
    )
    order = ["segment", "worth", *[f"winner_{r}" for r in rules]]
    if len(rules) == 2:
        order.append("rules_disagree")
    emit_frame(
        in_words(out.select(order)),
        Format.table,
        title=t(
            "cli.delivered_sweep_title", component=component_label(canonical_component(component))
        ),
        money=("worth",),
    )
    console.print(t("cli.delivered_sweep_note"))


def _note_ungrouped(frame: pl.DataFrame) -> None:
    """Name the value components counted as ``other`` (no part of perceived value)."""
    other = frame.filter(pl.col("group") == "other")["component"].unique(maintain_order=True)
    if other.len():
        console.print(t("cli.delivered_other_note", components=", ".join(other.to_list())))


def _print_flips(flips: pl.DataFrame) -> None:
    """One small table per segment, rival and rule: the feasible flips."""
    shown = flips.filter(pl.col("feasible"))
    groups = shown.select("segment", "rival", "rule", "winner").unique(maintain_order=True)
    for segment, rival, rule, winner in groups.iter_rows():
        rows = shown.filter(
            (pl.col("segment") == segment) & (pl.col("rival") == rival) & (pl.col("rule") == rule)
        )
        columns = ["side", "component", "current", "change", "flip_at", "change_pct"]
        if rows["change_points"].is_not_null().any():
            columns.append("change_points")
        title = t(
            "cli.delivered_flip_title",
            segment=segment or t("delivered.no_segment"),
            rival=rival,
            rule=t(f"delivered.rule_{rule}"),
            winner=winner or t("cli.delivered_tie"),
        )
        emit_frame(
            in_words(rows.select(columns)),
            Format.table,
            title=title,
            money=_MONEY,
            percent=("change_pct",),
        )
    console.print(t("cli.delivered_flip_note"))


def register(app: typer.Typer) -> None:
    """Add ``custvalue delivered`` to ``app``."""
    app.command("delivered", help=t("cli.delivered_help"))(_delivered)
