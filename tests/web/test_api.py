"""The JSON API: tokens, paging, and one error shape for every failure, in the request's
language."""

from __future__ import annotations

import asyncio

import httpx2 as httpx
import pytest

from custvalue.app import users
from custvalue.data.db import connect
from custvalue.web.paging import decode_cursor, encode_cursor
from tests.web.conftest import PASSWORD, Workbench, logged_in

SHAPE = {"status", "code", "message", "details"}


def _token(bench: Workbench, name: str) -> str:
    with connect(bench.url) as db:
        user = users.get_user(db, name=name)
        token, _ = users.create_token(db, user_id=user.user_id, name="tests")
    return token


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_me_with_a_session_and_with_a_token(bench: Workbench) -> None:
    session = logged_in(bench, "analyst").get("/api/v1/me").json()
    assert session["user"]["name"] == "analyst" and session["via_token"] is False
    client = bench.client()
    me = client.get("/api/v1/me", headers=_bearer(_token(bench, "viewer")))
    assert me.status_code == 200
    assert me.json()["user"]["role"] == "viewer" and me.json()["via_token"] is True
    assert "password_hash" not in me.text
    assert "set-cookie" not in me.headers  # a script gets no cookie


def test_an_unknown_or_revoked_token_is_a_401_in_the_one_shape(bench: Workbench) -> None:
    client = bench.client()
    for token in ("cvt_nonsense", "not-even-ours"):
        answer = client.get("/api/v1/me", headers=_bearer(token))
        assert answer.status_code == 401
        body = answer.json()
        assert set(body) == SHAPE and body["code"] == "auth.token_required"
        assert "custvalue users token" in body["message"]
    token = _token(bench, "viewer")
    with connect(bench.url) as db:
        token_id = int(db.scalar("SELECT MAX(token_id) FROM api_tokens"))
        users.revoke_token(db, token_id=token_id)
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401


def test_a_token_works_on_the_api_only(bench: Workbench) -> None:
    token = _token(bench, "admin")
    page = bench.client().get("/admin/users", headers=_bearer(token), follow_redirects=False)
    assert page.status_code == 303  # pages need a session


def test_a_token_needs_no_csrf_and_a_cookie_without_csrf_is_refused(bench: Workbench) -> None:
    # the API has no state-changing route yet: the rule is checked on a page route
    admin = logged_in(bench, "admin")
    refused = admin.post("/admin/users", data={"name": "x"}, follow_redirects=False)
    assert refused.status_code == 403 and "form has expired" in refused.text
    assert "auth.csrf" in refused.text  # the error page names the code


def test_users_are_paged_with_a_cursor(bench: Workbench) -> None:
    with connect(bench.url) as db:
        for i in range(4):
            users.add_user(db, name=f"user{i}", password=PASSWORD, role="viewer")
    client = bench.client()
    headers = _bearer(_token(bench, "admin"))
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 3, **({"after": cursor} if cursor else {})}
        body = client.get("/api/v1/users", params=params, headers=headers).json()
        assert body["total"] == 7
        seen += [u["name"] for u in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == ["viewer", "analyst", "admin", "user0", "user1", "user2", "user3"]
    one = client.get("/api/v1/users/1", headers=headers).json()
    assert one["name"] == "viewer"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/users?after=%%%", 400, "api.bad_cursor"),
        (f"/api/v1/users?after={encode_cursor('seven')}", 400, "api.bad_cursor"),
        ("/api/v1/users?limit=0", 422, "http.invalid_request"),
        ("/api/v1/users?limit=lots", 422, "http.invalid_request"),
        ("/api/v1/users/0", 422, "http.invalid_request"),
        ("/api/v1/users/999", 404, "users.unknown"),
        ("/api/v1/nowhere", 404, "http.not_found"),
    ],
)
def test_every_failure_has_the_one_shape(
    bench: Workbench, path: str, status: int, code: str
) -> None:
    client = bench.client()
    headers = _bearer(_token(bench, "admin"))
    answer = client.get(path, headers=headers)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == SHAPE
    assert body["status"] == status and body["code"] == code
    assert body["message"] and "{" not in body["message"]
    zh = client.get(path, headers={**headers, "accept-language": "zh-CN"}).json()
    assert zh["code"] == code and zh["message"] != body["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh["message"])


def test_validation_errors_name_the_field(bench: Workbench) -> None:
    answer = (
        bench.client().get("/api/v1/users?limit=0", headers=_bearer(_token(bench, "admin"))).json()
    )
    assert "query.limit" in answer["message"]
    assert answer["details"]["errors"][0]["location"] == "query.limit"


def test_a_method_a_route_does_not_take_is_a_405_in_the_one_shape(bench: Workbench) -> None:
    answer = bench.client().delete("/api/v1/me")
    assert answer.status_code == 405
    assert answer.json()["code"] == "http.method_not_allowed"
    assert "DELETE" in answer.json()["message"]


def test_a_missing_page_is_an_error_page(bench: Workbench) -> None:
    answer = bench.client().get("/nowhere", headers={"accept-language": "zh"})
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"] and "没有页面或接口" in answer.text


def test_cursors_round_trip() -> None:
    for key in (1, "客户", [3, "a"], None):
        assert decode_cursor(encode_cursor(key)) == key
    assert decode_cursor(None) is None and decode_cursor("") is None


def test_the_openapi_document_describes_the_api(bench: Workbench) -> None:
    spec = bench.client().get("/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/users", "/api/v1/users/{user_id}"} <= set(spec["paths"])
    assert not any(p.startswith(("/admin", "/login")) for p in spec["paths"])
    errors = spec["paths"]["/api/v1/users"]["get"]["responses"]
    assert {"400", "401", "403", "422"} <= set(errors)


def test_two_languages_are_served_at_once(bench: Workbench) -> None:
    """Requests in zh and en interleaved on one event loop: each answers in its own."""

    async def run() -> list[tuple[str, str]]:
        transport = httpx.ASGITransport(app=bench.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:

            async def one(i: int) -> tuple[str, str]:
                lang = "zh-CN" if i % 2 else "en"
                answer = await c.get("/api/v1/nowhere", headers={"accept-language": lang})
                return lang, answer.json()["message"]

            return await asyncio.gather(*(one(i) for i in range(40)))

    answers = asyncio.run(run())
    for lang, message in answers:
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in message)
        assert chinese == (lang == "zh-CN"), (lang, message)


def test_the_language_choice_order(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    assert "<h1>Overview</h1>" in client.get("/").text  # no preference anywhere: English
    assert "<h1>概览</h1>" in client.get("/", headers={"accept-language": "zh-CN"}).text
    with connect(bench.url) as db:
        db.execute("UPDATE users SET lang = 'zh' WHERE name = 'viewer'")
    assert "<h1>概览</h1>" in client.get("/").text  # the user's preference
    switched = client.get("/?lang=en")  # the switch in the page wins, and is remembered
    assert "<h1>Overview</h1>" in switched.text
    assert "cv_lang=en" in switched.headers["set-cookie"]
    assert "<h1>Overview</h1>" in client.get("/", headers={"accept-language": "zh-CN"}).text
    assert "<h1>概览</h1>" in client.get("/?lang=zh").text
    assert "<h1>概览</h1>" in client.get("/").text
