#!/usr/bin/env bash
# The whole check, the same on a laptop and in CI: install what the tests need, lint, check formatting, type check
# (the library and the tests), then every test.
# Needs root (or sudo) once, for Debian's virtuoso-opensource and chromium packages (and python3-venv where missing).
set -euo pipefail
cd "$(dirname "$0")/.."

# A virtual environment: the one already active, else .venv in the checkout (made below). Debian and
# Ubuntu refuse pip into their own Python (PEP 668), and sudo would not keep an active one's PATH.
make_venv=""
[ -n "${VIRTUAL_ENV:-}" ] || [ -x .venv/bin/python ] || make_venv=yes

need_apt=()
command -v virtuoso-t >/dev/null 2>&1 || need_apt+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium chromium-driver)
# a stock Debian/Ubuntu Python has no ensurepip, so no venv, until python3-venv is installed
[ -z "$make_venv" ] || python3 -c 'import ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -z "$make_venv" ] || python3 -m venv .venv
  export VIRTUAL_ENV="$PWD/.venv"
  export PATH="$VIRTUAL_ENV/bin:$PATH"
fi
PY="$VIRTUAL_ENV/bin/python"

"$PY" -m pip install -q --disable-pip-version-check -e '.[test]'
"$PY" -m ruff check .
"$PY" -m ruff format --check .
"$PY" -m mypy
if [ $# -gt 0 ]; then  # the tests asked for, as asked
  exec "$PY" -m pytest "$@"
fi
# Every test: two processes, whole files each (a file's module fixtures are built once), since most
# tests wait on Virtuoso, Chromium or a server rather than on the CPU (idle two-core machine: 11 min
# 50 s against more than 25 min on one process). Files go out costliest first, in the order tests/conftest.py
# gives them (from tests/file_costs.csv), not xdist's most-tests-first, so the two processes end together.
# The fault test then runs alone: it measures a served store under its own load of ten clients, which a
# second test process would distort.
"$PY" -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not fault"
"$PY" -m pytest -m fault
