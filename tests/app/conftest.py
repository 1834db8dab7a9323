"""A store with the demo company (200 customers) on both engines, for the app tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.data.db import Database

SEED = 20240101


@pytest.fixture
def demo_db(db: Database) -> Database:
    """``db`` holding the demo company: ledger, survey and offerings."""
    create_demo(db, ledger=generate(customers=200, seed=SEED), seed=SEED)
    return db


def json_ready(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` after a strict JSON round trip (no NaN, no dates, no frames)."""
    assert isinstance(document, dict)
    loaded: dict[str, Any] = json.loads(json.dumps(document, allow_nan=False))
    assert loaded == document
    return loaded
