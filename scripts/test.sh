#!/usr/bin/env bash
# Set up and run every test: lint, types, portal tests (SQLite and PostgreSQL), security and
# fault tests, browser tests in Debian's Chromium, the assistant (data validation, training,
# conversation tests, NLU report), then the production-mode and real-process integration
# tests (gunicorn, two Rasa servers, PostgreSQL tracker store, Redis lock store).
# PostgreSQL, Redis and Chromium are REQUIRED: a missing one fails the run (no silent skips).
# Options: --quick (portal tests only: no bot, no browser, no real-process tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
export JOBVEJ_REQUIRE_SERVICES=1
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1

if [ "$QUICK" = 1 ]; then bash scripts/setup.sh --portal-only; else bash scripts/setup.sh --with-browser; fi
if [ "$QUICK" = 1 ]; then bash scripts/services.sh --no-browser; else bash scripts/services.sh; fi

echo "==> Lint and format (ruff)"
.venv/bin/ruff check portal tests scripts benchmarks
.venv/bin/ruff format --check portal tests scripts benchmarks
echo "==> Types (mypy on the domain code)"
.venv/bin/mypy

# pytest exits 5 when it collected nothing: a stage that ran no test has failed.
echo "==> Portal tests (SQLite, PostgreSQL, Redis)"
.venv/bin/python -m pytest -n 2 -m "not browser and not bot and not production" -q
if [ "$QUICK" = 0 ]; then
  echo "==> Browser tests (Playwright + Debian Chromium)"
  .venv/bin/python -m pytest -m browser -q
  echo "==> Assistant tests"
  bash scripts/bot.sh ci
  echo "==> Production mode and real-process integration (gunicorn, 2 Rasa, PostgreSQL, Redis)"
  .venv/bin/python -m pytest -m "production or bot" -q
fi
