"""custvalue: customer value management.

What each customer is worth to the company (realized, influence and sustained
value; predictive CLV), why customers choose us or a rival, and how satisfied
and loyal they are.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
