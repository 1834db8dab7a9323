"""The seeds' forward-looking formulas as plain functions (SPEC §1.2).

They take planning figures (not transactions) and are used for what-if
estimates; the ledger-based figures are in :mod:`custvalue.value.firm`.
"""

from __future__ import annotations

from custvalue.exceptions import DataValidationError

__all__ = ["basic_value", "seed_customer_value", "sustained_value"]


def _non_negative(**values: float) -> None:
    for name, value in values.items():
        if value < 0:
            raise DataValidationError(
                "validation.choice", name=name, got=value, allowed="a number >= 0"
            )


def basic_value(
    *, lifetime_periods: float, purchases_per_period: float, average_order_value: float
) -> float:
    """Basic value = average lifetime × purchases per period × average order value.

    Examples
    --------
    >>> basic_value(lifetime_periods=5, purchases_per_period=2, average_order_value=400)
    4000.0
    """
    _non_negative(lifetime_periods=lifetime_periods, purchases_per_period=purchases_per_period)
    return float(lifetime_periods * purchases_per_period * average_order_value)


def seed_customer_value(*, basic: float, value_added: float, cost: float) -> float:
    """Customer value = basic value + value-added − cost (客户价值 = 基本价值 + 增值价值 − 代价).

    ``basic``: what the customer's purchases of the goods bring (:func:`basic_value`);
    ``value_added``: the value of the added services they buy or that raise their loyalty
    (after-sales service, fast response, consulting …), not up-sell or cross-sell;
    ``cost``: the direct and indirect cost of keeping them.

    Examples
    --------
    >>> seed_customer_value(basic=4000, value_added=1150, cost=1250)
    3900.0
    """
    return float(basic + value_added - cost)


def sustained_value(
    *,
    expected_transactions: float,
    average_purchase: float,
    acquisition_and_service_cost: float,
    referral_net_revenue: float = 0.0,
) -> float:
    """Customer sustained value (客户持续价值).

    = expected transactions × average purchase − cost of acquiring and
    serving + net revenue from referred customers.

    Examples
    --------
    The "1 = 12800" customer: 9 purchases averaging 661.11 元 (5,950 元), 1,250 元
    of cost and 8,100 元 from the customers A brought in:

    >>> round(sustained_value(expected_transactions=9, average_purchase=5950 / 9,
    ...     acquisition_and_service_cost=1250, referral_net_revenue=8100), 2)
    12800.0
    """
    _non_negative(expected_transactions=expected_transactions)
    return float(
        expected_transactions * average_purchase
        - acquisition_and_service_cost
        + referral_net_revenue
    )
