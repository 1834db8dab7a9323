"""Paging of every list in the API: ``?limit=&after=`` (keyset), answered as
``{"items": [...], "next": "<cursor>" | null, "total": n}``.

A cursor is opaque to clients: the key of the last item shown, as URL-safe base64 of
JSON. A cursor that does not decode is a 400 (``api.bad_cursor``), never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from custvalue.exceptions import DataValidationError

__all__ = ["Page", "PageQuery", "decode_cursor", "encode_cursor", "page_query"]

T = TypeVar("T")
#: the longest page a client may ask for, and the page it gets without asking
MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    next: str | None
    total: int


class PageQuery(BaseModel):
    """The paging parameters of a request."""

    limit: int
    after: Any = None


def encode_cursor(key: Any) -> str:
    """The cursor that continues after ``key``."""
    text = json.dumps(key, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None) -> Any:
    """The key inside ``cursor`` (``None`` for no cursor)."""
    if cursor is None or cursor == "":
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        raise DataValidationError("api.bad_cursor", cursor=cursor[:100]) from None


def page_query(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    after: Annotated[str | None, Query(max_length=500)] = None,
) -> PageQuery:
    """A dependency: the request's ``limit`` and decoded ``after``."""
    return PageQuery(limit=limit, after=decode_cursor(after))
