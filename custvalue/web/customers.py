"""The customers: the list (search, filter, sort, keyset pages, export) and one
customer's page, as pages and in the API. Both read the snapshot only
(:func:`custvalue.app.snapshots.customer_list`, :func:`~custvalue.app.snapshots.customer_detail`).

Tiers, segments and classes are stored as codes and shown as labels in the request's
language; the export of the list writes every row the filter matches, up to
:data:`EXPORT_MAX`, with the headers and labels the page shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from custvalue.app import snapshots
from custvalue.app.results import rows
from custvalue.i18n import t
from custvalue.web.access import get_db
from custvalue.web.api import ERROR_RESPONSES
from custvalue.web.context import caller
from custvalue.web.keeping import _local_now
from custvalue.web.keeping_more import customer_keeping
from custvalue.web.overview import FreshnessOut
from custvalue.web.paging import MAX_LIMIT, Page, decode_cursor, encode_cursor
from custvalue.web.store import Database
from custvalue.web.templating import render
from custvalue.web.views import TableView, exported, table_view

if TYPE_CHECKING:
    import polars as pl

__all__ = ["EXPORT_MAX", "register"]

#: rows of the list on one page
PAGE = 50
#: the latest orders a customer's page shows
ORDERS = 50
#: the most rows the list's export writes
EXPORT_MAX = 50_000
Order = Literal["desc", "asc"]
#: the columns that hold a code, shown as a label: their headers
LABELLED = {"tier": "col.tier_label", "segment": "col.segment_label", "class": "col.class_label"}


class CustomerDetailOut(BaseModel):
    """One customer: the snapshot's row, value by year, referrals and latest orders."""

    customer: dict[str, Any]
    years: list[dict[str, Any]]
    referred_by: str | None
    referrals: list[dict[str, Any]]
    orders: list[dict[str, Any]]
    orders_total: int
    freshness: FreshnessOut


class CustomerPageOut(Page[dict[str, Any]]):
    """One page of the customer list (``total_capped``: ``total`` is a lower bound)."""

    total_capped: bool
    sort: str
    order: str


def _labelled(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The codes of tier, segment and class replaced by their labels."""
    import polars as pl

    labels = snapshots.code_labels(lang)
    return frame.with_columns(
        pl.col(c)
        .cast(pl.String)
        .replace_strict(labels[c], default=pl.col(c).cast(pl.String), return_dtype=pl.String)
        for c in ("tier", "segment", "class")
        if c in frame.columns
    )


def _list_view(frame: pl.DataFrame, lang: str, *, total: int | None) -> TableView:
    return table_view(
        _labelled(frame, lang),
        name="customers",
        title=t("customers.title"),
        kinds={
            "tier": "text",
            "segment": "text",
            "class": "text",
            "p_alive": "share",
            "customer_total": "number",
        },
        money=("revenue", "realized_value", "referral_net", "sustained_value", "clv"),
        labels={c: t(key) for c, key in LABELLED.items()},
        links={"customer_id": "/customers/{customer_id}"},
        total=total,
    )


def _loyalty_of(db: Database, detail: Any) -> dict[str, str] | None:
    """The customer's stage, loyalty type and kind, attitude and loyalty index, in words
    (from :func:`custvalue.app.loyalty.customer_loyalty`, as of the snapshot)."""
    from custvalue.app.loyalty import customer_loyalty
    from custvalue.formatting import format_value

    as_of = detail.freshness.as_of
    if as_of is None:
        return None
    one = customer_loyalty(
        db, customer_id=detail.customer["customer_id"], as_of=as_of,
        p_alive=detail.customer.get("p_alive"),
    )  # fmt: skip
    stage = t(f"loyalty.stage_{one.stage}")
    return {
        "stage": stage + (f" · {t('customers.lapsed')}" if one.lapsed else ""),
        "type": t(f"loyalty.type_{one.loyalty_type}"),
        "kind": t(f"loyalty.kind_{one.loyalty_kind}"),
        "attitude": "—" if one.attitude is None else format_value(one.attitude, "number"),
        "index": "—"
        if one.loyalty_index is None
        else t("customers.index_of", index=f"{one.loyalty_index:.1f}", n=one.dimensions),
    }


def _options(request: Request) -> dict[str, Any]:
    """The list's options as the query string gives them ("" for none)."""
    query = request.query_params
    return {
        "search": query.get("q") or None,
        "tier": query.get("tier") or None,
        "segment": query.get("segment") or None,
        "klass": query.get("class") or None,
        "sort": query.get("sort") or "sustained_value",
        "descending": (query.get("order") or "desc") != "asc",
    }


def _export_all(db: Database, options: dict[str, Any]) -> tuple[pl.DataFrame, bool]:
    """Every row the options match, up to :data:`EXPORT_MAX` (and whether it stopped)."""
    import polars as pl

    pieces: list[pl.DataFrame] = []
    after: str | None = None
    held = 0
    while True:
        page = snapshots.customer_list(db, **options, limit=snapshots.MAX_LIMIT, after=after)
        pieces.append(page.customers)
        held += page.customers.height
        after = page.next_after
        if after is None or held >= EXPORT_MAX:
            break
    frame = pl.concat(pieces, how="vertical_relaxed") if pieces else pl.DataFrame()
    return frame.head(EXPORT_MAX), after is not None


def _customer_views(detail: snapshots.CustomerDetail, lang: str) -> list[TableView]:
    import polars as pl

    years = table_view(
        detail.years.sort("year", descending=True),
        name="years",
        title=t("customers.years_table"),
        kinds={"year": "year"},
        money=[c for c in snapshots.YEAR_COLUMNS if c not in ("year", "orders")],
    )
    referrals = table_view(
        pl.DataFrame(
            detail.referrals,
            schema={
                "customer_id": pl.String,
                "name": pl.String,
                "revenue": pl.Float64,
                "realized_value": pl.Float64,
                "referred_customers": pl.Int64,
            },
        ),
        name="referrals",
        title=t("customers.referrals_table"),
        money=("revenue", "realized_value"),
        links={"customer_id": "/customers/{customer_id}"},
    )
    shown = detail.orders
    if shown.height and shown["kind"].null_count() == shown.height:
        shown = shown.drop("kind")  # the file named no kinds: an empty column says nothing
    elif shown.height:
        kinds = {k: t(f"col.{k}") for k in ("first", "repeat", "upsell", "cross_sell", "refund")}
        shown = shown.with_columns(
            pl.col("kind").cast(pl.String).replace_strict(kinds, default=pl.col("kind"))
        )
    orders = table_view(
        shown,
        name="orders",
        title=t("customers.orders_table"),
        kinds={"ordered_at": "date", "product": "text", "category": "text", "kind": "text"},
        money=("amount",),
        labels={
            "ordered_at": t("col.date"),
            "product": t("customers.col_product"),
            "category": t("customers.col_category"),
            "kind": t("customers.col_kind"),
        },
        total=detail.orders_total,
    )
    return [years, referrals, orders]


def _here(request: Request, query: str) -> str:
    """This page's path with ``query`` (a link that stays on the site)."""
    return f"{request.url.path}?{query}" if query else request.url.path


def _page_out(page: snapshots.CustomerPage) -> CustomerPageOut:
    data = page.to_dict()
    return CustomerPageOut(
        items=data["customers"],
        next=encode_cursor(page.next_after) if page.next_after else None,
        total=page.total,
        total_capped=page.total_capped,
        sort=page.sort,
        order="desc" if page.descending else "asc",
    )


def register(app: FastAPI) -> None:
    """Add the routes to ``app`` (every one listed in ``ROUTE_ROLES``)."""

    @app.get("/customers", include_in_schema=False)
    def customers_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        after: Annotated[str | None, Query(max_length=500)] = None,
    ) -> Response:
        lang = caller(request).lang
        options = _options(request)
        if request.query_params.get("export"):
            frame, capped = _export_all(db, options)
            view = _list_view(frame, lang, total=None)
            answer = exported(request, [view])
            if answer is not None:
                if capped:
                    answer.headers["x-custvalue-truncated"] = str(EXPORT_MAX)
                return answer
        page = snapshots.customer_list(db, **options, limit=PAGE, after=after or None)
        view = _list_view(page.customers, lang, total=None)
        labels = snapshots.code_labels(lang)
        context = {
            "page": page,
            "view": view,
            "fresh": page.freshness,
            "options": options,
            "after": after,
            "tiers": labels["tier"],
            "segments": labels["segment"],
            "classes": labels["class"],
            "sorts": [(s, t(f"col.{s}")) for s in snapshots.SORTS],
            "next_url": (
                _here(request, request.url.include_query_params(after=page.next_after).query)
                if page.next_after
                else None
            ),
            "first_url": (
                _here(request, request.url.remove_query_params("after").query) if after else None
            ),
            "export_max": EXPORT_MAX,
        }
        return render(request, "customers.html", context)

    @app.get("/customers/{customer_id}", include_in_schema=False)
    def customer_page(
        request: Request,
        db: Annotated[Database, Depends(get_db)],
        customer_id: Annotated[str, Path(min_length=1, max_length=200)],
    ) -> Response:
        from custvalue.figures.overview import years_figure

        lang = caller(request).lang
        detail = snapshots.customer_detail(db, customer_id=customer_id, orders_limit=ORDERS)
        views = _customer_views(detail, lang)
        keeping = customer_keeping(
            db, str(detail.customer["customer_id"]), _local_now(request).date()
        )
        kept = [keeping["complaints"], keeping["cards"]]
        if (answer := exported(request, [*views, *kept])) is not None:
            return answer
        labels = snapshots.code_labels(lang)
        customer = detail.customer
        context = {
            "detail": detail,
            "customer": customer,
            "fresh": detail.freshness,
            "views": views,
            "tier_text": labels["tier"].get(customer.get("tier") or "", "—"),
            "segment_text": labels["segment"].get(customer.get("segment") or "", "—"),
            "treatment": labels["treatment"].get(customer.get("segment") or ""),
            "class_text": labels["class"].get(customer.get("class") or "", "—"),
            "years_figure": years_figure(rows(detail.years), lang),
            "loyal": _loyalty_of(db, detail),
            "keeping": keeping,
        }
        return render(request, "customer.html", context)

    @app.get(
        "/api/v1/customers",
        summary="The customers of the snapshot: search, filter, sort, paged",
        responses=ERROR_RESPONSES,
    )
    def customers_api(
        db: Annotated[Database, Depends(get_db)],
        q: Annotated[str | None, Query(max_length=200, description="id prefix or name")] = None,
        tier: Annotated[str | None, Query(max_length=40)] = None,
        segment: Annotated[str | None, Query(max_length=60)] = None,
        klass: Annotated[str | None, Query(alias="class", max_length=40)] = None,
        sort: Annotated[str, Query(max_length=40)] = "sustained_value",
        order: Annotated[Order, Query()] = "desc",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        after: Annotated[str | None, Query(max_length=700)] = None,
    ) -> CustomerPageOut:
        cursor = decode_cursor(after)
        if cursor is not None and not isinstance(cursor, str):
            from custvalue.exceptions import DataValidationError

            raise DataValidationError("api.bad_cursor", cursor=str(after)[:100])
        page = snapshots.customer_list(
            db,
            search=q,
            tier=tier,
            segment=segment,
            klass=klass,
            sort=sort,
            descending=order == "desc",
            limit=limit,
            after=cursor,
        )
        return _page_out(page)

    @app.get(
        "/api/v1/customers/{customer_id}",
        summary="One customer of the snapshot",
        responses=ERROR_RESPONSES,
    )
    def customer_api(
        db: Annotated[Database, Depends(get_db)],
        customer_id: Annotated[str, Path(min_length=1, max_length=200)],
    ) -> CustomerDetailOut:
        detail = snapshots.customer_detail(db, customer_id=customer_id)
        return CustomerDetailOut(
            **detail.to_dict(), freshness=FreshnessOut(**detail.freshness.to_dict())
        )
