"""Running ``custvalue import`` in a child process held at a phase (the test hook of
custvalue/interrupts.py: ``CUSTVALUE_TEST_PAUSE`` and ``CUSTVALUE_TEST_MARKER``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from custvalue.data.db import Database

SCRIPT = "import sys; sys.argv = ['custvalue', *sys.argv[1:]]; from custvalue.cli import run; run()"
ROOT = Path(__file__).resolve().parents[2]

ORDERS = """order_id,customer_id,date,amount
O1,C1,2024-01-05,100.00
O2,C1,2024-02-05,1200.50
O3,C2,2024-03-05,300
"""


def start(
    db_url: str,
    path: Path,
    *args: str,
    phase: str | None = None,
    marker: Path | None = None,
    lang: str = "en",
) -> subprocess.Popen[str]:
    """``custvalue --db DB_URL import orders PATH ARGS`` in a child process, held at
    ``phase`` (the marker file appears when it gets there)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CUSTVALUE_LANG": lang, "COLUMNS": "250"}
    env.pop("CUSTVALUE_DEBUG", None)
    if phase is not None:
        assert marker is not None
        env["CUSTVALUE_TEST_PAUSE"] = phase
        env["CUSTVALUE_TEST_MARKER"] = str(marker)
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "--db", db_url, "import", "orders", str(path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def reached(child: subprocess.Popen[str], marker: Path) -> None:
    """Wait until ``child`` is held at its phase (fails if it ends first)."""
    deadline = time.monotonic() + 180  # a guard against a hung child, not a measurement
    while not marker.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            raise AssertionError(f"ended (exit {child.returncode}) before the phase:\n{out}{err}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError("the child never reached the phase")
        time.sleep(0.01)


def finish(child: subprocess.Popen[str]) -> tuple[int, str, str]:
    """The child's exit code, stdout and stderr (one line each, as printed)."""
    out, err = child.communicate(timeout=180)
    return child.returncode, " ".join(out.split()), " ".join(err.split())


def counts(db: Database) -> tuple[int, int]:
    """Orders and imports stored."""
    return (
        int(db.scalar("SELECT COUNT(*) FROM orders")),
        int(db.scalar("SELECT COUNT(*) FROM imports")),
    )
