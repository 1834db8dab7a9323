"""Accounts, sessions, tokens and the audit log in the store, on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from custvalue.app import users
from custvalue.data.db import Database
from custvalue.exceptions import DataValidationError, NotFoundError

NOW = datetime(2026, 3, 1, 9, 0, 0)
PASSWORD = "correct horse battery"


def test_accounts_sessions_and_tokens(db: Database) -> None:
    admin = users.add_user(db, name="admin", password=PASSWORD, role="admin", now=NOW)
    stored = db.scalar("SELECT password_hash FROM users WHERE name = 'admin'")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    token, session = users.log_in(db, name="admin", password=PASSWORD, ip="10.0.0.1", now=NOW)
    assert db.scalar("SELECT session_id FROM sessions") == session.session_id != token
    found = users.session_for(db, token=token, now=NOW + timedelta(minutes=5))
    assert found is not None and found.user == admin
    assert users.session_for(db, token="forged", now=NOW) is None
    api, token_id = users.create_token(db, user_id=admin.user_id, name="nightly", now=NOW)
    assert api.startswith("cvt_") and users.user_for_token(db, token=api, now=NOW) == admin
    assert db.scalar("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", (api,)) == 0
    users.revoke_token(db, token_id=token_id, now=NOW)
    assert users.user_for_token(db, token=api, now=NOW) is None
    users.end_session(db, token=token, now=NOW)
    assert users.session_for(db, token=token, now=NOW) is None
    actions = [e.action for e in users.list_audit(db)]
    assert actions == ["logout", "token.revoke", "token.add", "login", "user.add"]


def test_refusals(db: Database) -> None:
    users.add_user(db, name="admin", password=PASSWORD, role="admin", now=NOW)
    with pytest.raises(DataValidationError) as taken:
        users.add_user(db, name=" admin ", password=PASSWORD, role="viewer")
    assert taken.value.code == "users.name_taken"
    with pytest.raises(DataValidationError) as short:
        users.add_user(db, name="bob", password="1234567", role="viewer")
    assert short.value.code == "users.short_password"
    with pytest.raises(DataValidationError) as role:
        users.add_user(db, name="bob", password=PASSWORD, role="root")
    assert role.value.code == "validation.choice"
    with pytest.raises(NotFoundError) as unknown:
        users.get_user(db, name="nobody")
    assert unknown.value.code == "users.unknown"
    admin = users.get_user(db, name="admin")
    with pytest.raises(DataValidationError) as last:
        users.set_role(db, user_id=admin.user_id, role="viewer")
    assert last.value.code == "users.last_admin"
    with pytest.raises(users.LoginRefused) as bad:
        users.log_in(db, name="admin", password="not it at all", now=NOW)
    assert bad.value.code == "auth.bad_login"
    for name in ("", "two words", "x" * 65, "tab\there"):
        with pytest.raises(DataValidationError) as named:
            users.add_user(db, name=name, password=PASSWORD, role="viewer")
        assert named.value.code == "users.bad_name"
    assert users.count_users(db) == 1


def test_tokens_of_a_deactivated_account_and_unknown_tokens_are_refused(db: Database) -> None:
    users.add_user(db, name="admin", password=PASSWORD, role="admin", now=NOW)
    users.add_user(db, name="bob", password=PASSWORD, role="viewer", now=NOW)
    bob = users.get_user(db, name="bob")
    users.set_active(db, user_id=bob.user_id, active=False)
    with pytest.raises(DataValidationError) as inactive:
        users.create_token(db, user_id=bob.user_id, name="script")
    assert inactive.value.code == "users.inactive" and "bob" in inactive.value.message()
    with pytest.raises(NotFoundError) as unknown:
        users.revoke_token(db, token_id=999)
    assert unknown.value.code == "users.unknown_token"


def test_the_rate_limit_lives_in_the_store(db: Database) -> None:
    users.add_user(db, name="carol", password=PASSWORD, role="viewer", now=NOW)
    policy = users.Policy(max_failures=3)
    for _ in range(3):
        with pytest.raises(users.LoginRefused):
            users.log_in(
                db, name="carol", password="wrong one!", ip="1.2.3.4", now=NOW, policy=policy
            )
    with pytest.raises(users.LoginRefused) as limited:
        users.log_in(db, name="carol", password=PASSWORD, now=NOW, policy=policy)
    assert limited.value.code == "auth.rate_limited"
    later = NOW + timedelta(minutes=16)
    users.log_in(db, name="carol", password=PASSWORD, now=later, policy=policy)


def test_expiry(db: Database) -> None:
    users.add_user(db, name="dan", password=PASSWORD, role="viewer", now=NOW)
    policy = users.Policy(idle=timedelta(hours=1), absolute=timedelta(hours=3))
    token, _ = users.log_in(db, name="dan", password=PASSWORD, now=NOW, policy=policy)
    at = NOW
    for _ in range(5):  # seen every 50 minutes: alive until the absolute limit
        at += timedelta(minutes=50)
        alive = users.session_for(db, token=token, now=at, policy=policy)
        assert (alive is not None) == (at < NOW + timedelta(hours=3)), at
    token, _ = users.log_in(db, name="dan", password=PASSWORD, now=at, policy=policy)
    assert users.session_for(db, token=token, now=at + timedelta(hours=1), policy=policy) is None


def test_lists_page_by_key(db: Database) -> None:
    for i in range(5):
        users.add_user(db, name=f"u{i}", password=PASSWORD, role="viewer", now=NOW)
    first = users.list_users(db, limit=2)
    rest = users.list_users(db, limit=10, after=first[-1].user_id)
    assert [u.name for u in first + rest] == [f"u{i}" for i in range(5)]
    with pytest.raises(DataValidationError):
        users.list_users(db, limit=0)


def test_the_product_hashes_at_the_libraries_recommended_cost() -> None:
    """The tests hash cheaply (tests/conftest.py); the product does not."""
    from argon2 import PasswordHasher, extract_parameters
    from argon2.profiles import RFC_9106_LOW_MEMORY

    real = getattr(users._hasher, "real", users._hasher)
    stored = real().hash(PASSWORD)
    assert extract_parameters(stored) == RFC_9106_LOW_MEMORY
    assert PasswordHasher().verify(stored, PASSWORD)


def test_a_served_store_never_serves_a_session_past_a_change(tmp_path: Path) -> None:
    """On a workbench's own DuckDB file a session read is kept while the store is
    unchanged; a logout or a deactivated account on another connection ends it at once."""
    from custvalue.data.db import connect

    path = str(tmp_path / "served.db")
    with connect(path) as served, connect(path) as other:
        served.exclusive = True
        admin = users.add_user(other, name="admin", password=PASSWORD, role="admin", now=NOW)
        users.add_user(other, name="ana", password=PASSWORD, role="analyst", now=NOW)
        token, _ = users.log_in(other, name="admin", password=PASSWORD, now=NOW)
        ana_token, _ = users.log_in(other, name="ana", password=PASSWORD, now=NOW)
        soon = NOW + timedelta(seconds=5)
        assert users.session_for(served, token=token, now=soon) is not None
        assert users.session_for(served, token=token, now=soon) is not None  # kept
        users.end_session(other, token=token, now=soon)
        assert users.session_for(served, token=token, now=soon) is None
        assert users.session_for(served, token=ana_token, now=soon) is not None
        ana = users.get_user(other, name="ana")
        users.set_active(other, user_id=ana.user_id, active=False, by=admin, now=soon)
        assert users.session_for(served, token=ana_token, now=soon) is None
