"""The application factory: :func:`create_app` for one store.

Layers of a request, outside in: gzip; :class:`~custvalue.web.context.RequestContext`
(who, which language, security headers); FastAPI's routing with
:func:`~custvalue.web.access.authorize` as a dependency of every route; the error
handlers of :mod:`custvalue.web.errors`. Static files are our own CSS and script and
``plotly.min.js`` from the installed ``plotly`` package: nothing comes from the internet.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from custvalue.app.users import Policy, utcnow
from custvalue.i18n import t
from custvalue.web import (
    api,
    choice,
    clv,
    customers,
    imports,
    jobs,
    keeping,
    keeping_more,
    loyalty,
    overview,
    pages,
    store,
    value,
    voice,
)
from custvalue.web.access import authorize
from custvalue.web.config import WebConfig
from custvalue.web.context import RequestContext
from custvalue.web.errors import install_handlers
from custvalue.web.store import close_pools, connect

__all__ = ["STATIC", "create_app", "plotly_js"]

STATIC = Path(__file__).parent / "static"
#: static files may be cached for a day (their names do not change between versions yet)
STATIC_MAX_AGE = 86400


def plotly_js() -> Path:
    """``plotly.min.js`` as the installed ``plotly`` package ships it."""
    import plotly  # type: ignore[import-untyped]

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class _CachedStatic(StaticFiles):
    def file_response(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("cache-control", f"public, max-age={STATIC_MAX_AGE}")
        return response


def create_app(
    db_url: str | None = None,
    *,
    clock: Callable[[], datetime] = utcnow,
    policy: Policy | None = None,
    secure_cookies: bool | None = None,
) -> FastAPI:
    """The workbench for the store at ``db_url`` (``None``: ``$CUSTVALUE_DB`` or
    ``./custvalue.db``), its schema brought up to date.

    ``clock`` gives the time (a test sets it), ``policy`` the session lifetimes and the
    login rate limit, ``secure_cookies`` forces the cookies' Secure flag (default: when
    the request came over HTTPS).
    """
    anchor = connect(db_url)  # migrates; kept open for DuckDB (custvalue.web.store)
    url = anchor.url
    store_name = anchor.display_url
    if anchor.dialect != "duckdb":
        anchor.close()
    else:
        store.hold(anchor)
    config = WebConfig(
        db_url=url, clock=clock, policy=policy or Policy(), secure_cookies=secure_cookies
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.release(anchor)
        anchor.close()
        close_pools(url)

    app = FastAPI(
        title="custvalue",
        summary=t("web.api_summary", lang="en"),
        version="1",
        docs_url=None,  # the interactive pages load their script from the internet
        redoc_url=None,
        openapi_url="/openapi.json",
        dependencies=[Depends(authorize)],
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.store_name = store_name
    app.state.anchor = anchor
    install_handlers(app)
    pages.register(app)
    api.register(app)
    overview.register(app)
    customers.register(app)
    jobs.register(app)
    imports.register(app)
    clv.register(app)
    value.register(app)
    choice.register(app)
    voice.register(app)
    loyalty.register(app)
    keeping.register(app)
    keeping_more.register(app)

    plotly_path = plotly_js()

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_min_js() -> FileResponse:
        return FileResponse(
            plotly_path,
            media_type="text/javascript",
            headers={"cache-control": f"public, max-age={STATIC_MAX_AGE}"},
        )

    app.mount("/static", _CachedStatic(directory=STATIC), name="static")
    app.add_middleware(RequestContext, config=config)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    return app
