#!/usr/bin/env bash
# Production mode without Docker: gunicorn (several workers), two Rasa servers sharing a
# PostgreSQL tracker store and a Redis lock store, the action server; supervised by
# supervisord (scripts/supervisord.production.conf). Runs in the foreground; Ctrl-C or
# SIGTERM stops everything. docker-compose.yml is the same topology in containers.
#
# Required: JOBVEJ_DATABASE_URL (PostgreSQL), JOBVEJ_SECRET_KEY (flask jobvej new-secret),
# JOBVEJ_ASSISTANT_API_TOKEN, JOBVEJ_RATELIMIT_STORAGE_URL (redis://host:6379/0).
# Defaults (override as needed): JOBVEJ_BIND=127.0.0.1:8000, RASA_PORT_1=5005,
# RASA_PORT_2=5006, ACTIONS_PORT=5055, RASA_DB_HOST=127.0.0.1, RASA_DB_PORT=5432,
# RASA_DB_NAME=jobvej_bot, RASA_DB_USER=postgres, RASA_DB_PASSWORD="", RASA_REDIS_HOST=127.0.0.1,
# RASA_REDIS_PORT=6379, RASA_REDIS_DB=1, RASA_REDIS_PASSWORD="", RASA_LOCK_PREFIX=jobvej,
# JOBVEJ_LOG_DIR=var/log/production, JOBVEJ_RUN_DIR=var/run/production.
#   --no-setup   skip scripts/setup.sh (already done, e.g. by the tests)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ "${1:-}" = "--no-setup" ] || bash scripts/setup.sh

for var in JOBVEJ_DATABASE_URL JOBVEJ_SECRET_KEY JOBVEJ_ASSISTANT_API_TOKEN JOBVEJ_RATELIMIT_STORAGE_URL; do
  if [ -z "${!var:-}" ]; then echo "production.sh: $var must be set (see README, Operations)" >&2; exit 2; fi
done
export JOBVEJ_ROOT="$ROOT"
export JOBVEJ_PRODUCTION=true
export RASA_TELEMETRY_ENABLED=false
export JOBVEJ_BIND=${JOBVEJ_BIND:-127.0.0.1:8000}
export RASA_PORT_1=${RASA_PORT_1:-5005} RASA_PORT_2=${RASA_PORT_2:-5006} ACTIONS_PORT=${ACTIONS_PORT:-5055}
export JOBVEJ_ASSISTANT_URL=${JOBVEJ_ASSISTANT_URL:-http://127.0.0.1:$RASA_PORT_1,http://127.0.0.1:$RASA_PORT_2}
export JOBVEJ_ACTIONS_URL=${JOBVEJ_ACTIONS_URL:-http://127.0.0.1:$ACTIONS_PORT}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}
export PORTAL_URL=${PORTAL_URL:-http://$JOBVEJ_BIND}
export RASA_DB_HOST=${RASA_DB_HOST:-127.0.0.1} RASA_DB_PORT=${RASA_DB_PORT:-5432}
export RASA_DB_NAME=${RASA_DB_NAME:-jobvej_bot} RASA_DB_USER=${RASA_DB_USER:-postgres}
export RASA_DB_PASSWORD=${RASA_DB_PASSWORD:-}
export RASA_REDIS_HOST=${RASA_REDIS_HOST:-127.0.0.1} RASA_REDIS_PORT=${RASA_REDIS_PORT:-6379}
export RASA_REDIS_DB=${RASA_REDIS_DB:-1} RASA_REDIS_PASSWORD=${RASA_REDIS_PASSWORD:-}
export RASA_LOCK_PREFIX=${RASA_LOCK_PREFIX:-jobvej}
export JOBVEJ_LOG_DIR=${JOBVEJ_LOG_DIR:-$ROOT/var/log/production}
export JOBVEJ_RUN_DIR=${JOBVEJ_RUN_DIR:-$ROOT/var/run/production}
export FLASK_APP=portal
mkdir -p "$JOBVEJ_LOG_DIR" "$JOBVEJ_RUN_DIR"

echo "==> Database migrations (portal)"
.venv/bin/flask db upgrade
echo "==> Assistant model"
bash scripts/bot.sh train
echo "==> Rasa tracker store (database $RASA_DB_NAME, table made once before two servers start)"
bash scripts/bot.sh init-tracker-store
echo "==> Starting: portal on http://$JOBVEJ_BIND (gunicorn), Rasa on :$RASA_PORT_1 and :$RASA_PORT_2, actions on :$ACTIONS_PORT"
exec .venv/bin/supervisord -c scripts/supervisord.production.conf
