#!/usr/bin/env bash
# Set up and run every test: lint, types, portal tests (SQLite and, when reachable, PostgreSQL),
# browser tests in Debian's Chromium, and the assistant (data validation, training, conversation
# tests, NLU report). Options: --quick (portal tests only, no bot, no browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1

if [ "$QUICK" = 1 ]; then bash scripts/setup.sh --portal-only; else bash scripts/setup.sh --with-browser; fi

echo "==> Lint and format (ruff)"
.venv/bin/ruff check portal tests scripts benchmarks
.venv/bin/ruff format --check portal tests scripts benchmarks
echo "==> Types (mypy on the domain code)"
.venv/bin/mypy

echo "==> Portal tests"
if [ "$QUICK" = 1 ]; then
  .venv/bin/python -m pytest -n 2 -m "not browser and not bot" -q
else
  .venv/bin/python -m pytest -n 2 -m "not browser and not bot" -q
  echo "==> Browser tests (Playwright + Debian Chromium)"
  rc=0; .venv/bin/python -m pytest -m browser -q || rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 5 ] || exit "$rc"
  echo "==> Assistant tests"
  bash scripts/bot.sh ci
fi
