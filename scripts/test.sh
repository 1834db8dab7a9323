#!/usr/bin/env bash
# Set up (scripts/setup.sh test), lint, type-check and run the whole test suite.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k rfm`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/pytest "$@"
