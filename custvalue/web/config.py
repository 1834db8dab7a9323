"""What one running workbench needs to know: its store, clock and session policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from custvalue.app.users import Policy, utcnow

__all__ = ["SESSION_COOKIE", "LANG_COOKIE", "CSRF_COOKIE", "WebConfig"]

#: the session's token (HttpOnly)
SESSION_COOKIE = "cv_session"
#: the language chosen with the switch in the page
LANG_COOKIE = "cv_lang"
#: the CSRF token of a browser that has not logged in yet (the login form)
CSRF_COOKIE = "cv_csrf"


@dataclass(frozen=True)
class WebConfig:
    """The store's URL, the clock (a test sets it) and the session policy.

    ``secure_cookies``: ``None`` marks cookies Secure when the request came over HTTPS
    (directly or through a proxy uvicorn trusts), ``True``/``False`` forces it.
    """

    db_url: str
    clock: Callable[[], datetime] = utcnow
    policy: Policy = field(default_factory=Policy)
    secure_cookies: bool | None = None
