"""The pages of the workbench's foundation: login, logout, users and audit (admin).

Each route parses the request, calls one function of :mod:`custvalue.app.users` and
renders a template; a POST answers with a redirect (303) so a reload never sends it
twice.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from custvalue.app import users
from custvalue.exceptions import CustValueError
from custvalue.i18n import has_key, t
from custvalue.web.access import get_db
from custvalue.web.config import SESSION_COOKIE, WebConfig
from custvalue.web.context import caller, cookie, secure
from custvalue.web.errors import status_of
from custvalue.web.store import Database
from custvalue.web.templating import render

__all__ = ["register"]


#: the notices a redirect may ask a page to show (``?notice=``)
NOTICES = ("added", "role", "active")
PAGE = 100


def _config(request: Request) -> WebConfig:
    config: WebConfig = request.scope["state"]["config"]
    return config


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _local(target: str | None) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _users_page(
    request: Request,
    db: Database,
    *,
    after: int | None = None,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    found = users.list_users(db, limit=PAGE + 1, after=after)
    shown = found[:PAGE]
    context: dict[str, Any] = {
        "users": shown,
        "total": users.count_users(db),
        "roles": users.ROLES,
        "next_after": shown[-1].user_id if len(found) > PAGE else None,
        "notice": t(f"web.notice_{notice}") if notice in NOTICES else None,
        "error": error,
    }
    return render(request, "users.html", context, status_code=status_code)


def _done(notice: str) -> Response:
    return RedirectResponse(f"/admin/users?notice={quote(notice)}", status_code=303)


def _action_label(action: str) -> str:
    key = "web.action_" + action.replace(".", "_")
    return t(key) if has_key(key) else action


def _details_text(entry: users.AuditEntry) -> str:
    details = entry.details
    if entry.action == "user.role":
        return t(
            "web.detail_role",
            old=t(f"web.role_{details.get('from')}"),
            new=t(f"web.role_{details.get('to')}"),
        )
    if entry.action == "user.add":
        return t(f"web.role_{details.get('role')}")
    if entry.action == "login.failed":
        return t(f"web.detail_failed_{details.get('reason', 'password')}")
    if "token" in details:
        return str(details["token"])
    return "—"


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: Annotated[str | None, Query()] = None) -> Response:
        if caller(request).user is not None:
            return RedirectResponse(_local(next), status_code=303)
        return render(request, "login.html", {"next": _local(next), "name": "", "error": None})

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        name: Annotated[str, Form(max_length=200)] = "",
        password: Annotated[str, Form(max_length=1000)] = "",
        next: Annotated[str, Form(max_length=2000)] = "/",
    ) -> Response:
        config = _config(request)
        try:
            token, _session = users.log_in(
                db,
                name=name,
                password=password,
                ip=_ip(request),
                now=config.clock(),
                policy=config.policy,
                replaces=request.cookies.get(SESSION_COOKIE),
            )
        except users.LoginRefused as refused:
            context = {"next": _local(next), "name": name, "error": refused.message()}
            return render(request, "login.html", context, status_code=status_of(refused))
        response = RedirectResponse(_local(next), status_code=303)
        max_age = int(config.policy.absolute.total_seconds())
        response.headers.append(
            "set-cookie",
            cookie(
                SESSION_COOKIE,
                token,
                max_age=max_age,
                secure=secure(request, config),
                http_only=True,
            ),
        )
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
        config = _config(request)
        token = request.cookies.get(SESSION_COOKIE, "")
        users.end_session(db, token=token, ip=_ip(request), now=config.clock())
        response = RedirectResponse("/login", status_code=303)
        response.headers.append(
            "set-cookie",
            cookie(SESSION_COOKIE, "", max_age=0, secure=secure(request, config), http_only=True),
        )
        return response

    @app.get("/admin/users", include_in_schema=False)
    def users_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        after: Annotated[int | None, Query(ge=0, le=2**62)] = None,
        notice: Annotated[str | None, Query(max_length=20)] = None,
    ) -> Response:
        return _users_page(request, db, after=after, notice=notice)

    @app.post("/admin/users", include_in_schema=False)
    def add_user(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        name: Annotated[str, Form(max_length=200)] = "",
        password: Annotated[str, Form(max_length=1000)] = "",
        role: Annotated[str, Form(max_length=20)] = "viewer",
        lang: Annotated[str, Form(max_length=10)] = "",
    ) -> Response:
        who = caller(request)
        try:
            users.add_user(
                db,
                name=name,
                password=password,
                role=role,
                lang=lang or None,
                by=who.user,
                ip=_ip(request),
                now=_config(request).clock(),
            )
        except CustValueError as error:
            return _users_page(request, db, error=error.message(), status_code=status_of(error))
        return _done("added")

    @app.post("/admin/users/{user_id}/role", include_in_schema=False)
    def change_role(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        user_id: Annotated[int, Path(ge=1, le=2**62)],
        role: Annotated[str, Form(max_length=20)] = "",
    ) -> Response:
        try:
            users.set_role(
                db,
                user_id=user_id,
                role=role,
                by=caller(request).user,
                ip=_ip(request),
                now=_config(request).clock(),
            )
        except CustValueError as error:
            return _users_page(request, db, error=error.message(), status_code=status_of(error))
        return _done("role")

    @app.post("/admin/users/{user_id}/active", include_in_schema=False)
    def change_active(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        user_id: Annotated[int, Path(ge=1, le=2**62)],
        active: Annotated[str, Form(pattern="^(true|false)$")] = "false",
    ) -> Response:
        try:
            users.set_active(
                db,
                user_id=user_id,
                active=active == "true",
                by=caller(request).user,
                ip=_ip(request),
                now=_config(request).clock(),
            )
        except CustValueError as error:
            return _users_page(request, db, error=error.message(), status_code=status_of(error))
        return _done("active")

    @app.get("/admin/audit", include_in_schema=False)
    def audit_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    ) -> Response:
        found = users.list_audit(db, limit=PAGE + 1, before=before)
        shown = found[:PAGE]
        context = {
            "entries": shown,
            "total": users.count_audit(db),
            "next_before": shown[-1].audit_id if len(found) > PAGE else None,
            "action_label": _action_label,
            "details_text": _details_text,
        }
        return render(request, "audit.html", context)
