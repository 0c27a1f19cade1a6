#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database JOBVEJ_DATABASE_URL names
# (which must exist; its Jobvej tables are replaced). Stop the portal first. Usage:
#   JOBVEJ_DATABASE_URL=postgresql+psycopg://user@host/jobvej scripts/restore.sh FILE
# Afterwards `flask --app portal db upgrade` brings an older backup up to the current schema.
set -euo pipefail
url=${JOBVEJ_DATABASE_URL:?set JOBVEJ_DATABASE_URL}
url=${url/postgresql+psycopg:/postgresql:}
file=${1:?usage: scripts/restore.sh FILE}
[ -f "$file" ] || { echo "restore: no such file: $file" >&2; exit 1; }
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$url" "$file"
echo "restore: $file -> database ${url##*/}"
