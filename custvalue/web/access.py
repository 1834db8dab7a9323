"""Who may call which route: one table, checked on every request.

:data:`ROUTE_ROLES` names, for every route of the app (method and path as declared), the
least role that may call it, or ``public``. :func:`authorize` is a dependency of every
route of the app: a route missing from the table is refused to everybody (and
``tests/web/test_access.py`` fails on it); a state-changing request must carry the CSRF
token (a form field ``csrf_token`` or the ``X-CSRF-Token`` header) unless it is
authenticated by an API token, which never comes from a cookie.

The routes that are not FastAPI routes (the OpenAPI document, the static files) are
public and listed too.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Literal

from fastapi import Request

from custvalue.app.users import allows
from custvalue.web.context import caller
from custvalue.web.errors import AuthRequired, CsrfRefused, Forbidden
from custvalue.web.store import Database, open_store

__all__ = ["ROUTE_ROLES", "Access", "authorize", "get_db", "STATE_CHANGING"]

Access = Literal["public", "viewer", "analyst", "admin"]

#: (method, path) -> the least role allowed; ``public``: no login needed
ROUTE_ROLES: dict[tuple[str, str], Access] = {
    # pages
    ("GET", "/"): "viewer",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "viewer",
    ("GET", "/admin/users"): "admin",
    ("POST", "/admin/users"): "admin",
    ("POST", "/admin/users/{user_id}/role"): "admin",
    ("POST", "/admin/users/{user_id}/active"): "admin",
    ("GET", "/admin/audit"): "admin",
    ("POST", "/snapshots/refresh"): "analyst",
    ("GET", "/customers"): "viewer",
    ("GET", "/customers/{customer_id}"): "viewer",
    ("GET", "/jobs"): "viewer",
    ("GET", "/jobs/{job_id}"): "viewer",
    ("POST", "/jobs/{job_id}/cancel"): "analyst",
    ("GET", "/clv"): "viewer",
    ("POST", "/clv/score"): "analyst",
    ("POST", "/clv/validate"): "analyst",
    ("GET", "/clv/validations/{job_id}"): "viewer",
    ("GET", "/value"): "viewer",
    ("GET", "/satisfaction"): "viewer",
    ("GET", "/satisfaction/value"): "viewer",
    ("GET", "/loyalty"): "viewer",
    ("GET", "/value/delivered"): "viewer",
    ("GET", "/value/choice"): "viewer",
    ("POST", "/value/choice/fit"): "analyst",
    ("GET", "/imports"): "viewer",
    ("POST", "/imports"): "analyst",
    ("GET", "/imports/uploads/{token}"): "analyst",
    ("POST", "/imports/uploads/{token}/commit"): "analyst",
    ("POST", "/imports/uploads/{token}/discard"): "analyst",
    ("GET", "/complaints"): "viewer",
    ("POST", "/complaints"): "analyst",
    ("GET", "/complaints/{number}"): "viewer",
    ("POST", "/complaints/{number}/assign"): "analyst",
    ("POST", "/complaints/{number}/move"): "analyst",
    ("POST", "/complaints/{number}/close"): "analyst",
    ("POST", "/complaints/{number}/reopen"): "analyst",
    ("GET", "/contacts"): "viewer",
    ("POST", "/contacts/plan"): "analyst",
    ("POST", "/contacts/add"): "analyst",
    ("POST", "/contacts/log"): "analyst",
    ("POST", "/contacts/assign"): "analyst",
    ("POST", "/contacts/reassign"): "analyst",
    ("GET", "/notices"): "viewer",
    ("POST", "/notices/send"): "analyst",
    ("POST", "/notices/mail"): "admin",
    ("GET", "/cards"): "viewer",
    ("POST", "/cards/open"): "analyst",
    ("POST", "/cards/import"): "analyst",
    ("GET", "/cards/{card_id}"): "viewer",
    ("POST", "/cards/{card_id}/recharge"): "analyst",
    ("POST", "/cards/{card_id}/spend"): "analyst",
    ("POST", "/cards/{card_id}/refund"): "analyst",
    ("POST", "/cards/{card_id}/adjust"): "analyst",
    ("GET", "/winback"): "viewer",
    ("GET", "/simulate"): "viewer",
    ("GET", "/referrals"): "viewer",
    ("POST", "/referrals/bind"): "analyst",
    ("POST", "/referrals/rules"): "analyst",
    ("POST", "/referrals/goal"): "analyst",
    ("POST", "/referrals/credit"): "analyst",
    # the JSON API
    ("GET", "/api/v1/ping"): "public",
    ("GET", "/api/v1/me"): "viewer",
    ("GET", "/api/v1/users"): "admin",
    ("GET", "/api/v1/users/{user_id}"): "admin",
    ("GET", "/api/v1/overview"): "viewer",
    ("GET", "/api/v1/snapshots/freshness"): "viewer",
    ("POST", "/api/v1/snapshots/refresh"): "analyst",
    ("GET", "/api/v1/customers"): "viewer",
    ("GET", "/api/v1/customers/{customer_id}"): "viewer",
    ("GET", "/api/v1/jobs"): "viewer",
    ("GET", "/api/v1/jobs/{job_id}"): "viewer",
    ("POST", "/api/v1/jobs/{job_id}/cancel"): "analyst",
    ("GET", "/api/v1/clv/runs/latest"): "viewer",
    ("POST", "/api/v1/clv/score"): "analyst",
    ("POST", "/api/v1/clv/validate"): "analyst",
    ("GET", "/api/v1/value/tools"): "viewer",
    ("GET", "/api/v1/satisfaction/{name}"): "viewer",
    ("GET", "/api/v1/satisfaction-value"): "viewer",
    ("GET", "/api/v1/loyalty"): "viewer",
    ("GET", "/api/v1/value/delivered"): "viewer",
    ("GET", "/api/v1/value/delivered/what-if"): "viewer",
    ("GET", "/api/v1/value/choice"): "viewer",
    ("GET", "/api/v1/imports"): "viewer",
    ("POST", "/api/v1/imports/uploads"): "analyst",
    ("GET", "/api/v1/imports/uploads/{token}"): "analyst",
    ("POST", "/api/v1/imports/uploads/{token}/commit"): "analyst",
    ("POST", "/api/v1/imports/uploads/{token}/discard"): "analyst",
    # not FastAPI routes: served as they are, to everybody
    ("GET", "/openapi.json"): "public",
    ("GET", "/static/vendor/plotly.min.js"): "public",
    ("GET", "/static"): "public",
}

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def _check_csrf(request: Request, expected: str) -> None:
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get("csrf_token")
        given = value if isinstance(value, str) else None
    if not expected or not given or not secrets.compare_digest(given, expected):
        raise CsrfRefused()


async def authorize(request: Request) -> None:
    """Refuse the request unless the table allows the caller (and the CSRF token fits)."""
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    least = ROUTE_ROLES.get((request.method, path))
    if least is None:
        raise Forbidden("auth.unlisted_route", path=path, method=request.method)
    who = caller(request)
    if request.method in STATE_CHANGING and not who.via_token:
        await _check_csrf(request, who.csrf_token)
    if least == "public":
        return
    if who.user is None:
        raise AuthRequired("auth.token_required" if who.via_token else "auth.required")
    if not allows(who.user.role, least):
        raise Forbidden("auth.forbidden", role=who.user.role, needed=least)


def get_db(request: Request) -> Iterator[Database]:
    """The request's connection to the store (a dependency)."""
    with open_store(request.scope["state"]["config"].db_url) as db:
        yield db
