#!/usr/bin/env bash
# Jobvej assistant (Rasa Open Source 3.6, own venv bot/.venv).
# Usage: scripts/bot.sh <command> [args]     (works from any directory)
#
#   setup [--clean]  create bot/.venv and install the pinned stack (skips when
#                    requirements/constraints are unchanged and installed)
#   lock             re-freeze bot/.venv into the lock part of constraints.txt
#   train [--force]  train only if config/domain/data/pins changed; keeps the 2
#                    newest models; prints the current model
#   model            print the current model path (exit 1 if none)
#   run              Rasa server, foreground (REST webhook + HTTP API)
#   actions          action server, foreground
#   init-tracker-store  create the PostgreSQL tracker store (RASA_DB_*) once, for
#                    several Rasa servers (endpoints.production.yml)
#   validate         rasa data validate
#   test             conversation tests (bot/tests/test_*conversations.yml)
#   unit [pytest args]  unit tests of the actions (bot/tests/unit)
#   smoke            check running servers: health + a Danish and an English turn
#   report           held-out NLU report per language (bot/scripts/nlu_report.py);
#                    exit 1 below the minimum accuracies
#   ci               setup, validate, unit, train (cached), test, report
#
# Environment: RASA_PORT (5005), ACTIONS_PORT (5055), RASA_HOST (127.0.0.1),
# ACTIONS_HOST (127.0.0.1), RASA_CORS ("*"), RASA_AUTH_TOKEN (unset = no token),
# RASA_ENDPOINTS (endpoints.yml; endpoints.production.yml = PostgreSQL tracker store and
# Redis lock store, configured by the RASA_DB_* and RASA_REDIS_* variables it names),
# ACTION_ENDPOINT_URL (http://127.0.0.1:$ACTIONS_PORT/webhook),
# PORTAL_URL (http://127.0.0.1:8000, read by the action server),
# BOT_PYTHON (python3; must be Python 3.11).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOT="$ROOT/bot"
VENV="$BOT/.venv"
MODELS="$BOT/models"
PYTHON="${BOT_PYTHON:-python3}"
STAMP="$VENV/.jobvej-install.sha256"
KEEP_MODELS=2
# Built virtualenvs and trained models are also kept outside the work tree, keyed by their
# fingerprints, so a fresh clone on the same machine (CI) reuses them instead of rebuilding.
# JOBVEJ_NO_CACHE=1 turns this off.
CACHE="${JOBVEJ_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jobvej}"
# Debian packages needed to build matplotlib 3.5.3 from source (no cp311 wheel).
DEB_PACKAGES=(libfreetype-dev libqhull-dev pkg-config g++)

export RASA_TELEMETRY_ENABLED=false          # never phone home (privacy; also avoids hangs)
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export MPLCONFIGDIR="$BOT/.rasa/matplotlib"
export PYTHONNOUSERSITE=1
export PYTHONPATH="$BOT${PYTHONPATH:+:$PYTHONPATH}"   # `actions` package importable

log() { printf 'bot.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

rasa_bin() {
    [[ -x "$VENV/bin/rasa" ]] || die "bot/.venv missing; run: scripts/bot.sh setup"
    printf '%s\n' "$VENV/bin/rasa"
}

# ---------------------------------------------------------------- setup
install_hash() {
    {
        "$PYTHON" -c 'import sys; print(sys.version)'
        cat "$BOT/requirements.txt" "$BOT/requirements-dev.txt" "$BOT/constraints.txt" "$BOT/mplsetup.cfg"
    } | sha256sum | cut -d' ' -f1
}

install_present() {
    [[ -x "$VENV/bin/python" ]] || return 1
    # the rasa script's interpreter must exist (a moved or half-built venv fails here)
    [[ -x "$(head -n 1 "$VENV/bin/rasa" 2>/dev/null | cut -c3-)" ]] || return 1
    "$VENV/bin/python" - <<'EOF' 2>/dev/null
import importlib.metadata as m
import sys
want = {"rasa": "3.6.21", "rasa-sdk": "3.6.2", "pytest": None}
for name, version in want.items():
    got = m.version(name)
    if version and got != version:
        sys.exit(1)
EOF
}

check_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        log "not a Debian system: make sure FreeType and Qhull headers, pkg-config and g++ are installed"
        return 0
    fi
    local missing=() pkg
    for pkg in "${DEB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ "$(id -u)" != 0 ]]; then
        log "missing Debian packages: ${missing[*]}"
        log "install them as root, then re-run setup:"
        printf 'sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}"
        exit 1
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" \
        || { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; }
}

cmd_setup() {
    local clean=0
    [[ "${1:-}" == "--clean" ]] && clean=1
    SECONDS=0
    "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
        || die "$PYTHON is $("$PYTHON" -V 2>&1); the bot recipe needs Python 3.11 (set BOT_PYTHON)"
    local want
    want="$(install_hash)"
    if ((clean == 1)) && [[ -L "$VENV" ]]; then
        log "removing cached venv $(readlink -f "$VENV")"
        rm -rf "$(readlink -f "$VENV")" "$VENV"
    fi
    if [[ -L "$VENV" && ! -e "$VENV" ]]; then
        # a link left from another machine or an emptied cache: make a new venv
        log "setup: bot/.venv points to a missing $(readlink "$VENV"); relinking"
        rm -f "$VENV"
    fi
    if [[ ! -e "$VENV" && ! -L "$VENV" && "${JOBVEJ_NO_CACHE:-0}" != 1 ]]; then
        # The venv lives in the cache (per install fingerprint); bot/.venv links to it.
        local cached="$CACHE/bot-venv-${want:0:16}"
        mkdir -p "$CACHE"
        [[ -x "$cached/bin/python" ]] || "$PYTHON" -m venv "$cached"
        ln -s "$cached" "$VENV"
        log "setup: bot/.venv -> $cached"
    fi
    if ((clean == 0)) && [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] && install_present; then
        log "setup: bot/.venv up to date (${SECONDS}s)"
        return 0
    fi
    check_system_packages
    if ((clean == 1)) && [[ -d "$VENV" ]]; then
        log "removing bot/.venv"
        rm -rf "$VENV"
    fi
    [[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
    # Install through the venv's real path: pip writes it into the scripts' #! lines, and
    # a cached venv must not point into the work tree that happened to build it.
    local venv_real
    venv_real="$(readlink -f "$VENV")"
    rm -f "$STAMP"
    log "installing Rasa stack into bot/.venv (about 2 minutes on first run)"
    # Rasa 3.6 declares Python <3.11 but runs on 3.11 with the pins in constraints.txt.
    MPLSETUPCFG="$BOT/mplsetup.cfg" "$venv_real/bin/python" -m pip install -q \
        --ignore-requires-python \
        -c "$BOT/constraints.txt" \
        -r "$BOT/requirements.txt" -r "$BOT/requirements-dev.txt"
    "$venv_real/bin/python" -m pip check
    install_present || die "install finished but rasa/pytest are not importable"
    printf '%s\n' "$want" >"$STAMP"
    log "setup: done in ${SECONDS}s"
}

cmd_lock() {
    [[ -x "$VENV/bin/python" ]] || die "bot/.venv missing; run: scripts/bot.sh setup"
    # shellcheck disable=SC2016  # the single-quoted program is Python, not shell
    "$VENV/bin/python" -m pip freeze --exclude-editable | "$VENV/bin/python" -c '
import re, sys
path = sys.argv[1]
marker = "# ---- lock:"
text = open(path, encoding="utf-8").read()
head = text.split(marker, 1)[0].rstrip("\n") + "\n"
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
curated = {norm(l.split("==")[0]) for l in head.splitlines() if "==" in l and not l.startswith("#")}
frozen = [l.strip() for l in sys.stdin if "==" in l]
lock = sorted((l for l in frozen if norm(l.split("==")[0]) not in curated), key=str.lower)
with open(path, "w", encoding="utf-8") as f:
    f.write(head + "\n" + marker + " generated by `scripts/bot.sh lock` from a verified bot/.venv;"
            " do not edit by hand ----\n" + "\n".join(lock) + "\n")
print(f"locked {len(lock)} packages (+{len(curated)} curated) in {path}")
' "$BOT/constraints.txt"
}

# ---------------------------------------------------------------- models
# Fingerprint of everything the trained model depends on: pipeline/policies,
# domain, training data, and the installed Rasa stack (pins).
fingerprint() {
    (
        cd "$BOT"
        {
            printf '%s\n' config.yml requirements.txt constraints.txt
            find domain data -type f \( -name '*.yml' -o -name '*.yaml' \)
        } | LC_ALL=C sort | tr '\n' '\0' | xargs -0 sha256sum
    ) | sha256sum | cut -c1-16
}

current_model() {
    local fp model
    fp="$(fingerprint)"
    model="$MODELS/$fp.tar.gz"
    if [[ -f "$model" ]]; then
        printf '%s\n' "$model"
        return 0
    fi
    # shellcheck disable=SC2012  # model names are hex fingerprints; ls -t sorts by age
    model="$(ls -1t "$MODELS"/*.tar.gz 2>/dev/null | head -n 1 || true)"
    [[ -n "$model" ]] || die "no trained model in bot/models; run: scripts/bot.sh train"
    log "warning: data changed since the newest model was trained; using $(basename "$model") (run: scripts/bot.sh train)"
    printf '%s\n' "$model"
}

prune_models() {
    local old
    # shellcheck disable=SC2012  # model names are hex fingerprints; ls -t sorts by age
    { ls -1t "$MODELS"/*.tar.gz 2>/dev/null || true; } | tail -n +$((KEEP_MODELS + 1)) | while read -r old; do
        log "removing old model $(basename "$old")"
        rm -f -- "$old"
    done
}

cmd_train() {
    local force=0
    [[ "${1:-}" == "--force" ]] && force=1
    local rasa fp model
    rasa="$(rasa_bin)"
    fp="$(fingerprint)"
    model="$MODELS/$fp.tar.gz"
    mkdir -p "$MODELS"
    SECONDS=0
    if ((force == 0)) && [[ ! -f "$model" && -f "$CACHE/models/$fp.tar.gz" ]] \
        && [[ "${JOBVEJ_NO_CACHE:-0}" != 1 ]]; then
        cp "$CACHE/models/$fp.tar.gz" "$model"
        log "train: reusing cached model $fp"
    fi
    if ((force == 0)) && [[ -f "$model" ]]; then
        touch "$model"    # newest = current, for pruning and fallbacks
        log "train: model up to date, nothing to do"
    else
        log "train: training $fp (config, domain or data changed)"
        (cd "$BOT" && "$rasa" train --config config.yml --domain domain --data data \
            --out "$MODELS" --fixed-model-name "$fp" --force)
        [[ -f "$model" ]] || die "rasa train did not produce $model"
        log "train: done in ${SECONDS}s"
        if [[ "${JOBVEJ_NO_CACHE:-0}" != 1 ]]; then
            mkdir -p "$CACHE/models"
            cp "$model" "$CACHE/models/$fp.tar.gz"
            # keep the 3 newest cached models
            # shellcheck disable=SC2012
            ls -1t "$CACHE/models"/*.tar.gz | tail -n +4 | xargs -r rm -f --
        fi
    fi
    prune_models
    log "current model: bot/models/$fp.tar.gz"
}

# ---------------------------------------------------------------- servers
cmd_run() {
    local rasa model
    rasa="$(rasa_bin)"
    model="$(current_model)"
    export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTIONS_PORT:-5055}/webhook}"
    local args=(run --enable-api
        -i "${RASA_HOST:-127.0.0.1}" --port "${RASA_PORT:-5005}"
        --model "$model" --cors "${RASA_CORS:-*}"
        --credentials credentials.yml --endpoints "${RASA_ENDPOINTS:-endpoints.yml}")
    [[ -n "${RASA_AUTH_TOKEN:-}" ]] && args+=(--auth-token "$RASA_AUTH_TOKEN")
    log "rasa run: model $(basename "$model"), http://${RASA_HOST:-127.0.0.1}:${RASA_PORT:-5005}, actions at $ACTION_ENDPOINT_URL"
    cd "$BOT"
    exec "$rasa" "${args[@]}"
}

cmd_actions() {
    local rasa
    rasa="$(rasa_bin)"
    export SANIC_HOST="${ACTIONS_HOST:-127.0.0.1}"   # rasa-sdk binds 0.0.0.0 otherwise
    # Passed on to the action server (actions/portal_client.py reads it for topic answers;
    # handoff cases and calculations go back to the portal as custom payloads).
    export PORTAL_URL="${PORTAL_URL:-http://127.0.0.1:8000}"
    log "action server: http://$SANIC_HOST:${ACTIONS_PORT:-5055}, portal API $PORTAL_URL"
    cd "$BOT"
    exec "$rasa" run actions --port "${ACTIONS_PORT:-5055}" --actions actions
}

# ---------------------------------------------------------------- checks
# `rasa data validate`, failing on errors AND on every warning except
# "utterance X is not used in any story or rule" for the responses that only
# custom actions and the form send (actions.responses.NOT_IN_STORIES): Rasa cannot
# know those.
cmd_validate() {
    local rasa out rc=0 allowed unexpected
    rasa="$(rasa_bin)"
    cd "$BOT"
    out="$(PYTHONWARNINGS=ignore::DeprecationWarning "$rasa" data validate \
        --config config.yml --domain domain --data data 2>&1)" || rc=$?
    printf '%s\n' "$out" | grep -E 'rasa\.validator|(User|Future)Warning:|Error|error' || true
    ((rc == 0)) || die "validate: rasa data validate failed (exit $rc)"
    allowed="$("$VENV/bin/python" -c 'from actions.responses import NOT_IN_STORIES; print("|".join(NOT_IN_STORIES))')"
    unexpected="$(printf '%s\n' "$out" | grep -E '(User|Future)Warning:' \
        | grep -vE "The utterance '($allowed)' is not used in any story or rule\.$" || true)"
    [[ -z "$unexpected" ]] || die "validate: unexpected warnings (see above)"
    log "validate: OK (only action-sent responses are unused in stories/rules)"
}

cmd_test() {
    local rasa model
    rasa="$(rasa_bin)"
    model="$(current_model)"
    cd "$BOT"
    # Conversation (end-to-end) tests: NLU + dialogue on the test stories;
    # reports go to bot/.rasa/test-results (git-ignored).
    # Every tests/test_*conversations.yml (topics, handoff, calculations), one run each.
    local stories
    for stories in tests/test_*conversations.yml; do
        log "test: $stories"
        "$rasa" test core --model "$model" --stories "$stories" \
            --e2e --fail-on-prediction-errors --out ".rasa/test-results/$(basename "$stories" .yml)"
    done
}

cmd_report() {
    local model
    [[ -x "$VENV/bin/python" ]] || die "bot/.venv missing; run: scripts/bot.sh setup"
    model="$(current_model)"
    cd "$BOT"
    "$VENV/bin/python" scripts/nlu_report.py --model "$model" "$@"
}

# Everything the lead's test command needs, in order; stops at the first failure.
cmd_ci() {
    local started=$SECONDS
    cmd_setup
    (cmd_validate)
    (cmd_unit)
    (cmd_train)
    (cmd_test)
    (cmd_report)
    log "ci: OK in $((SECONDS - started))s"
}

# Production: create the PostgreSQL tracker store's database and table once, before
# several Rasa servers start (they would otherwise race to create the same table).
cmd_init_tracker_store() {
    [[ -x "$VENV/bin/python" ]] || die "bot/.venv missing; run: scripts/bot.sh setup"
    "$VENV/bin/python" - <<'EOF_PY'
import os

import psycopg2
from psycopg2 import sql

env = os.environ
params = dict(
    host=env.get("RASA_DB_HOST", "127.0.0.1"),
    port=int(env.get("RASA_DB_PORT", "5432")),
    user=env.get("RASA_DB_USER", "postgres"),
    password=env.get("RASA_DB_PASSWORD", ""),
)
name = env.get("RASA_DB_NAME", "jobvej_bot")
conn = psycopg2.connect(dbname=env.get("RASA_DB_LOGIN_DB", "postgres"), **params)
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if cur.fetchone() is None:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
conn.close()

from rasa.core.tracker_store import SQLTrackerStore  # noqa: E402

SQLTrackerStore(
    dialect="postgresql",
    host=params["host"],
    port=params["port"],
    db=name,
    username=params["user"],
    password=params["password"],
)
print(f"tracker store ready: database {name}")
EOF_PY
}

cmd_unit() {
    [[ -x "$VENV/bin/python" ]] || die "bot/.venv missing; run: scripts/bot.sh setup"
    cd "$BOT"
    exec "$VENV/bin/python" -m pytest tests/unit -q -p no:cacheprovider "$@"
}

cmd_smoke() {
    local rasa_url="http://${RASA_HOST:-127.0.0.1}:${RASA_PORT:-5005}"
    local actions_url="http://${ACTIONS_HOST:-127.0.0.1}:${ACTIONS_PORT:-5055}"
    curl -fsS "$rasa_url/" >/dev/null || die "Rasa not answering at $rasa_url/"
    curl -fsS "$actions_url/health" >/dev/null || die "action server not answering at $actions_url/health"
    local sender="smoke-$$-$RANDOM" reply
    reply="$(curl -fsS -H 'Content-Type: application/json' "$rasa_url/webhooks/rest/webhook" \
        -d "{\"sender\":\"$sender-da\",\"message\":\"hej\",\"metadata\":{\"language\":\"da\"}}")"
    grep -q 'Hej!' <<<"$reply" || die "Danish greeting not answered in Danish: $reply"
    grep -q '"custom":{"topic_id":"greet"' <<<"$reply" \
        || die "answer without custom.topic_id in the same item (jobvej_channel not active?): $reply"
    reply="$(curl -fsS -H 'Content-Type: application/json' "$rasa_url/webhooks/rest/webhook" \
        -d "{\"sender\":\"$sender-en\",\"message\":\"hello\",\"metadata\":{\"language\":\"en\"}}")"
    grep -q 'Hi!' <<<"$reply" || die "English greeting not answered in English: $reply"
    log "smoke: Rasa, action server and language switching OK"
}

usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"; }

main() {
    local cmd="${1:-}"
    [[ $# -gt 0 ]] && shift
    case "$cmd" in
        setup) cmd_setup "$@" ;;
        lock) cmd_lock ;;
        train) cmd_train "$@" ;;
        model) current_model ;;
        run) cmd_run ;;
        init-tracker-store) cmd_init_tracker_store ;;
        actions) cmd_actions ;;
        validate) cmd_validate ;;
        test) cmd_test ;;
        unit) cmd_unit "$@" ;;
        smoke) cmd_smoke ;;
        report) cmd_report "$@" ;;
        ci) cmd_ci ;;
        -h | --help | help) usage ;;
        *) usage; exit 2 ;;
    esac
}

main "$@"
