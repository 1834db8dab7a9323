"""Pages from Jinja2 templates, in the request's language.

Templates call ``t(key, **params)`` (the catalogs, in the language in force),
``fmt(value, kind)`` (:func:`custvalue.formatting.format_value`), ``lang_url(code)``
(this page in another language) and ``figure_data(figure)`` (a chart's JSON). The shared
pieces — tables, charts — are macros of ``_macros.html``, imported ``with context``.
Every page gets the caller (user, role, CSRF token) and its language. Autoescaping is
on; there is no inline script (the CSP forbids it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from custvalue.formatting import format_value
from custvalue.i18n import t
from custvalue.web.context import caller
from custvalue.web.views import figure_data

__all__ = ["TEMPLATES", "render"]

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,  # templates ship with the package: no stat per page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = t
    env.globals["fmt"] = format_value
    env.globals["figure_data"] = figure_data
    return env


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    """The page ``name`` for ``request``."""
    who = caller(request)

    def lang_url(code: str) -> str:
        return request.url.path + "?" + request.url.include_query_params(lang=code).query

    values = {
        "request": request,
        "user": who.user,
        "csrf_token": who.csrf_token,
        "lang": who.lang,
        "html_lang": "zh-CN" if who.lang == "zh" else "en",
        "lang_url": lang_url,
        "path": request.url.path,
        **(context or {}),
    }
    html = _environment().get_template(name).render(values)
    return HTMLResponse(html, status_code=status_code)
