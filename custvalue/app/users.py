"""Users of the workbench: accounts, roles, sessions, API tokens and the audit log.

Everything a login page, an admin page or ``custvalue users`` does with accounts is a
keyword-only function here, on an open :class:`~custvalue.data.db.Database`; the fronts
parse, call one and render (docs/web.md §5).

* Passwords are kept as argon2id hashes (``argon2-cffi``), never in clear.
* A session is a random 32-byte token given to the browser; the store keeps only its
  SHA-256 (``sessions.session_id``), with a CSRF token, the time it was created, its
  absolute expiry and when it was last seen (idle expiry). API tokens are stored the same
  way (``api_tokens.token_hash``).
* Roles, from least to most: ``viewer`` reads, ``analyst`` also imports, fits and edits,
  ``admin`` also manages users and settings (:func:`allows`).
* Logins (good and bad), logouts and every change to an account are written to ``audit``;
  the login rate limit counts the failures there, so it holds across server processes.

Times are naive UTC; every function takes ``now`` so a test can set the clock.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from custvalue._validation import check_choice, check_number
from custvalue.app.recent import Recent
from custvalue.exceptions import CustValueError, DataValidationError, NotFoundError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from custvalue.data.db import Database

__all__ = [
    "ROLES",
    "AuditEntry",
    "LoginRefused",
    "Policy",
    "Role",
    "Session",
    "User",
    "add_user",
    "set_password",
    "allows",
    "audit",
    "count_audit",
    "count_users",
    "create_token",
    "end_session",
    "get_user",
    "list_audit",
    "list_users",
    "log_in",
    "revoke_token",
    "session_for",
    "set_active",
    "set_role",
    "user_for_token",
    "utcnow",
]

Role = Literal["viewer", "analyst", "admin"]
#: the roles, from the least to the most allowed
ROLES: tuple[Role, ...] = ("viewer", "analyst", "admin")
LANGS = ("en", "zh")
#: the shortest password accepted
MIN_PASSWORD = 8
#: how often a session's ``last_seen`` is written (a write per request would be wasted)
TOUCH_EVERY = timedelta(seconds=60)
#: API tokens start with this, so a leaked one is recognised in a log or a scan
TOKEN_PREFIX = "cvt_"


class LoginRefused(CustValueError):
    """A login that did not succeed: wrong name or password (``auth.bad_login``), an
    inactive account (the same message), or too many failures (``auth.rate_limited``)."""

    default_code = "auth.bad_login"


@dataclass(frozen=True)
class Policy:
    """How long sessions last and how many failed logins are tolerated."""

    idle: timedelta = timedelta(hours=8)
    absolute: timedelta = timedelta(days=7)
    max_failures: int = 5
    failure_window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class User:
    """One account (never its password hash)."""

    user_id: int
    name: str
    role: Role
    lang: str | None
    active: bool
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "name": self.name,
            "role": self.role,
            "lang": self.lang,
            "active": self.active,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class Session:
    """A logged-in browser: its user, CSRF token and times."""

    session_id: str
    user: User
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    last_seen: datetime


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    audit_id: int
    at: datetime
    user_id: int | None
    user_name: str | None
    action: str
    target: str | None
    details: dict[str, Any] = field(default_factory=dict)
    ip: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "audit_id": self.audit_id,
            "at": self.at.isoformat(),
            "user_id": self.user_id,
            "user_name": self.user_name,
            "action": self.action,
            "target": self.target,
            "details": self.details,
            "ip": self.ip,
        }


def utcnow() -> datetime:
    """The current time, naive UTC to the second (as the store keeps times)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def allows(role: str, least: str) -> bool:
    """Whether ``role`` may do what needs at least ``least``."""
    order: tuple[str, ...] = ROLES
    return order.index(role) >= order.index(least)


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's recommended cost


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_name(name: Any) -> str:
    text = str(name).strip() if name is not None else ""
    if not text or len(text) > 64 or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise DataValidationError("users.bad_name", name=str(name))
    return text


def _check_password(password: Any) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise DataValidationError("users.short_password", minimum=MIN_PASSWORD)
    return password


_USER_COLUMNS = "user_id, name, role, lang, active, created_at"


def _user(row: tuple[Any, ...]) -> User:
    return User(int(row[0]), str(row[1]), row[2], row[3], bool(row[4]), row[5])


def get_user(db: Database, *, user_id: int | None = None, name: str | None = None) -> User:
    """The account with ``user_id`` (or ``name``); :class:`NotFoundError` if none."""
    if user_id is not None:
        rows = db.fetchall(f"SELECT {_USER_COLUMNS} FROM users WHERE user_id = ?", (user_id,))
        what = str(user_id)
    else:
        rows = db.fetchall(f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", (name,))
        what = str(name)
    if not rows:
        raise NotFoundError("users.unknown", user=what)
    return _user(rows[0])


def add_user(
    db: Database,
    *,
    name: str,
    password: str,
    role: str,
    lang: str | None = None,
    by: User | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> User:
    """Create an active account; refuses a taken name, a short password, an unknown role."""
    name = _check_name(name)
    password = _check_password(password)
    chosen: Role = check_choice("role", role, ROLES)  # type: ignore[arg-type]
    if lang is not None and lang != "":
        lang = check_choice("lang", lang, LANGS)
    else:
        lang = None
    now = now or utcnow()
    password_hash = _hasher().hash(password)
    with db.transaction():
        if db.scalar("SELECT COUNT(*) FROM users WHERE name = ?", (name,)):
            raise DataValidationError("users.name_taken", name=name)
        user_id = int(db.scalar("SELECT nextval('users_seq')"))
        db.execute(
            "INSERT INTO users (user_id, name, password_hash, role, lang, active, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (user_id, name, password_hash, chosen, lang, True, now),
        )
        audit(db, action="user.add", by=by, target=name, details={"role": chosen}, ip=ip, now=now)
    return User(user_id, name, chosen, lang, True, now)


def set_password(
    db: Database,
    *,
    user_id: int,
    password: str,
    by: User | None = None,
    now: datetime | None = None,
) -> User:
    """Give the account a new password (its sessions end: they were opened with the old
    one). Audited as ``user.password``."""
    password = _check_password(password)
    user = get_user(db, user_id=user_id)
    now = now or utcnow()
    with db.transaction():
        db.execute(
            "UPDATE users SET password_hash = ? WHERE user_id = ?",
            (_hasher().hash(password), user.user_id),
        )
        db.execute("DELETE FROM sessions WHERE user_id = ?", (user.user_id,))
        audit(db, action="user.password", by=by, target=user.name, now=now)
    return user


def count_users(db: Database) -> int:
    """How many accounts exist (active or not)."""
    return int(db.scalar("SELECT COUNT(*) FROM users") or 0)


def list_users(db: Database, *, limit: int = 100, after: int | None = None) -> list[User]:
    """Accounts by id, ``limit`` of them after the id ``after`` (keyset paging)."""
    limit = int(check_number("limit", limit, minimum=1, maximum=1000, integer=True))
    rows = db.fetchall(
        f"SELECT {_USER_COLUMNS} FROM users WHERE user_id > ? ORDER BY user_id LIMIT ?",
        (after if after is not None else 0, limit),
    )
    return [_user(r) for r in rows]


def _active_admins(db: Database) -> int:
    return int(db.scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active") or 0)


def set_role(
    db: Database,
    *,
    user_id: int,
    role: str,
    by: User | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> User:
    """Give an account another role; the last active admin keeps theirs."""
    chosen: Role = check_choice("role", role, ROLES)  # type: ignore[arg-type]
    with db.transaction():
        user = get_user(db, user_id=user_id)
        if user.role == "admin" and chosen != "admin" and user.active and _active_admins(db) <= 1:
            raise DataValidationError("users.last_admin", name=user.name)
        db.execute("UPDATE users SET role = ? WHERE user_id = ?", (chosen, user_id))
        audit(
            db,
            action="user.role",
            by=by,
            target=user.name,
            details={"from": user.role, "to": chosen},
            ip=ip,
            now=now,
        )
    return get_user(db, user_id=user_id)


def set_active(
    db: Database,
    *,
    user_id: int,
    active: bool,
    by: User | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> User:
    """Deactivate (or reactivate) an account; deactivating ends its sessions and tokens."""
    now = now or utcnow()
    with db.transaction():
        user = get_user(db, user_id=user_id)
        if not active and user.role == "admin" and user.active and _active_admins(db) <= 1:
            raise DataValidationError("users.last_admin", name=user.name)
        db.execute("UPDATE users SET active = ? WHERE user_id = ?", (bool(active), user_id))
        if not active:
            db.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
            db.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                (now, user_id),
            )
        action = "user.activate" if active else "user.deactivate"
        audit(db, action=action, by=by, target=user.name, ip=ip, now=now)
    return get_user(db, user_id=user_id)


# -- logging in ---------------------------------------------------------------------


def _recent_failures(db: Database, *, name: str, ip: str | None, since: datetime) -> int:
    return int(
        db.scalar(
            "SELECT COUNT(*) FROM audit WHERE action = 'login.failed' AND happened_at >= ?"
            " AND (target = ? OR (ip IS NOT NULL AND ip = ?))",
            (since, name, ip),
        )
        or 0
    )


def log_in(
    db: Database,
    *,
    name: str,
    password: str,
    ip: str | None = None,
    now: datetime | None = None,
    policy: Policy = Policy(),
    replaces: str | None = None,
) -> tuple[str, Session]:
    """Check ``name`` and ``password`` and open a session: the token for the cookie and the
    session. ``replaces`` (the token the browser had) is ended: a login rotates the session.

    Raises :class:`LoginRefused` — the same message for an unknown name, a wrong password
    and an inactive account — and, after ``policy.max_failures`` failures for the name or
    from the address within ``policy.failure_window``, ``auth.rate_limited`` without
    looking at the password.
    """
    now = now or utcnow()
    name = str(name or "").strip()
    if _recent_failures(db, name=name, ip=ip, since=now - policy.failure_window) >= (
        policy.max_failures
    ):
        minutes = int(policy.failure_window.total_seconds() // 60)
        raise LoginRefused("auth.rate_limited", minutes=minutes)
    row = db.fetchall(f"SELECT {_USER_COLUMNS}, password_hash FROM users WHERE name = ?", (name,))
    ok = False
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    stored = row[0][-1] if row else _dummy_hash()
    try:
        ok = bool(hasher.verify(stored, password or ""))
    except (VerificationError, InvalidHashError):
        ok = False
    user = _user(row[0][:-1]) if row else None
    if not ok or user is None or not user.active:
        with db.transaction():
            audit(
                db,
                action="login.failed",
                by=user,
                target=name[:64],
                details={"reason": "inactive" if ok and user is not None else "password"},
                ip=ip,
                now=now,
            )
        raise LoginRefused("auth.bad_login")
    token = secrets.token_urlsafe(32)
    session = Session(
        session_id=_digest(token),
        user=user,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + policy.absolute,
        last_seen=now,
    )
    with db.transaction():
        if replaces:
            db.execute("DELETE FROM sessions WHERE session_id = ?", (_digest(replaces),))
        db.execute(
            "INSERT INTO sessions (session_id, user_id, csrf_token, created_at, expires_at,"
            " last_seen) VALUES (?, ?, ?, ?, ?, ?)",
            (session.session_id, user.user_id, session.csrf_token, now, session.expires_at, now),
        )
        if hasher.check_needs_rehash(stored):
            db.execute(
                "UPDATE users SET password_hash = ? WHERE user_id = ?",
                (hasher.hash(password), user.user_id),
            )
        audit(db, action="login", by=user, target=user.name, ip=ip, now=now)
    return token, session


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown (same time as a known name)."""
    return _hasher().hash(secrets.token_urlsafe(16))


_SESSION = (
    "SELECT s.csrf_token, s.created_at, s.expires_at, s.last_seen, "
    + ", ".join(f"u.{c.strip()}" for c in _USER_COLUMNS.split(","))
    + " FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.session_id = ?"
)
#: sessions last read, by store, generation and id (a logout, an expiry, a touch or a
#: changed account is a change of the store, so never served from here)
_SESSIONS = Recent(256)


def session_for(
    db: Database, *, token: str, now: datetime | None = None, policy: Policy = Policy()
) -> Session | None:
    """The live session of ``token``, or ``None`` when there is none, it has expired (idle
    or absolute; it is then deleted) or its user is inactive. Notes that it was seen."""
    if not token:
        return None
    now = now or utcnow()
    session_id = _digest(token)
    generation = db.generation  # a store this process has to itself: kept while unchanged
    key = (db.url, generation, session_id)
    rows = _SESSIONS.get(key) if generation is not None else None
    if rows is None:
        rows = db.fetchall(_SESSION, (session_id,))
        if generation is not None:
            _SESSIONS.put(key, rows)
    if not rows:
        return None
    csrf, created, expires, seen, *user_row = rows[0]
    user = _user(tuple(user_row))
    if now >= expires or now - seen >= policy.idle or not user.active:
        db.execute("DELETE FROM sessions WHERE session_id = ?", (session_id,))
        return None
    if now - seen >= TOUCH_EVERY:
        db.execute("UPDATE sessions SET last_seen = ? WHERE session_id = ?", (now, session_id))
        seen = now
    return Session(session_id, user, csrf, created, expires, seen)


def end_session(
    db: Database, *, token: str, ip: str | None = None, now: datetime | None = None
) -> None:
    """Log out: delete the session of ``token`` (nothing when there is none)."""
    session_id = _digest(token or "")
    rows = db.fetchall(
        "SELECT u.user_id, u.name FROM sessions s JOIN users u ON u.user_id = s.user_id"
        " WHERE s.session_id = ?",
        (session_id,),
    )
    with db.transaction():
        db.execute("DELETE FROM sessions WHERE session_id = ?", (session_id,))
        if rows:
            user = get_user(db, user_id=int(rows[0][0]))
            audit(db, action="logout", by=user, target=user.name, ip=ip, now=now)


# -- API tokens ---------------------------------------------------------------------


def create_token(
    db: Database,
    *,
    user_id: int,
    name: str,
    by: User | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> tuple[str, int]:
    """A new API token for the account: the token (shown once, never stored) and its id."""
    now = now or utcnow()
    label = _check_name(name)
    user = get_user(db, user_id=user_id)
    if not user.active:
        raise DataValidationError("users.inactive", name=user.name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.transaction():
        token_id = int(db.scalar("SELECT nextval('api_tokens_seq')"))
        db.execute(
            "INSERT INTO api_tokens (token_id, token_hash, user_id, name, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (token_id, _digest(token), user_id, label, now),
        )
        audit(
            db,
            action="token.add",
            by=by or user,
            target=user.name,
            details={"token": label},
            ip=ip,
            now=now,
        )
    return token, token_id


def revoke_token(
    db: Database, *, token_id: int, by: User | None = None, now: datetime | None = None
) -> None:
    """Revoke an API token (it stops working at once)."""
    now = now or utcnow()
    rows = db.fetchall("SELECT user_id, name FROM api_tokens WHERE token_id = ?", (token_id,))
    if not rows:
        raise NotFoundError("users.unknown_token", token=token_id)
    with db.transaction():
        db.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
            (now, token_id),
        )
        owner = get_user(db, user_id=int(rows[0][0]))
        audit(
            db,
            action="token.revoke",
            by=by,
            target=owner.name,
            details={"token": rows[0][1]},
            now=now,
        )


def user_for_token(db: Database, *, token: str, now: datetime | None = None) -> User | None:
    """The active account an API token belongs to, or ``None`` (unknown, revoked)."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    rows = db.fetchall(
        "SELECT t.token_id, t.last_used, "
        + ", ".join(f"u.{c.strip()}" for c in _USER_COLUMNS.split(","))
        + " FROM api_tokens t JOIN users u ON u.user_id = t.user_id"
        " WHERE t.token_hash = ? AND t.revoked_at IS NULL",
        (_digest(token),),
    )
    if not rows:
        return None
    token_id, last_used, *user_row = rows[0]
    user = _user(tuple(user_row))
    if not user.active:
        return None
    now = now or utcnow()
    if last_used is None or now - last_used >= TOUCH_EVERY:
        db.execute("UPDATE api_tokens SET last_used = ? WHERE token_id = ?", (now, token_id))
    return user


# -- the audit log ------------------------------------------------------------------


def audit(
    db: Database,
    *,
    action: str,
    by: User | None = None,
    target: str | None = None,
    details: dict[str, Any] | None = None,
    ip: str | None = None,
    now: datetime | None = None,
    actor: str | None = None,
) -> None:
    """Write one line to the audit log (inside the caller's transaction, if any);
    ``actor`` names who acted when no account did (the command line: ``cli:<login>``)."""
    db.execute(
        "INSERT INTO audit (audit_id, happened_at, user_id, user_name, action, target, details, ip)"
        " VALUES (nextval('audit_seq'), ?, ?, ?, ?, ?, ?, ?)",
        (
            now or utcnow(),
            by.user_id if by else None,
            by.name if by else actor,
            action,
            target,
            json.dumps(details, ensure_ascii=False) if details else None,
            ip,
        ),
    )


def count_audit(db: Database) -> int:
    """How many lines the audit log holds."""
    return int(db.scalar("SELECT COUNT(*) FROM audit") or 0)


def list_audit(db: Database, *, limit: int = 100, before: int | None = None) -> list[AuditEntry]:
    """The newest lines first, ``limit`` of them older than the id ``before``."""
    limit = int(check_number("limit", limit, minimum=1, maximum=1000, integer=True))
    rows = db.fetchall(
        "SELECT audit_id, happened_at, user_id, user_name, action, target, details, ip FROM audit"
        " WHERE audit_id < ? ORDER BY audit_id DESC LIMIT ?",
        (before if before is not None else 2**62, limit),
    )
    return [
        AuditEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else {}, r[7])
        for r in rows
    ]
