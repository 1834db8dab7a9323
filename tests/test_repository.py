"""The package's own files are all in version control: no ignore rule may hide a source
file, template or data file of custvalue/ (a fresh clone would miss it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_no_file_of_the_package_is_ignored() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.fail("the tests run from a git checkout (a fresh clone), with git installed")
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "custvalue"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    hidden = [p for p in listed if "__pycache__" not in p and not p.endswith((".pyc", ".pyo"))]
    assert hidden == [], f"ignored by .gitignore, so missing from a clone: {hidden}"
