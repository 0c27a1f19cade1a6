#!/usr/bin/env bash
# Set up and run the whole product: portal on http://127.0.0.1:8000, Rasa on :5005, the
# action server on :5055. Embedded defaults (SQLite under instance/, demo users). Ctrl-C stops all.
#   --portal-only   run the portal without the assistant (the chat then offers to leave a message)
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL_ONLY=0
[ "${1:-}" = "--portal-only" ] && PORTAL_ONLY=1

export RASA_TELEMETRY_ENABLED=false
export JOBVEJ_DEMO_MODE=${JOBVEJ_DEMO_MODE:-true}
export JOBVEJ_ASSISTANT_API_TOKEN=${JOBVEJ_ASSISTANT_API_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export PORTAL_URL=${PORTAL_URL:-http://127.0.0.1:${PORT:-8000}}
export FLASK_APP=portal

if [ "$PORTAL_ONLY" = 1 ]; then bash scripts/setup.sh --portal-only; else bash scripts/setup.sh; fi

echo "==> Applying database migrations"
.venv/bin/flask db upgrade
if [ "${JOBVEJ_DEMO_MODE}" = "true" ] || [ "${JOBVEJ_DEMO_MODE}" = "1" ]; then
  .venv/bin/flask jobvej seed-demo
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "==> Stopping Jobvej"
  for pid in "${pids[@]}"; do kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

if [ "$PORTAL_ONLY" = 0 ]; then
  bash scripts/bot.sh train
  mkdir -p var/log
  setsid bash scripts/bot.sh actions >var/log/actions.log 2>&1 & pids+=($!)
  setsid bash scripts/bot.sh run >var/log/rasa.log 2>&1 & pids+=($!)
  echo "==> Assistant starting (about 30 s); logs in var/log/"
fi

echo "==> Portal on http://127.0.0.1:${PORT:-8000}/  (Ctrl-C stops everything)"
setsid .venv/bin/waitress-serve --listen="127.0.0.1:${PORT:-8000}" --threads=8 --call portal:create_app & pids+=($!)
wait -n "${pids[@]}"
