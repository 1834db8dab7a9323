"""Who is asking and in which language: one ASGI middleware around every request.

For each request it finds the user (the session cookie, or an ``Authorization: Bearer``
API token on ``/api/`` paths), chooses the language — ``?lang=`` (remembered in a
cookie), the ``cv_lang`` cookie, the user's saved preference, then ``Accept-Language`` —
and runs the rest of the request inside :func:`custvalue.i18n.using_lang`, so that two
requests in two languages are served at once. On the way out it adds the security
headers (docs/web.md §5) and the cookies the request decided on.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from custvalue.app import users
from custvalue.i18n import normalize_lang, using_lang
from custvalue.web.config import CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, WebConfig
from custvalue.web.store import open_store

__all__ = [
    "SECURITY_HEADERS",
    "Caller",
    "RequestContext",
    "accept_language",
    "caller",
    "cookie",
    "request_lang",
    "secure",
]

#: sent with every response
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass(frozen=True)
class Caller:
    """The user behind a request (``None``: not logged in) and how they proved it."""

    user: users.User | None
    session: users.Session | None
    via_token: bool
    #: the CSRF token forms must carry: the session's, or the pre-login cookie's
    csrf_token: str
    lang: str


def accept_language(header: str | None) -> str | None:
    """The first language of an ``Accept-Language`` header that custvalue speaks."""
    choices: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "").split(",")):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        lang = normalize_lang(name)
        if lang and quality > 0:
            choices.append((-quality, i, lang))
    return sorted(choices)[0][2] if choices else None


def request_lang(request: Request, user: users.User | None = None) -> str:
    """The language of ``request``: ``?lang=``, the cookie, the user's, the browser's."""
    return (
        normalize_lang(request.query_params.get("lang"))
        or normalize_lang(request.cookies.get(LANG_COOKIE))
        or normalize_lang(user.lang if user else None)
        or accept_language(request.headers.get("accept-language"))
        or "en"
    )


def caller(request: Request) -> Caller:
    """The :class:`Caller` the middleware found for ``request``."""
    found: Caller = request.scope["state"]["caller"]
    return found


def cookie(name: str, value: str, *, max_age: int, secure: bool, http_only: bool) -> str:
    parts = [f"{name}={value}", "Path=/", f"Max-Age={max_age}", "SameSite=Lax"]
    if http_only:
        parts.append("HttpOnly")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def secure(request: Request, config: WebConfig) -> bool:
    """Whether cookies set in answer to ``request`` are marked Secure."""
    if config.secure_cookies is not None:
        return config.secure_cookies
    return request.url.scheme == "https"


class RequestContext:
    """The middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config

    def _identify(self, request: Request) -> tuple[users.User | None, users.Session | None, bool]:
        path = request.url.path
        authorization = request.headers.get("authorization", "")
        now = self.config.clock()
        if authorization[:7].lower() == "bearer " and path.startswith("/api/"):
            with open_store(self.config.db_url) as db:
                user = users.user_for_token(db, token=authorization[7:].strip(), now=now)
            return user, None, True
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return None, None, False
        with open_store(self.config.db_url) as db:
            session = users.session_for(db, token=token, now=now, policy=self.config.policy)
        return (session.user if session else None), session, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        static = request.url.path.startswith("/static/")
        user: users.User | None = None
        session: users.Session | None = None
        via_token = False
        if not static:
            user, session, via_token = await to_thread.run_sync(self._identify, request)
        lang = request_lang(request, user)
        cookies: list[str] = []
        is_secure = secure(request, self.config)
        pre_login = request.cookies.get(CSRF_COOKIE, "")
        api = request.url.path.startswith("/api/") or request.url.path == "/openapi.json"
        if session is None and not (static or api or via_token or pre_login):
            pre_login = secrets.token_urlsafe(32)
            cookies.append(
                cookie(CSRF_COOKIE, pre_login, max_age=86400, secure=is_secure, http_only=True)
            )
        if request.cookies.get(SESSION_COOKIE) and session is None and not (via_token or static):
            cookies.append(cookie(SESSION_COOKIE, "", max_age=0, secure=is_secure, http_only=True))
        asked = normalize_lang(request.query_params.get("lang"))
        if asked and asked != normalize_lang(request.cookies.get(LANG_COOKIE)):
            cookies.append(
                cookie(LANG_COOKIE, asked, max_age=365 * 86400, secure=is_secure, http_only=True)
            )
        state: dict[str, Any] = scope.setdefault("state", {})
        state["caller"] = Caller(
            user=user,
            session=session,
            via_token=via_token,
            csrf_token=session.csrf_token if session else pre_login,
            lang=lang,
        )
        state["config"] = self.config

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                if not static:
                    headers.setdefault("cache-control", "no-store")
                    headers.setdefault("content-language", "zh-CN" if lang == "zh" else "en")
                    headers.append("vary", "Cookie, Accept-Language")
                # a cookie the route set (login, logout) wins over the middleware's
                taken = {c.split("=", 1)[0] for c in headers.getlist("set-cookie")}
                for cookie in cookies:
                    if cookie.split("=", 1)[0] not in taken:
                        headers.append("set-cookie", cookie)
            await send(message)

        with using_lang(lang):
            await self.app(scope, receive, send_with_headers)
