#!/usr/bin/env bash
# The whole check, the same on a laptop and in CI: install what the tests need, lint, check formatting, type check
# (the library and the tests), then every test.
# Needs root (or sudo) once, for Debian's virtuoso-opensource and chromium packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v virtuoso-t >/dev/null 2>&1 || need_apt+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
if [ $# -gt 0 ]; then  # the tests asked for, as asked
  exec python3 -m pytest "$@"
fi
# Every test: two processes, whole files each (a file's module fixtures are built once), since most
# tests wait on Virtuoso, Chromium or a server rather than on the CPU (idle two-core machine: 11 min
# 50 s against more than 25 min on one process). Files go out costliest first, in the order tests/conftest.py
# gives them (from tests/file_costs.csv), not xdist's most-tests-first, so the two processes end together.
# The fault test then runs alone: it measures a served store under its own load of ten clients, which a
# second test process would distort.
python3 -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not fault"
python3 -m pytest -m fault
