#!/usr/bin/env bash
# Load test of production mode on loopback (bounded; stops by itself; prints figures).
# Starts scripts/production.sh (gunicorn, 2 Rasa servers, actions; this machine's
# PostgreSQL and Redis, with a database and Redis prefix of its own), then runs Locust:
#   1. mixed:  LOAD_USERS_MIXED (100) users for LOAD_DURATION (120s): ~45 read pages and run
#              calculators, ~5 log in and read their pages, ~50 chat with 5-15 s pauses.
#   2. rasa1:  20 users sending back to back, straight to ONE Rasa server, 60 s.
#   3. rasa2:  the same 20 users spread over BOTH Rasa servers, 60 s.
# Needs: pip install -e ".[bench]" (Locust). Results: var/bench/<scenario>_*.csv.
#   bash benchmarks/load.sh            LOAD_DURATION=60s bash benchmarks/load.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ -x .venv/bin/locust ] || .venv/bin/pip install -q -e ".[bench]"
DURATION=${LOAD_DURATION:-120s}
B2B_DURATION=${LOAD_B2B_DURATION:-60s}
USERS_MIXED=${LOAD_USERS_MIXED:-100}
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TAG=load$$
OUT=var/bench; mkdir -p "$OUT"
PG=${JOBVEJ_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
PG_BASE=${PG%/*}
psql_admin() { psql "postgresql:${PG_BASE#postgresql+psycopg:}/postgres" -qAt -c "$1"; }
psql_admin "CREATE DATABASE jobvej_$TAG" >/dev/null

export JOBVEJ_DATABASE_URL="$PG_BASE/jobvej_$TAG"
export JOBVEJ_SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export JOBVEJ_ASSISTANT_API_TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
export JOBVEJ_RATELIMIT_STORAGE_URL=${JOBVEJ_TEST_REDIS_URL:-redis://127.0.0.1:6379}/0
# One machine plays every user from one address: the limits would measure themselves.
export JOBVEJ_CHAT_RATE_LIMIT=1000000/minute JOBVEJ_CHAT_ADDRESS_RATE_LIMIT=1000000/minute
export JOBVEJ_API_RATE_LIMIT=1000000/minute JOBVEJ_API_ADDRESS_RATE_LIMIT=1000000/minute
export JOBVEJ_LOGIN_ADDRESS_RATE_LIMIT=1000000/minute
export JOBVEJ_BIND=127.0.0.1:$(free_port) RASA_PORT_1=$(free_port) RASA_PORT_2=$(free_port) ACTIONS_PORT=$(free_port)
export JOBVEJ_WORKERS=${JOBVEJ_WORKERS:-3} JOBVEJ_ACCESS_LOG=""
export RASA_DB_NAME=jobvej_${TAG}_bot RASA_LOCK_PREFIX=jobvej-$TAG RASA_REDIS_DB=0
export JOBVEJ_LOG_DIR=$ROOT/var/log/$TAG JOBVEJ_RUN_DIR=$(mktemp -d /tmp/jvXXXX)
PORTAL=http://$JOBVEJ_BIND
RASA1=http://127.0.0.1:$RASA_PORT_1 RASA2=http://127.0.0.1:$RASA_PORT_2

bash scripts/production.sh --no-setup >"$OUT/$TAG-stack.log" 2>&1 &
STACK=$!
cleanup() {
  kill -TERM "$STACK" 2>/dev/null || true
  wait "$STACK" 2>/dev/null || true
  psql_admin "DROP DATABASE IF EXISTS jobvej_$TAG WITH (FORCE)" >/dev/null || true
  psql_admin "DROP DATABASE IF EXISTS jobvej_${TAG}_bot WITH (FORCE)" >/dev/null || true
  redis-cli --scan --pattern "*$TAG*" | xargs -r redis-cli del >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM
echo "==> Waiting for the stack (portal $PORTAL, Rasa $RASA1 $RASA2)"
for _ in $(seq 1 300); do
  curl -fs "$RASA1/status" >/dev/null 2>&1 && curl -fs "$RASA2/status" >/dev/null 2>&1 \
    && curl -fs "$PORTAL/healthz" >/dev/null 2>&1 && break
  kill -0 "$STACK" 2>/dev/null || { echo "stack exited; see $OUT/$TAG-stack.log"; exit 1; }
  sleep 2
done
export LOAD_USERS=20 LOAD_PASSWORD=load-test-password-2026
.venv/bin/python - <<'PY'
import os
from portal import create_app
from portal.auth.service import create_user
from portal.models.user import Role
app = create_app()
with app.app_context():
    for i in range(int(os.environ["LOAD_USERS"])):
        create_user(f"load-{i}@example.dk", os.environ["LOAD_PASSWORD"], Role.CITIZEN, f"Load {i}")
PY
echo "==> Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
run() {  # scenario users spawn-rate duration host [extra env]
  LOAD_SCENARIO=$1 .venv/bin/locust -f benchmarks/locustfile.py --headless --only-summary \
    -u "$2" -r "$3" -t "$4" --host "$5" --csv "$OUT/$1" --stop-timeout 20 >"$OUT/$1.log" 2>&1 || true
}
echo "==> mixed: $USERS_MIXED users, $DURATION"
run mixed "$USERS_MIXED" 20 "$DURATION" "$PORTAL"
.venv/bin/python benchmarks/load_report.py "$OUT/mixed" --p95 page=300,chat=300,calculator=300,login=300 \
  --title "mixed, $USERS_MIXED users, $DURATION (chat: 5-15 s between messages)"
echo "==> back to back, one Rasa server"
RASA_URLS=$RASA1 run rasa1 20 20 "$B2B_DURATION" "$RASA1"
.venv/bin/python benchmarks/load_report.py "$OUT/rasa1" --title "20 conversations back to back, ONE Rasa server"
echo "==> back to back, two Rasa servers"
RASA_URLS=$RASA1,$RASA2 run rasa2 20 20 "$B2B_DURATION" "$RASA1"
.venv/bin/python benchmarks/load_report.py "$OUT/rasa2" --title "20 conversations back to back, TWO Rasa servers"
.venv/bin/python - "$OUT" <<'PY'
import csv, sys
def rps(name):
    rows = [r for r in csv.DictReader(open(f"{sys.argv[1]}/{name}_stats.csv")) if r["Name"] == "Aggregated"]
    return float(rows[0]["Requests/s"]) if rows else 0.0
one, two = rps("rasa1"), rps("rasa2")
print(f"--- two Rasa servers: {two:.1f} messages/s against one: {one:.1f} messages/s = {two / one if one else 0:.2f}x (target 1.5x)")
PY
