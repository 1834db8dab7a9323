"""What-if: change one condition of one alternative and compare the shares.

A change reads ``ALT:ATTR=VALUE`` (set the attribute of that alternative), or
``ALT:ATTR+=DELTA`` / ``ALT:ATTR-=DELTA`` (shift a numeric attribute), e.g.
``海尔:价格=3700``, ``TCL:保修年限+=1``, ``TCL:门店=浦口苏宁``. Full-width ``：`` and ``＝``
are accepted. A change applies to the alternative in every situation of the scenario.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from custvalue.choice.logit import ConditionalLogit
from custvalue.data.tables import parse_numbers
from custvalue.exceptions import DataValidationError

__all__ = ["Change", "WhatIf", "apply_changes", "what_if"]

Mode = Literal["set", "add", "subtract"]
_PATTERN = re.compile(r"^(?P<alt>[^:]+):(?P<attr>[^=+\-]+?)\s*(?P<op>\+=|-=|=)\s*(?P<value>.+)$")


@dataclass(frozen=True)
class Change:
    """Set (or shift) ``attribute`` of ``alternative`` to ``value``."""

    alternative: str
    attribute: str
    value: str
    mode: Mode = "set"

    @classmethod
    def parse(cls, text: str) -> Change:
        """Read ``ALT:ATTR=VALUE`` / ``ALT:ATTR+=DELTA`` / ``ALT:ATTR-=DELTA``."""
        plain = text.replace("：", ":").replace("＝", "=").replace("＋", "+").strip()
        found = _PATTERN.match(plain)
        if found is None:
            raise DataValidationError("choice.bad_change", value=text)
        modes: dict[str, Mode] = {"=": "set", "+=": "add", "-=": "subtract"}
        return cls(
            found["alt"].strip(),
            found["attr"].strip(),
            found["value"].strip(),
            modes[found["op"]],
        )

    def __str__(self) -> str:
        op = {"set": "=", "add": "+=", "subtract": "-="}[self.mode]
        return f"{self.alternative}:{self.attribute}{op}{self.value}"


@dataclass(frozen=True)
class WhatIf:
    """Shares before and after the changes, and the winners."""

    table: pl.DataFrame
    winner_before: str
    winner_after: str
    changes: tuple[Change, ...]


def apply_changes(
    model: ConditionalLogit, scenario: pl.DataFrame, changes: Sequence[Change]
) -> pl.DataFrame:
    """``scenario`` with ``changes`` applied (the input is not modified).

    Raises
    ------
    DataValidationError
        An alternative not in the scenario, an attribute the model does not use, a
        value that is not a number (numeric attribute) or not a known level, or a
        shift of a categorical attribute.
    """
    design = model._fitted()
    alt = model.alternative
    out = scenario
    known = [str(v) for v in scenario[alt].cast(pl.String).unique(maintain_order=True)]
    numeric = set(design.numeric)
    levels = {c.column: c.levels for c in design.categorical}
    for change in changes:
        if change.alternative not in known:
            raise DataValidationError(
                "choice.unknown_alternative",
                value=change.alternative,
                change=str(change),
                allowed=", ".join(known),
            )
        target = pl.col(alt).cast(pl.String) == change.alternative
        if change.attribute in numeric:
            parsed = parse_numbers(pl.Series([change.value]))
            number = parsed.values[0]
            if number is None:
                raise DataValidationError(
                    "choice.bad_change_number", value=change.value, change=str(change)
                )
            current = pl.col(change.attribute).cast(pl.Float64)
            new = {"set": pl.lit(float(number)), "add": current + number}.get(
                change.mode, current - number
            )
            out = out.with_columns(
                pl.when(target).then(new).otherwise(current).alias(change.attribute)
            )
        elif change.attribute in levels:
            if change.mode != "set" or change.value not in levels[change.attribute]:
                raise DataValidationError(
                    "choice.bad_change_level",
                    value=change.value,
                    change=str(change),
                    allowed=", ".join(levels[change.attribute]),
                )
            out = out.with_columns(
                pl.when(target)
                .then(pl.lit(change.value))
                .otherwise(pl.col(change.attribute).cast(pl.String))
                .alias(change.attribute)
            )
        else:
            raise DataValidationError(
                "choice.unknown_attribute",
                value=change.attribute,
                change=str(change),
                allowed=", ".join(design.columns),
            )
    return out


def what_if(
    model: ConditionalLogit,
    scenario: pl.DataFrame,
    changes: Sequence[Change],
    *,
    source: str | None = None,
) -> WhatIf:
    """Shares of every alternative before and after ``changes``.

    Returns
    -------
    WhatIf
        ``table``: ``alternative``, ``before_share``, ``after_share``, ``change_share``
        (after − before); the alternative with the largest share before and after.
    """
    before = model.shares(scenario, source=source)
    if not changes:
        before_only = before.rename({"share": "before_share"})
        top = _top(before_only, "before_share")
        return WhatIf(before_only, top, top, ())
    changed = apply_changes(model, scenario, changes)
    after_shares = model.shares(changed, source=source)
    table = before.rename({"share": "before_share"}).join(
        after_shares.rename({"share": "after_share"}), on="alternative", how="left"
    )
    table = table.with_columns(
        (pl.col("after_share") - pl.col("before_share")).alias("change_share")
    )
    return WhatIf(table, _top(table, "before_share"), _top(table, "after_share"), tuple(changes))


def _top(table: pl.DataFrame, column: str) -> str:
    return str(table.sort(column, descending=True, maintain_order=True)["alternative"][0])
