#!/usr/bin/env bash
# Prove the backup can be restored and served: a scratch database on the machine's PostgreSQL gets the
# migrations and the demo, scripts/backup.sh backs it up, scripts/restore.sh restores it into another new
# database, and the portal serves the copy (gunicorn on a free port): /healthz and public pages answer 200,
# every table has the same number of rows and the private files are the same. Both databases are dropped after.
#
#   scripts/restore_test.sh       (RESTORE_TEST_SERVER, default postgres://postgres@127.0.0.1:5432)
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
cd "$project"
server="${RESTORE_TEST_SERVER:-postgres://postgres@127.0.0.1:5432}"
source_db="bscp_restore_test_source_$$"
copy_db="bscp_restore_test_copy_$$"
work="$(mktemp -d)"
web=""

step() { printf '==> %s\n' "$*"; }
fail() { echo "restore_test.sh: FAILED: $*" >&2; exit 1; }

cleanup() {
  [[ -n "$web" ]] && kill "$web" 2>/dev/null && wait "$web" 2>/dev/null
  for db in "$source_db" "$copy_db"; do
    psql "$server/postgres" -XAtq -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Every table's exact row count, one "table|rows" a line.
row_counts() {
  psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "
    SELECT table_name, (xpath('/row/c/text()',
           query_to_xml(format('SELECT count(*) AS c FROM public.%I', table_name), false, true, '')))[1]::text
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
}

# The development settings on a server's database (DJANGO_ENV says so), served as in production (no debug).
export DJANGO_ENV=development DJANGO_DEBUG=false
unset DJANGO_SETTINGS_MODULE

step "A scratch database $source_db with the migrations and the demo"
psql "$server/postgres" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$source_db\""
export DATABASE_URL="$server/$source_db" PRIVATE_MEDIA_ROOT="$work/files"
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_demo >/dev/null
source_counts=$(row_counts "$DATABASE_URL")
people=$(psql "$DATABASE_URL" -XAtqc "SELECT count(*) FROM partnership_user")
((people > 0)) && [[ -n "$(ls -A "$work/files")" ]] || fail "the demo left no people or no private files to back up"

step "scripts/backup.sh"
backup=$(scripts/backup.sh "$work/backups" | tail -1)
ls -l "$backup"

step "scripts/restore.sh into $copy_db"
scripts/restore.sh "$backup" "$copy_db" "$work/restored-files"

step "The copy has every row and every file"
diff <(echo "$source_counts") <(row_counts "$server/$copy_db") || fail "row counts differ (source <, copy >)"
diff -r "$work/files" "$work/restored-files" || fail "the private files differ"
echo "$(echo "$source_counts" | wc -l) tables, $(echo "$source_counts" | awk -F'|' '{n += $2} END {print n}') rows"

step "The portal serves the copy"
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="$server/$copy_db" PRIVATE_MEDIA_ROOT="$work/restored-files" PYTHONWARNINGS="ignore:No directory at" \
  .venv/bin/gunicorn bscp_portal.wsgi --bind "127.0.0.1:$port" --workers 2 --log-level warning &
web=$!
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  kill -0 "$web" 2>/dev/null || fail "gunicorn stopped"
  sleep 0.5
done
for path in /healthz / /publications/ /boards/; do
  status=$(curl -sS -o "$work/page" -w '%{http_code}' "http://127.0.0.1:$port$path")
  echo "  $path $status"
  [[ "$status" == 200 ]] || fail "$path answered $status"
done
grep -q "Leadership Forum" "$work/page" || fail "/boards/ does not list the restored boards"
step "Restore test passed"
