"""Logging in and out: cookies, sessions, expiry, rate limit, CSRF, security headers."""

from __future__ import annotations

from datetime import timedelta

from custvalue.app import users
from custvalue.data.db import connect
from custvalue.web.context import SECURITY_HEADERS
from tests.web.conftest import PASSWORD, Workbench, csrf, csrf_of, log_in, logged_in


def _cookie_header(response: object, name: str) -> str:
    cookies = [c for c in response.headers.get_list("set-cookie") if c.startswith(name + "=")]  # type: ignore[attr-defined]
    assert len(cookies) == 1, cookies
    return cookies[0]


def test_the_login_page_in_both_languages(bench: Workbench) -> None:
    client = bench.client()
    en = client.get("/login")
    assert en.status_code == 200
    assert "Log in" in en.text and '<html lang="en">' in en.text
    zh = client.get("/login", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert "登录" in zh.text and '<html lang="zh-CN">' in zh.text
    assert zh.headers["content-language"] == "zh-CN"


def test_every_response_has_the_security_headers(bench: Workbench) -> None:
    client = bench.client()
    for path in ("/login", "/static/app.css", "/api/v1/ping", "/nowhere", "/openapi.json"):
        response = client.get(path)
        for key, value in SECURITY_HEADERS.items():
            assert response.headers[key] == value, (path, key)
    csp = SECURITY_HEADERS["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline or remote script, ever
    assert directives["default-src"] == "'self'" and "http" not in csp
    assert "unsafe" not in csp.replace("style-src 'self' 'unsafe-inline'", "")
    assert "<script>" not in client.get("/login").text  # no inline script


def test_a_login_opens_a_session_with_a_safe_cookie(bench: Workbench) -> None:
    client = bench.client()
    response = log_in(client, "admin", next="/admin/users")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users"
    cookie = _cookie_header(response, "cv_session")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert f"Max-Age={7 * 86400}" in cookie
    assert "Secure" not in cookie  # plain http (127.0.0.1)
    assert client.get("/", follow_redirects=False).status_code == 200
    with connect(bench.url) as db:
        assert [e.action for e in users.list_audit(db, limit=5)][0] == "login"


def test_over_https_the_cookie_is_secure(bench: Workbench) -> None:
    client = bench.client(base_url="https://testserver")
    cookie = _cookie_header(log_in(client, "viewer"), "cv_session")
    assert "Secure" in cookie


def test_next_never_leaves_the_site(bench: Workbench) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        response = log_in(bench.client(), "viewer", next=target)
        assert response.headers["location"] == "/", target


def test_a_wrong_password_is_refused_and_audited(bench: Workbench) -> None:
    client = bench.client()
    response = log_in(client, "viewer", password="wrong password")
    assert response.status_code == 401
    assert "Wrong name or password" in response.text
    assert "cv_session=" not in response.headers.get("set-cookie", "").replace("cv_session=;", "")
    response = log_in(client, "nobody", password="wrong password")
    assert response.status_code == 401
    with connect(bench.url) as db:
        entries = users.list_audit(db, limit=5)
    assert [(e.action, e.target) for e in entries[:2]] == [
        ("login.failed", "nobody"),
        ("login.failed", "viewer"),
    ]
    assert client.get("/", follow_redirects=False).status_code == 303


def test_logins_are_rate_limited_per_name_and_then_allowed_again(bench: Workbench) -> None:
    client = bench.client()
    for _ in range(5):
        assert log_in(client, "analyst", password="bad password!").status_code == 401
    limited = log_in(client, "analyst")  # the right password, refused all the same
    assert limited.status_code == 429
    assert "Too many failed logins" in limited.text and "15 minutes" in limited.text
    bench.clock.advance(minutes=16)
    assert log_in(client, "analyst").status_code == 303


def test_the_rate_limit_counts_the_address_too(bench: Workbench) -> None:
    client = bench.client()
    for i in range(5):
        assert log_in(client, f"guess{i}", password="bad password!").status_code == 401
    assert log_in(client, "viewer").status_code == 429  # same address (testclient)


def test_a_login_without_or_with_a_wrong_csrf_token_is_refused(bench: Workbench) -> None:
    client = bench.client()
    client.get("/login")
    data = {"name": "admin", "password": PASSWORD}
    missing = client.post("/login", data=data, follow_redirects=False)
    assert missing.status_code == 403
    assert "The form has expired or did not come from this site" in missing.text
    wrong = client.post("/login", data={**data, "csrf_token": "x" * 43}, follow_redirects=False)
    assert wrong.status_code == 403
    fresh = bench.client()  # no pre-login cookie at all
    assert fresh.post("/login", data={**data, "csrf_token": "x"}).status_code == 403


def test_state_changing_requests_need_the_sessions_csrf_token(bench: Workbench) -> None:
    client = logged_in(bench, "admin")
    form = {"name": "eve", "password": PASSWORD, "role": "viewer"}
    assert client.post("/admin/users", data=form).status_code == 403
    assert client.post("/admin/users", data={**form, "csrf_token": "nope"}).status_code == 403
    other = logged_in(bench, "admin")  # another session's token does not fit
    assert client.post("/admin/users", data={**form, "csrf_token": csrf(other)}).status_code == 403
    assert client.post("/logout", follow_redirects=False).status_code == 403
    with connect(bench.url) as db:
        assert users.count_users(db) == 3
    ok = client.post(
        "/admin/users", data=form, headers={"x-csrf-token": csrf(client)}, follow_redirects=False
    )
    assert ok.status_code == 303
    with connect(bench.url) as db:
        assert users.get_user(db, name="eve").role == "viewer"


def test_logout_ends_the_session(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    token = client.cookies["cv_session"]
    response = client.post("/logout", data={"csrf_token": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert "Max-Age=0" in _cookie_header(response, "cv_session")
    replay = bench.client(cookies={"cv_session": token})
    assert replay.get("/", follow_redirects=False).status_code == 303
    with connect(bench.url) as db:
        assert users.list_audit(db, limit=1)[0].action == "logout"


def test_a_login_rotates_the_session(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    first = client.cookies["cv_session"]
    assert log_in(client, "viewer").status_code == 303
    assert client.cookies["cv_session"] != first
    assert (
        bench.client(cookies={"cv_session": first}).get("/", follow_redirects=False).status_code
        == 303
    )


def test_sessions_expire_when_idle(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    bench.clock.advance(hours=7, minutes=59)
    assert client.get("/", follow_redirects=False).status_code == 200  # seen again: renewed
    bench.clock.advance(hours=7, minutes=59)
    assert client.get("/", follow_redirects=False).status_code == 200
    bench.clock.advance(hours=8)
    response = client.get("/admin/users?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fadmin%2Fusers%3Fx%3D1"
    assert "Max-Age=0" in _cookie_header(response, "cv_session")  # the dead cookie cleared
    api = bench.client(cookies={"cv_session": client.cookies.get("cv_session") or "x"})
    assert api.get("/api/v1/me").json()["code"] == "auth.required"


def test_sessions_expire_after_seven_days_however_busy(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    token = client.cookies["cv_session"]
    for _ in range(23):  # every 7 hours: never idle
        bench.clock.advance(hours=7)
        assert client.get("/", follow_redirects=False).status_code == 200
    bench.clock.advance(hours=7)  # 168 hours after the login
    assert client.get("/", follow_redirects=False).status_code == 303
    with connect(bench.url) as db:
        assert users.session_for(db, token=token, now=bench.clock.now) is None
        assert db.scalar("SELECT COUNT(*) FROM sessions") == 0  # deleted, not kept


def test_a_deactivated_users_session_ends(bench: Workbench) -> None:
    viewer = logged_in(bench, "viewer")
    with connect(bench.url) as db:
        user = users.get_user(db, name="viewer")
        users.set_active(db, user_id=user.user_id, active=False)
    assert viewer.get("/", follow_redirects=False).status_code == 303
    assert log_in(bench.client(), "viewer").status_code == 401


def test_the_policy_can_be_shorter(bench: Workbench, tmp_path: object) -> None:
    from custvalue.web import create_app

    app = create_app(
        bench.url,
        clock=bench.clock,
        policy=users.Policy(idle=timedelta(minutes=5), max_failures=2),
    )
    try:
        client = Workbench(app, bench.url, bench.clock).client()
        assert log_in(client, "viewer").status_code == 303
        bench.clock.advance(minutes=5)
        assert client.get("/", follow_redirects=False).status_code == 303
        for _ in range(2):
            log_in(client, "admin", password="bad password!")
        assert log_in(client, "admin").status_code == 429
    finally:
        app.state.anchor.close()


def test_the_login_form_carries_the_pre_login_token(bench: Workbench) -> None:
    client = bench.client()
    page = client.get("/login")
    assert csrf_of(page.text) == client.cookies["cv_csrf"]


def test_static_files_leave_the_session_alone(bench: Workbench) -> None:
    client = logged_in(bench, "viewer")
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "set-cookie" not in css.headers
    assert "public, max-age=" in css.headers["cache-control"]
    assert client.get("/", follow_redirects=False).status_code == 200
    js = client.get("/static/vendor/plotly.min.js", headers={"accept-encoding": "gzip"})
    assert js.status_code == 200 and js.headers["content-encoding"] == "gzip"
    assert js.headers["content-type"].startswith("text/javascript")


def test_the_api_sets_no_pre_login_cookie(bench: Workbench) -> None:
    assert "set-cookie" not in bench.client().get("/api/v1/ping").headers
