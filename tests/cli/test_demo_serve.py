"""``custvalue demo`` (serving by default, ``--serve`` said or not): the demo, its
figures, a demo account whose password is shown once and works, the TV shop choice
model fitted by the worker, then the workbench until Ctrl-C; ``--no-serve`` stops after
the report."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

ACCOUNT = re.compile(r"Workbench account: (\S+) · password (\S+)")
ENV = {"COLUMNS": "120", "PATH": "/usr/bin:/bin", "CUSTVALUE_LANG": "en"}


def _start(store: str, port: int, *extra: str) -> tuple[subprocess.Popen[str], str, str]:
    """The command running, and the account it printed (read as it is printed)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "custvalue", "--db", store, "demo", *extra, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    assert server.stdout is not None
    for line in server.stdout:
        found = ACCOUNT.search(line)
        if found:
            return server, found.group(1), found.group(2)
    _, err = server.communicate(timeout=30)
    raise AssertionError(f"no account line; exit {server.returncode}: {err}")


def _log_in(base: str, name: str, password: str) -> int:
    with httpx.Client(base_url=base, follow_redirects=True) as client:
        return _log_in_with(client, name, password)


def _log_in_with(client: httpx.Client, name: str, password: str) -> int:
    deadline = time.monotonic() + 60
    while True:
        try:
            page = client.get("/login")
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the workbench did not answer"
            time.sleep(0.2)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    sent = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token.group(1)}
    )
    if sent.status_code == 200 and "<h1>Overview</h1>" in sent.text:
        assert "Customer pyramid by tier" in sent.text  # the figures were computed first
    return sent.status_code


def _stop(server: subprocess.Popen[str]) -> str:
    server.send_signal(signal.SIGINT)
    _, err = server.communicate(timeout=60)
    assert server.returncode == 0 and "Traceback" not in err, err
    return err


def test_demo_serve_opens_the_workbench_with_a_working_account(tmp_path: Path) -> None:
    store = str(tmp_path / "demo.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server, name, password = _start(store, port, "--customers", "300")
    try:
        assert name == "demo" and len(password) >= 12
        with httpx.Client(base_url=base, follow_redirects=True) as client:
            assert _log_in_with(client, name, password) == 200  # followed to the overview
            deadline = time.monotonic() + 60
            while 'id="fit-facts"' not in (page := client.get("/value/choice")).text:
                assert time.monotonic() < deadline, page.text  # the worker fits the TV shop
                time.sleep(0.5)
            assert "tv_survey.csv" in page.text and "3,600" in page.text
    finally:
        _stop(server)
    again, name2, password2 = _start(store, port, "--customers", "300", "--serve")
    try:
        assert name2 == "demo" and password2 != password
        assert _log_in(base, name, password) == 401  # the old password is gone
        assert _log_in(base, name2, password2) == 200
    finally:
        _stop(again)


def test_the_account_line_is_in_chinese_too() -> None:
    from custvalue.i18n import t

    assert "工作台账号" in t("cli.demo_account", lang="zh", name="demo", password="x")


def test_no_serve_stops_after_the_report(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "custvalue", "--db", str(tmp_path / "d.db"), "demo",
         "--customers", "100", "--no-serve"],
        capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Next: custvalue value" in done.stdout and "Workbench account" not in done.stdout


def test_a_write_while_the_workbench_holds_the_file_is_refused_whole(tmp_path: Path) -> None:
    """A second process cannot commit to a DuckDB file the workbench has open: the
    command says the file is in use (not an unexpected error) and nothing is stored."""
    store = str(tmp_path / "held.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server, name, password = _start(store, port, "--customers", "100")
    try:
        assert _log_in(f"http://127.0.0.1:{port}", name, password) == 200
        added = subprocess.run(
            [sys.executable, "-m", "custvalue", "--db", store, "users", "add", "late",
             "--role", "viewer", "--password-stdin"],
            input="a long enough password\n", capture_output=True, text=True, env=ENV,
            timeout=120,
        )  # fmt: skip
    finally:
        _stop(server)
    assert added.returncode != 0, added.stdout
    assert "is in use by another custvalue process" in added.stderr, added.stderr
    assert "unexpected" not in added.stderr.lower() and "Traceback" not in added.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "custvalue", "--db", store, "users", "list"],
        capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert listed.returncode == 0 and "late" not in listed.stdout
