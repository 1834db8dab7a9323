"""The workbench in process: an app on a fresh store, a clock the test sets, users of
every role, and a client that logs in as one of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from custvalue.app import users
from custvalue.data.db import connect
from custvalue.web import create_app
from custvalue.web.store import close_pools

PASSWORD = "correct horse battery"
ROLES = ("viewer", "analyst", "admin")


class Clock:
    """The time the app sees; a test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Workbench:
    app: FastAPI
    url: str
    clock: Clock

    def client(self, **kwargs: object) -> TestClient:
        return TestClient(self.app, **kwargs)  # type: ignore[arg-type]


def make_workbench(url: str) -> Workbench:
    with connect(url) as db:
        for role in ROLES:
            users.add_user(db, name=role, password=PASSWORD, role=role)
    clock = Clock()
    return Workbench(create_app(url, clock=clock), url, clock)


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Workbench]:
    """The workbench on a DuckDB file with a viewer, an analyst and an admin."""
    made = make_workbench(str(tmp_path / "web.db"))
    yield made
    made.app.state.anchor.close()


@pytest.fixture
def engine_bench(db_url: str) -> Iterator[Workbench]:
    """The same on each engine."""
    made = make_workbench(db_url)
    yield made
    made.app.state.anchor.close()
    close_pools(made.url)


_HIDDEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    found = _HIDDEN.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD, **form: str) -> object:
    """Open the login page and send its form; the response (not followed)."""
    page = client.get("/login")
    data = {"name": name, "password": password, "csrf_token": csrf_of(page.text), **form}
    return client.post("/login", data=data, follow_redirects=False)


def logged_in(bench: Workbench, role: str, **kwargs: object) -> TestClient:
    """A client with a session of the user of ``role``."""
    client = bench.client(**kwargs)
    response = log_in(client, role)
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    return client


def csrf(client: TestClient) -> str:
    """The session's CSRF token (read from the home page's logout form)."""
    return csrf_of(client.get("/").text)
