"""The users and audit pages (admin), in both languages."""

from __future__ import annotations

import re

from custvalue.app import users
from custvalue.data.db import connect
from tests.web.conftest import PASSWORD, Workbench, csrf, log_in, logged_in


def _post(client: object, url: str, **form: str) -> object:
    token = csrf(client)  # type: ignore[arg-type]
    return client.post(url, data={"csrf_token": token, **form}, follow_redirects=False)  # type: ignore[attr-defined]


def _alert(html: str) -> str:
    found = re.search(r'class="alert" role="alert">(.*?)</p>', html)
    return found.group(1) if found else ""


def test_the_users_page_lists_every_account(bench: Workbench) -> None:
    page = logged_in(bench, "admin").get("/admin/users")
    assert page.status_code == 200
    for name in ("viewer", "analyst", "admin"):
        assert f"<td>{name}</td>" in page.text
    assert "3 shown of 3" in page.text
    zh = logged_in(bench, "admin").get("/admin/users?lang=zh")
    assert "添加用户" in zh.text and "显示 3 条，共 3 条" in zh.text and "管理员" in zh.text


def test_an_admin_adds_a_user_who_can_then_log_in(bench: Workbench) -> None:
    admin = logged_in(bench, "admin")
    done = _post(admin, "/admin/users", name="李雷", password=PASSWORD, role="analyst", lang="zh")
    assert done.status_code == 303 and done.headers["location"] == "/admin/users?notice=added"
    assert "The user was added." in admin.get(done.headers["location"]).text
    newcomer = bench.client()
    assert log_in(newcomer, "李雷").status_code == 303
    assert "<h1>概览</h1>" in newcomer.get("/").text  # the language chosen for them
    with connect(bench.url) as db:
        entry = users.list_audit(db, limit=2)[1]
    assert (entry.action, entry.user_name, entry.target) == ("user.add", "admin", "李雷")


def test_a_bad_new_user_is_refused_on_the_page(bench: Workbench) -> None:
    admin = logged_in(bench, "admin")
    cases = [
        ({"name": "admin", "password": PASSWORD}, "There is already a user named 'admin'"),
        ({"name": "eve", "password": "short"}, "at least 8 characters"),
        ({"name": "two words", "password": PASSWORD}, "1 to 64 characters without spaces"),
        ({"name": "eve", "password": PASSWORD, "role": "boss"}, "'boss' is not one of"),
    ]
    for form, expected in cases:
        answer = _post(admin, "/admin/users", **{"role": "viewer", **form})
        assert answer.status_code == 400, form
        assert expected in _alert(answer.text).replace("&#39;", "'"), (form, _alert(answer.text))
    with connect(bench.url) as db:
        assert users.count_users(db) == 3


def test_roles_change_and_the_last_admin_stays(bench: Workbench) -> None:
    admin = logged_in(bench, "admin")
    with connect(bench.url) as db:
        viewer = users.get_user(db, name="viewer")
        me = users.get_user(db, name="admin")
    done = _post(admin, f"/admin/users/{viewer.user_id}/role", role="analyst")
    assert done.headers["location"] == "/admin/users?notice=role"
    refused = _post(admin, f"/admin/users/{me.user_id}/role", role="viewer")
    assert refused.status_code == 400
    assert "last active admin" in _alert(refused.text)
    refused = _post(admin, f"/admin/users/{me.user_id}/active", active="false")
    assert "last active admin" in _alert(refused.text)
    missing = _post(admin, "/admin/users/999/role", role="viewer")
    assert missing.status_code == 404 and "There is no user 999" in _alert(missing.text)
    with connect(bench.url) as db:
        assert users.get_user(db, name="viewer").role == "analyst"
        assert users.get_user(db, name="admin").role == "admin"


def test_deactivating_and_reactivating(bench: Workbench) -> None:
    admin = logged_in(bench, "admin")
    analyst = logged_in(bench, "analyst")
    with connect(bench.url) as db:
        target = users.get_user(db, name="analyst")
    assert _post(admin, f"/admin/users/{target.user_id}/active", active="false").status_code == 303
    assert analyst.get("/", follow_redirects=False).status_code == 303  # session ended
    page = admin.get("/admin/users").text
    assert 'class="inactive"' in page and "deactivated" in page
    assert _post(admin, f"/admin/users/{target.user_id}/active", active="true").status_code == 303
    assert log_in(bench.client(), "analyst").status_code == 303
    bad = _post(admin, f"/admin/users/{target.user_id}/active", active="maybe")
    assert bad.status_code == 422


def test_the_audit_page_shows_logins_and_changes(bench: Workbench) -> None:
    log_in(bench.client(), "viewer", password="wrong password")
    admin = logged_in(bench, "admin")
    page = admin.get("/admin/audit")
    assert page.status_code == 200
    assert "failed login" in page.text and "wrong name or password" in page.text
    assert "logged in" in page.text and "user added" in page.text
    zh = admin.get("/admin/audit?lang=zh").text
    assert "审计日志" in zh and "登录失败" in zh and "用户名或密码错误" in zh


def test_the_audit_page_pages(bench: Workbench) -> None:
    with connect(bench.url) as db:
        for i in range(120):
            users.audit(db, action="login.failed", target=f"x{i}", now=bench.clock.now)
    admin = logged_in(bench, "admin")
    first = admin.get("/admin/audit").text
    assert "100 shown of" in first
    after = re.search(r'href="/admin/audit\?before=(\d+)"', first)
    assert after
    second = admin.get(f"/admin/audit?before={after.group(1)}").text
    assert "x0</td>" in second and "x0</td>" not in first


def test_only_admins_see_where_the_store_is(bench: Workbench) -> None:
    assert bench.url in logged_in(bench, "admin").get("/").text
    assert bench.url not in logged_in(bench, "analyst").get("/").text
