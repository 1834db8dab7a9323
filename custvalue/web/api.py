"""The JSON API, ``/api/v1/``: the same results as the pages, described by OpenAPI.

Every route is in :data:`custvalue.web.access.ROUTE_ROLES`; every failure has the one
shape of :mod:`custvalue.web.errors`; every list is paged (:mod:`custvalue.web.paging`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Request
from pydantic import BaseModel

from custvalue.app import users
from custvalue.exceptions import DataValidationError
from custvalue.web.access import get_db
from custvalue.web.context import caller
from custvalue.web.errors import AuthRequired
from custvalue.web.paging import Page, PageQuery, encode_cursor, page_query
from custvalue.web.store import Database

__all__ = ["ERROR_RESPONSES", "register"]


class ErrorOut(BaseModel):
    """The one shape of every failure."""

    status: int
    code: str
    message: str
    details: dict[str, Any]


class UserOut(BaseModel):
    """An account."""

    user_id: int
    name: str
    role: str
    lang: str | None
    active: bool
    created_at: datetime


class MeOut(BaseModel):
    """The caller: the account and the language the answer is in."""

    user: UserOut
    lang: str
    via_token: bool


class PingOut(BaseModel):
    status: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut} for status in (400, 401, 403, 404, 422, 429)
}


def _out(user: users.User) -> UserOut:
    return UserOut(**user.to_dict())


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get(
        "/api/v1/ping", summary="A trivial answer (no store, no login)", responses=ERROR_RESPONSES
    )
    def ping() -> PingOut:
        return PingOut(status="ok")

    @app.get("/api/v1/me", summary="The account making the request", responses=ERROR_RESPONSES)
    def me(request: Request) -> MeOut:
        who = caller(request)
        if who.user is None:  # the table asks for a login; kept for the type checker
            raise AuthRequired()
        return MeOut(user=_out(who.user), lang=who.lang, via_token=who.via_token)

    @app.get("/api/v1/users", summary="Every account, by id (admin)", responses=ERROR_RESPONSES)
    def list_users(
        page: Annotated[PageQuery, Depends(page_query)],
        db: Annotated[Database, Depends(get_db)],
    ) -> Page[UserOut]:
        after = page.after
        if after is not None and (not isinstance(after, int) or isinstance(after, bool)):
            raise DataValidationError("api.bad_cursor", cursor=str(after)[:100])
        found = users.list_users(db, limit=page.limit + 1, after=after)
        shown = found[: page.limit]
        more = len(found) > page.limit
        return Page[UserOut](
            items=[_out(u) for u in shown],
            next=encode_cursor(shown[-1].user_id) if more and shown else None,
            total=users.count_users(db),
        )

    @app.get("/api/v1/users/{user_id}", summary="One account (admin)", responses=ERROR_RESPONSES)
    def get_user(
        user_id: Annotated[int, Path(ge=1, le=2**62)],
        db: Annotated[Database, Depends(get_db)],
    ) -> UserOut:
        return _out(users.get_user(db, user_id=user_id))
