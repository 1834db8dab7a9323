"""Every route against every role: the table in custvalue.web.access is the truth, and
every route of the app is in it."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount, Route

from custvalue.app.users import ROLES, allows
from custvalue.web.access import ROUTE_ROLES, STATE_CHANGING
from tests.web.conftest import Workbench, csrf, logged_in


def _declared(app: object) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for route in app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Mount):
            found.add(("GET", route.path))
        elif isinstance(route, APIRoute | Route):
            found.update((m, route.path) for m in route.methods or () if m != "HEAD")
        else:
            raise AssertionError(f"a route of an unknown kind: {route!r}")
    return found


def test_every_route_is_in_the_role_table_and_no_more(bench: Workbench) -> None:
    declared = _declared(bench.app)
    assert declared - set(ROUTE_ROLES) == set(), "add these routes to ROUTE_ROLES"
    assert set(ROUTE_ROLES) - declared == set(), "ROUTE_ROLES names routes that do not exist"


def test_routes_outside_fastapi_are_public(bench: Workbench) -> None:
    """Only FastAPI routes have the authorize dependency: anything else must be public."""
    for route in bench.app.routes:
        if not isinstance(route, APIRoute):
            assert ROUTE_ROLES[("GET", route.path)] == "public", route.path


def _concrete(path: str, user_id: int) -> str:
    return path.replace("{user_id}", str(user_id))


CALLERS = ("anonymous", *ROLES)


@pytest.mark.parametrize("who", CALLERS)
def test_the_role_matrix(bench: Workbench, who: str) -> None:
    client = bench.client() if who == "anonymous" else logged_in(bench, who)
    token = csrf(client) if who != "anonymous" else client.cookies.get("cv_csrf", "")
    if who == "anonymous":
        client.get("/login")
        token = client.cookies["cv_csrf"]
    for (method, path), least in sorted(ROUTE_ROLES.items()):
        if path == "/static":
            path = "/static/app.css"
        if path in {"/logout", "/login"} and method == "POST":
            continue  # they end or replace the session: checked in test_login.py
        url = _concrete(path, 2)  # the analyst: never the last admin
        headers = {"x-csrf-token": token} if method in STATE_CHANGING else {}
        data = {"role": "analyst", "active": "true"} if method == "POST" else None
        response = client.request(method, url, headers=headers, data=data, follow_redirects=False)
        allowed = least == "public" or (who != "anonymous" and allows(who, least))
        where = f"{who} {method} {url} -> {response.status_code}"
        if allowed:
            assert response.status_code not in (401, 403), where
            assert response.status_code < 500, where
            if url.startswith("/admin/") or url == "/":
                assert not response.headers.get("location", "").startswith("/login"), where
        elif who == "anonymous":
            if url.startswith("/api/"):
                assert response.status_code == 401, where
                assert response.json()["code"] == "auth.required", where
            else:
                assert response.status_code == 303, where
                assert response.headers["location"].startswith("/login?next="), where
        else:
            assert response.status_code == 403, where
            if url.startswith("/api/"):
                assert response.json()["code"] == "auth.forbidden", where
            else:
                assert "does not allow this" in response.text, (
                    where,
                    re.findall(r"alert.*", response.text),
                )


def test_a_route_missing_from_the_table_is_refused_to_everybody(bench: Workbench) -> None:
    @bench.app.get("/api/v1/forgotten")
    def forgotten() -> dict[str, str]:
        return {"secret": "x"}

    admin = logged_in(bench, "admin")
    response = admin.get("/api/v1/forgotten")
    assert response.status_code == 403
    assert response.json()["code"] == "auth.unlisted_route"
    assert ("GET", "/api/v1/forgotten") in _declared(bench.app) - set(ROUTE_ROLES)
