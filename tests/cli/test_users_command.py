"""``custvalue users add | list | token`` and ``custvalue serve``'s registration."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from custvalue.app import users
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused

PASSWORD = "correct horse battery"


def _typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """What the user types at the hidden password prompts (the terminal, not the logic)."""
    import typer._click.termui as termui

    asked: list[str] = []
    queue = list(answers)

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(termui, "hidden_prompt_func", typed)
    return asked


def test_add_with_the_password_typed_twice(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _typed(monkeypatch, PASSWORD, PASSWORD)
    done = invoke(capsys, "--db", db_url, "users", "add", "root", "--role", "admin")
    assert done.code == 0, done.err
    assert "User root added (admin)." in done.out
    assert len(asked) == 2 and "Password again" in done.out + done.err
    with connect(db_url) as db:
        assert users.get_user(db, name="root").role == "admin"
        users.log_in(db, name="root", password=PASSWORD)


def test_two_different_passwords_change_nothing(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _typed(monkeypatch, PASSWORD, PASSWORD + "!")
    done = refused(capsys, "cli.users_mismatch", "--db", db_url, "users", "add", "root")
    assert "The two passwords differ" in done.err
    with connect(db_url) as db:
        assert users.count_users(db) == 0


def test_add_from_standard_input_then_list_and_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", str(tmp_path / "u.db")]
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert invoke(capsys, *db, "users", "add", "ana", "--password-stdin").code == 0
    listed = invoke(capsys, *db, "--lang", "zh", "users", "list")
    assert "ana" in listed.out and "查看者" in listed.out and "用户名" in listed.out
    made = invoke(capsys, *db, "users", "token", "ana", "--label", "nightly")
    assert made.code == 0
    token = made.out.strip().splitlines()[-1]
    with connect(str(tmp_path / "u.db")) as store:
        assert users.user_for_token(store, token=token) is not None


def test_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", str(tmp_path / "u.db")]
    refused(capsys, "validation.choice", *db, "users", "add", "x", "--role", "root")
    refused(capsys, "validation.choice", *db, "users", "add", "x", "--lang-pref", "fr")
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    refused(capsys, "users.short_password", *db, "users", "add", "x", "--password-stdin")
    refused(capsys, "users.unknown", *db, "users", "token", "nobody")
    assert "custvalue users add" in invoke(capsys, *db, "users", "list").out


def test_serve_and_users_are_commands_that_load_no_web_framework_for_help() -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from custvalue.cli.main import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert main(['serve', '--help']) == 0\n"
        "    assert main(['users', '--help']) == 0\n"
        "print(json.dumps([out.getvalue(), sorted(sys.modules)]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert "--host" in text and "--port" in text and "add" in text
    for heavy in ("fastapi", "uvicorn", "starlette", "jinja2", "argon2", "custvalue.web"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_serve_serves_the_store(tmp_path: Path) -> None:
    import signal
    import socket
    import time
    import urllib.request

    store = str(tmp_path / "served.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "custvalue", "--db", store, "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        answer = None
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/ping") as got:
                    answer = json.loads(got.read())
            except OSError:
                time.sleep(0.2)
        assert answer == {"status": "ok"}, server.poll()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as page:
            assert "Log in" in page.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}" in out and "No users yet" in out, (out, err)
    assert "Traceback" not in err
