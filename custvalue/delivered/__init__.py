"""Customer delivered value (Kotler), Anderson's test, Ravald–Grönroos episode value,
what flips the customer's choice and how it moves with the worth of a point. See
docs/delivered.md."""

from custvalue.delivered.components import STANDARD, canonical_component, component_label
from custvalue.delivered.files import example_path, read_offerings
from custvalue.delivered.flip import flip_points
from custvalue.delivered.offerings import prepare
from custvalue.delivered.sweep import worth_sweep
from custvalue.delivered.value import Comparison, compare, delivered_value, market_choice

__all__ = [
    "STANDARD",
    "Comparison",
    "canonical_component",
    "compare",
    "component_label",
    "delivered_value",
    "example_path",
    "flip_points",
    "market_choice",
    "prepare",
    "read_offerings",
    "worth_sweep",
]
