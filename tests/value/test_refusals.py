"""Refusals of the firm-side value package, by message code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import polars as pl
import pytest

from custvalue.exceptions import DataValidationError
from custvalue.value import customer_values, ledger_from_frames, yearly_values

ORDERS = pl.DataFrame(
    {
        "customer_id": ["A", "B"],
        "ordered_at": [datetime(2020, 1, 1), datetime(2020, 2, 1)],
        "amount": [10.0, 20.0],
    }
)


@pytest.mark.parametrize("values", [customer_values, yearly_values])
@pytest.mark.parametrize(
    ("customers", "chain"),
    [
        ({"customer_id": ["A", "B"], "referred_by": ["B", "A"]}, ("A → B → A", "B → A → B")),
        ({"customer_id": ["A", "B"], "referred_by": [None, "B"]}, ("B → B",)),
        (
            {"customer_id": ["A", "B", "C"], "referred_by": ["C", "A", "B"]},
            ("A → C → B → A", "B → A → C → B", "C → B → A → C"),
        ),
    ],
)
def test_a_referral_cycle_is_refused_with_its_chain(
    values: Callable[..., pl.DataFrame],
    customers: dict[str, list[str | None]],
    chain: tuple[str, ...],
) -> None:
    ledger = ledger_from_frames(ORDERS, customers=pl.DataFrame(customers))
    with pytest.raises(DataValidationError) as caught:
        values(ledger)
    assert caught.value.code == "validation.referral_cycle"
    assert caught.value.params["chain"] in chain
    assert caught.value.params["chain"] in caught.value.message("zh")
