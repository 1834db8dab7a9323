"""Shared fixtures: the store on both engines, a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from custvalue.data.db import Database, connect
from custvalue.i18n import set_lang
from tests.pg_server import PostgresServer

# Timings vary on shared machines: no per-example deadline. CI runs a fixed
# example sequence so that a red build can be replayed exactly.
settings.register_profile("custvalue", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "custvalue")


@pytest.fixture(autouse=True, scope="session")
def _cheap_passwords() -> Iterator[None]:
    """Password hashes at argon2's lowest cost: the tests log in thousands of times, and
    the cost is read from each stored hash, so verifying works the same. The product's
    own cost (the library's recommended one) is tested in tests/web/test_users_store.py."""
    from argon2 import PasswordHasher

    from custvalue.app import users

    real = users._hasher
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

    def cheap_hasher() -> PasswordHasher:
        return cheap

    cheap_hasher.real = real  # type: ignore[attr-defined]
    users._hasher = cheap_hasher  # type: ignore[assignment]
    yield
    users._hasher = real  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English unless they ask otherwise."""
    monkeypatch.setenv("CUSTVALUE_LANG", "en")
    set_lang(None)
    yield
    set_lang(None)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store URL on each engine."""
    if request.param == "duckdb":
        return str(tmp_path / "test.db")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = connect(db_url)
    try:
        yield database
    finally:
        database.close()
