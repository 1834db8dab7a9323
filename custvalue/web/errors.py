"""One error shape for every failure: ``{"status", "code", "message", "details"}``.

The project's own errors (:class:`~custvalue.exceptions.CustValueError`) carry their
message key and parameters; the framework's (an unknown path, a method a route does not
take, a request that fails validation) get keys of their own. The message is in the
request's language. API paths answer JSON, pages an HTML page (a missing login sends the
browser to the login page instead).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from custvalue.app.users import LoginRefused
from custvalue.exceptions import (
    CustValueError,
    DatabaseError,
    DataValidationError,
    NotFoundError,
)
from custvalue.i18n import t

__all__ = [
    "AuthRequired",
    "CsrfRefused",
    "Forbidden",
    "WebError",
    "error_body",
    "install_handlers",
    "status_of",
]


class WebError(CustValueError):
    """An error of the web layer itself, with its HTTP status."""

    default_code = "http.error"
    status = 400


class AuthRequired(WebError):
    """No session or API token (or an expired one)."""

    default_code = "auth.required"
    status = 401


class Forbidden(WebError):
    """Logged in, but the role does not allow it."""

    default_code = "auth.forbidden"
    status = 403


class CsrfRefused(WebError):
    """A state-changing request without the session's CSRF token."""

    default_code = "auth.csrf"
    status = 403


_HTTP_CODES = {404: "http.not_found", 405: "http.method_not_allowed"}


def status_of(error: CustValueError) -> int:
    """The HTTP status of one of the project's errors."""
    if isinstance(error, WebError):
        return error.status
    if isinstance(error, LoginRefused):
        return 429 if error.code == "auth.rate_limited" else 401
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, DataValidationError):
        return 400
    if isinstance(error, DatabaseError):
        return 409 if error.code.startswith("db.locked") else 503
    return 400


def error_body(status: int, code: str, message: str, details: dict[str, Any]) -> dict[str, Any]:
    """The one shape of every failure."""
    return {"status": status, "code": code, "message": message, "details": details}


def _details(error: CustValueError) -> dict[str, Any]:
    out = error.to_dict()
    out.pop("code", None)
    out.pop("message", None)
    return out


def is_api(request: Request) -> bool:
    """Whether ``request`` is for the JSON API (errors as JSON) rather than a page."""
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def _respond(
    request: Request, status: int, code: str, message: str, details: dict[str, Any]
) -> Response:
    """JSON for the API, the error page (or the login page for 401) for a browser."""
    if is_api(request):
        return JSONResponse(error_body(status, code, message, details), status_code=status)
    if status == 401:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    from custvalue.web.templating import render

    return render(
        request,
        "error.html",
        {"status": status, "code": code, "message": message},
        status_code=status,
    )


def install_handlers(app: FastAPI) -> None:
    """Map every failure to the one shape."""

    @app.exception_handler(CustValueError)
    async def _project(request: Request, error: CustValueError) -> Response:
        return _respond(request, status_of(error), error.code, error.message(), _details(error))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(error.status_code, "http.error")
        details: dict[str, Any] = {"path": request.url.path, "method": request.method}
        response = _respond(
            request,
            error.status_code,
            code,
            t(code, path=request.url.path, method=request.method, status=error.status_code),
            details,
        )
        for key, value in (error.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        errors = [
            {
                "location": ".".join(str(p) for p in e.get("loc", ())),
                "type": str(e.get("type", "")),
                "message": str(e.get("msg", "")),
            }
            for e in error.errors()
        ]
        fields = ", ".join(e["location"] for e in errors) or "—"
        return _respond(
            request,
            422,
            "http.invalid_request",
            t("http.invalid_request", fields=fields),
            {"errors": errors},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        # runs outside the language middleware: settle the language again
        from custvalue.i18n import using_lang
        from custvalue.web.context import request_lang

        with using_lang(request_lang(request)):
            return _respond(
                request,
                500,
                "http.unexpected",
                t("http.unexpected", kind=type(error).__name__),
                {"kind": type(error).__name__},
            )
