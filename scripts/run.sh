#!/usr/bin/env bash
# Set up and run the whole product: portal on http://127.0.0.1:8000, Rasa on :5005, the
# action server on :5055. Embedded defaults (SQLite under instance/, demo users).
# supervisord (scripts/supervisord.conf) keeps the processes running: a crashed assistant is
# restarted while the portal keeps serving (the chat offers to leave a message meanwhile).
# Ctrl-C stops everything. Logs: var/log/.
#   --portal-only   run the portal without the assistant (the chat then offers to leave a message)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PORTAL_ONLY=0
[ "${1:-}" = "--portal-only" ] && PORTAL_ONLY=1

export RASA_TELEMETRY_ENABLED=false
export JOBVEJ_DEMO_MODE=${JOBVEJ_DEMO_MODE:-true}
export JOBVEJ_ASSISTANT_API_TOKEN=${JOBVEJ_ASSISTANT_API_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export JOBVEJ_BIND=${JOBVEJ_BIND:-127.0.0.1:${PORT:-8000}}
export JOBVEJ_WORKERS=${JOBVEJ_WORKERS:-2}
export JOBVEJ_ACCESS_LOG=${JOBVEJ_ACCESS_LOG:-}
export PORTAL_URL=${PORTAL_URL:-http://$JOBVEJ_BIND}
export FLASK_APP=portal
export JOBVEJ_ROOT="$ROOT"
export JOBVEJ_LOG_DIR=${JOBVEJ_LOG_DIR:-$ROOT/var/log}
export JOBVEJ_RUN_DIR=${JOBVEJ_RUN_DIR:-$ROOT/var/run}
mkdir -p "$JOBVEJ_LOG_DIR" "$JOBVEJ_RUN_DIR"

if [ "$PORTAL_ONLY" = 1 ]; then bash scripts/setup.sh --portal-only; else bash scripts/setup.sh; fi

echo "==> Applying database migrations"
.venv/bin/flask db upgrade
if [ "${JOBVEJ_DEMO_MODE}" = "true" ] || [ "${JOBVEJ_DEMO_MODE}" = "1" ]; then
  .venv/bin/flask jobvej seed-demo
fi

if [ "$PORTAL_ONLY" = 0 ]; then
  bash scripts/bot.sh train
  export JOBVEJ_WITH_ASSISTANT=true
  echo "==> Assistant starting (about 30 s); logs in ${JOBVEJ_LOG_DIR#"$ROOT"/}/"
else
  export JOBVEJ_WITH_ASSISTANT=false
fi
echo "==> Portal on http://$JOBVEJ_BIND/  (Ctrl-C stops everything)"
exec .venv/bin/supervisord -c scripts/supervisord.conf
