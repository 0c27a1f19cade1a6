#!/usr/bin/env bash
# Make sure the services the full test run needs are there: PostgreSQL, Redis, Chromium.
# Starts PostgreSQL and Redis when they are installed but stopped (as root); exits 1 with
# the missing ones named otherwise. scripts/test.sh (and so CI) runs this first and sets
# JOBVEJ_REQUIRE_SERVICES=1, so a missing service FAILS the run instead of skipping tests.
#   --no-browser   do not require Chromium (scripts/test.sh --quick)
set -euo pipefail
cd "$(dirname "$0")/.."
NEED_BROWSER=1
[ "${1:-}" = "--no-browser" ] && NEED_BROWSER=0
PG_URL=${JOBVEJ_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
REDIS_URL=${JOBVEJ_TEST_REDIS_URL:-redis://127.0.0.1:6379}
PY=.venv/bin/python

pg_up() {
  "$PY" - "$PG_URL" <<'PYEOF' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3).close()
PYEOF
}
redis_up() {
  "$PY" - "$REDIS_URL" <<'PYEOF' 2>/dev/null
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping()
PYEOF
}
start_postgres() {
  [ "$(id -u)" = 0 ] || return 0
  if command -v pg_ctlcluster >/dev/null; then
    for cluster in $(pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}'); do
      pg_ctlcluster "${cluster%/*}" "${cluster#*/}" start 2>/dev/null || true
    done
  elif [ -x /etc/init.d/postgresql ]; then
    /etc/init.d/postgresql start >/dev/null 2>&1 || true
  fi
}
start_redis() {
  [ "$(id -u)" = 0 ] || return 0
  if command -v redis-server >/dev/null; then
    redis-server --daemonize yes --save '' --appendonly no --bind 127.0.0.1 >/dev/null 2>&1 || true
  fi
}

missing=()
if ! pg_up; then
  echo "==> PostgreSQL not reachable at $PG_URL: trying to start it"
  start_postgres
  for _ in 1 2 3 4 5 6 7 8 9 10; do pg_up && break; sleep 1; done
  pg_up || missing+=("PostgreSQL at $PG_URL (Debian: apt-get install postgresql)")
fi
if ! redis_up; then
  echo "==> Redis not reachable at $REDIS_URL: trying to start it"
  start_redis
  for _ in 1 2 3 4 5; do redis_up && break; sleep 1; done
  redis_up || missing+=("Redis at $REDIS_URL (Debian: apt-get install redis-server)")
fi
if [ "$NEED_BROWSER" = 1 ] && ! /usr/bin/chromium --version >/dev/null 2>&1; then
  missing+=("Chromium at /usr/bin/chromium (Debian: apt-get install chromium)")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "The test run needs these services, and they are missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "==> Services: PostgreSQL, Redis$([ "$NEED_BROWSER" = 1 ] && echo ", Chromium") ready"
