#!/usr/bin/env bash
# Back up the portal's PostgreSQL database to one file (pg_dump custom format: compressed,
# restorable table by table). Usage:
#   JOBVEJ_DATABASE_URL=postgresql+psycopg://user@host/jobvej scripts/backup.sh [FILE]
# FILE defaults to var/backups/jobvej-<UTC time>.dump. The file holds personal data:
# keep it encrypted, access-controlled and no longer than the retention rules allow.
set -euo pipefail
url=${JOBVEJ_DATABASE_URL:?set JOBVEJ_DATABASE_URL}
url=${url/postgresql+psycopg:/postgresql:}
file=${1:-var/backups/jobvej-$(date -u +%Y%m%dT%H%M%SZ).dump}
mkdir -p "$(dirname "$file")"
umask 077
pg_dump --format=custom --no-owner --no-privileges --file="$file" "$url"
pg_restore --list "$file" >/dev/null   # the file is readable as a backup
echo "backup: $file ($(du -h "$file" | cut -f1))"
