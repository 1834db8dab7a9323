#!/usr/bin/env bash
# Install custvalue and what it needs into ./.venv.
#   bash scripts/setup.sh          # the package
#   bash scripts/setup.sh test     # the package, test tools, the PostgreSQL server, Debian's
#                                  # chromium and a CJK font used by the tests
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

need_apt=()
if [ "$extra" = "test" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
# the browser tests drive Debian's chromium (never a browser download) and need a CJK font
if [ "$extra" = "test" ] && ! command -v chromium >/dev/null 2>&1; then
  need_apt+=(chromium)
fi
if [ "$extra" = "test" ] && [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  need_apt+=(fonts-wqy-microhei)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$extra" = "test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
