"""What the browser tests share: Debian's chromium and its flags, and the workbench
served on a free 127.0.0.1 port for the length of a test."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.web.conftest import Workbench

CHROMIUM = "/usr/bin/chromium"
#: the flags measured in STACK §5: headless, no sandbox (root in CI), nothing from outside
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Debian's chromium is part of the test set-up (bash scripts/setup.sh test): without it
# the browser tests fail, they are never skipped
assert shutil.which(CHROMIUM), f"{CHROMIUM} not found: run bash scripts/setup.sh test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(made: Workbench) -> Iterator[str]:
    """``made``'s app served by uvicorn in a thread; yields its base address."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(made.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        made.app.state.anchor.close()
