"""The loyalty statements: each customer's kind of loyalty and the loyalty index.

**Kinds** (the seeds, weakest to strongest): *impulse* (price-driven), *affective*
(liking), *cognitive* (informed, rational preference), *behavioural* (habit). Each kind
is measured by the statements of ``loyalty_items.toml`` tagged with it; a customer's
score on a kind is the mean agreement (1–7) with its statements, and the customer's kind
is the one with the highest score among those the customer agrees with (score at least
``agree``, default 5, "somewhat agree"); a tie goes to the stronger kind. A customer who
agrees with no kind is ``none_held``; one who answered no kind's statement is
``not_measured`` — never guessed.

**Loyalty index** over the loyalty model's five dimensions (satisfaction, experience,
value, engagement, loyalty): each dimension is 0–100, the mean over its statements of
``(score − 1) / 6 × 100`` (``(7 − score) / 6 × 100`` for a reversed statement); the
index is the mean of the dimensions the customer has, and ``dimensions`` says how many
(a dimension without an answer is missing, not zero). The caller may supply a dimension
from elsewhere (the store uses the overall satisfaction rating and the NPS answer) for
customers without a statement of it.

Answers are per respondent; several respondents of one customer (a B2B buyer's team)
are averaged per statement, using the customer's latest wave.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from custvalue.exceptions import DataValidationError

__all__ = [
    "DIMENSIONS",
    "ITEMS_FILE",
    "KINDS",
    "LoyaltyItem",
    "load_items",
    "loyalty_index",
    "loyalty_kinds",
    "match_items",
]

#: weakest to strongest
KINDS = ("impulse", "affective", "cognitive", "behavioural")
DIMENSIONS = ("satisfaction", "experience", "value", "engagement", "loyalty")
ITEMS_FILE = Path(__file__).with_name("loyalty_items.toml")


@dataclass(frozen=True)
class LoyaltyItem:
    """One statement: its id and texts, the kind and dimension it measures (either may
    be ``None``) and whether agreeing means less of the dimension."""

    id: str
    zh: str
    en: str
    kind: str | None = None
    dimension: str | None = None
    reverse: bool = False


def load_items(path: str | Path | None = None) -> tuple[LoyaltyItem, ...]:
    """The statements of ``path`` (TOML, the keys of ``loyalty_items.toml``), or the
    shipped ones."""
    source = Path(path) if path is not None else ITEMS_FILE
    try:
        data: dict[str, Any] = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataValidationError(
            "loyalty.items_unreadable", file=str(source), detail=str(exc)
        ) from None
    entries = data.get("item")
    if not isinstance(entries, list) or not entries:
        raise DataValidationError("loyalty.no_items", file=str(source))
    items: list[LoyaltyItem] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise DataValidationError(
                "loyalty.bad_item", file=str(source), number=number, key="item", value=repr(entry)
            )
        item = _item(entry, source, number)
        names = {_norm(item.id), _norm(item.zh), _norm(item.en)} - {""}
        clash = names & seen
        if clash:
            raise DataValidationError(
                "loyalty.bad_item",
                file=str(source),
                number=number,
                key="id",
                value=repr(sorted(clash)[0]),
            )
        seen |= names
        items.append(item)
    return tuple(items)


def _item(entry: dict[str, Any], source: Path, number: int) -> LoyaltyItem:
    def bad(key: str) -> DataValidationError:
        return DataValidationError(
            "loyalty.bad_item", file=str(source), number=number, key=key, value=repr(entry.get(key))
        )

    for key in ("id", "zh", "en"):
        if not isinstance(entry.get(key), str) or not str(entry[key]).strip():
            raise bad(key)
    kind, dimension = entry.get("kind"), entry.get("dimension")
    if kind is not None and kind not in KINDS:
        raise bad("kind")
    if dimension is not None and dimension not in DIMENSIONS:
        raise bad("dimension")
    if kind is None and dimension is None:
        raise bad("dimension")
    reverse = entry.get("reverse", False)
    if not isinstance(reverse, bool):
        raise bad("reverse")
    unknown = set(entry) - {"id", "zh", "en", "kind", "dimension", "reverse"}
    if unknown:
        raise bad(sorted(unknown)[0])
    return LoyaltyItem(
        str(entry["id"]).strip(),
        str(entry["zh"]).strip(),
        str(entry["en"]).strip(),
        kind,
        dimension,
        reverse,
    )


def _norm(text: str) -> str:
    return " ".join(str(text).split()).lower()


def match_items(
    answers: pl.DataFrame, items: tuple[LoyaltyItem, ...]
) -> tuple[pl.DataFrame, list[str]]:
    """``answers`` with the statement's ``item_id`` (matched by id, Chinese or English
    text, ignoring case and spacing) and the statements no entry of ``items`` matches."""
    lookup = {}
    for item in items:
        for name in (item.id, item.zh, item.en):
            lookup[_norm(name)] = item.id
    keys = pl.DataFrame(
        {"_key": list(lookup), "item_id": list(lookup.values())},
        schema={"_key": pl.String, "item_id": pl.String},
    )
    answers = answers.with_columns(
        pl.col(c).cast(pl.String) for c in ("customer_id", "wave", "item") if c in answers.columns
    ).with_columns(pl.col("score").cast(pl.Float64))
    keyed = answers.with_columns(
        pl.col("item")
        .cast(pl.String)
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .str.to_lowercase()
        .alias("_key")
    ).join(keys, on="_key", how="left")
    unmatched = sorted(keyed.filter(pl.col("item_id").is_null())["item"].unique().to_list())
    return keyed.filter(pl.col("item_id").is_not_null()).drop("_key"), unmatched


def _per_customer(answers: pl.DataFrame) -> pl.DataFrame:
    """Mean agreement per customer and statement in the customer's latest wave."""
    linked = answers.filter(pl.col("customer_id").is_not_null())
    latest = linked.group_by("customer_id").agg(pl.col("wave").max().alias("_latest"))
    return (
        linked.join(latest, on="customer_id")
        .filter(pl.col("wave") == pl.col("_latest"))
        .group_by("customer_id", "item_id")
        .agg(pl.col("score").cast(pl.Float64).mean().alias("score"))
    )


def _tagged(items: tuple[LoyaltyItem, ...]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "item_id": [i.id for i in items],
            "kind": [i.kind for i in items],
            "dimension": [i.dimension for i in items],
            "reverse": [i.reverse for i in items],
        },
        schema={
            "item_id": pl.String,
            "kind": pl.String,
            "dimension": pl.String,
            "reverse": pl.Boolean,
        },
    )


def _means(per: pl.DataFrame, by: str, value: str, names: tuple[str, ...]) -> pl.DataFrame:
    """Per customer, the mean ``value`` of each of ``names`` (a column each, null when
    the customer has none of it)."""
    wide = (
        per.group_by("customer_id", by)
        .agg(pl.col(value).mean())
        .pivot(on=by, index="customer_id", values=value)
    )
    missing = [n for n in names if n not in wide.columns]
    wide = wide.with_columns(pl.lit(None, pl.Float64).alias(n) for n in missing)
    return wide.select("customer_id", *names)


def loyalty_kinds(
    answers: pl.DataFrame,
    items: tuple[LoyaltyItem, ...] | None = None,
    *,
    agree: float = 5.0,
) -> pl.DataFrame:
    """One row per customer who answered: the mean agreement with each kind's
    statements (``impulse`` … ``behavioural``, null when none answered) and
    ``loyalty_kind``. ``answers``: ``customer_id, wave, item, score`` (1–7)."""
    from custvalue._validation import check_number

    agree = check_number("agree", agree, minimum=1, maximum=7)
    items = items if items is not None else load_items()
    matched, _ = match_items(answers, items)
    per = (
        _per_customer(matched)
        .join(_tagged(items), on="item_id")
        .filter(pl.col("kind").is_not_null())
    )
    customers = matched.filter(pl.col("customer_id").is_not_null()).select("customer_id").unique()
    wide = _means(per, "kind", "score", KINDS)
    table = customers.join(wide, on="customer_id", how="left")
    best = pl.max_horizontal(*KINDS)
    choice = (
        pl.when(pl.all_horizontal(*(pl.col(k).is_null() for k in KINDS)))
        .then(pl.lit("not_measured"))
        .when(best < agree)
        .then(pl.lit("none_held"))
        # strongest first, so that a tie (equal best score) goes to the stronger kind
        .when(pl.col("behavioural") == best)
        .then(pl.lit("behavioural"))
        .when(pl.col("cognitive") == best)
        .then(pl.lit("cognitive"))
        .when(pl.col("affective") == best)
        .then(pl.lit("affective"))
        .when(pl.col("impulse") == best)
        .then(pl.lit("impulse"))
    )
    return table.with_columns(choice.otherwise(pl.lit("not_measured")).alias("loyalty_kind")).sort(
        "customer_id"
    )


def loyalty_index(
    answers: pl.DataFrame,
    items: tuple[LoyaltyItem, ...] | None = None,
    *,
    supplied: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per customer: the five dimensions (0–100, null when not measured), the
    ``loyalty_index`` (their mean over the dimensions present) and ``dimensions`` (how
    many). ``supplied``: optional ``customer_id`` and any of the dimension columns
    (0–100), used where the customer has no statement of that dimension."""
    items = items if items is not None else load_items()
    matched, _ = match_items(answers, items)
    per = (
        _per_customer(matched)
        .join(_tagged(items), on="item_id")
        .filter(pl.col("dimension").is_not_null())
        .with_columns(
            pl.when(pl.col("reverse"))
            .then((7 - pl.col("score")) / 6 * 100)
            .otherwise((pl.col("score") - 1) / 6 * 100)
            .alias("points")
        )
    )
    table = _means(per, "dimension", "points", DIMENSIONS)
    if supplied is not None and supplied.height:
        given = [d for d in DIMENSIONS if d in supplied.columns]
        extra = supplied.select(
            pl.col("customer_id").cast(pl.String),
            *(pl.col(d).cast(pl.Float64).alias(f"_{d}") for d in given),
        )
        table = table.join(extra, on="customer_id", how="full", coalesce=True).with_columns(
            pl.coalesce(d, f"_{d}").alias(d) for d in given
        )
        table = table.drop([f"_{d}" for d in given])
    present = pl.sum_horizontal(*(pl.col(d).is_not_null().cast(pl.Int64) for d in DIMENSIONS))
    return (
        table.with_columns(present.alias("dimensions"))
        .filter(pl.col("dimensions") > 0)
        .with_columns(
            (pl.sum_horizontal(*DIMENSIONS) / pl.col("dimensions")).alias("loyalty_index")
        )
        .select("customer_id", "loyalty_index", "dimensions", *DIMENSIONS)
        .sort("customer_id")
    )
