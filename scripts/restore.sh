#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a NEW database (and a new files folder), then check that this
# release of the portal can run on it. The live database and files are never touched.
#
#   scripts/restore.sh BACKUP NEW_DATABASE_NAME [FILES_DIR]
#
# BACKUP is a folder printed by backup.sh. The new database is made on the server that DATABASE_URL names, as
# its user (who needs CREATEDB; or create the database empty beforehand). FILES_DIR must be new or empty
# (default: <PRIVATE_MEDIA_ROOT>-<NEW_DATABASE_NAME>). manage.py runs with the environment as it is, with
# DATABASE_URL and PRIVATE_MEDIA_ROOT pointing at the restored copies.
# Exit status: 0 restored and ready for this release; 3 restored but older than this release (run migrate on it
# before serving, see docs/operations.md); anything else failed.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$project/.venv/bin/python}"

fail() { echo "restore.sh: $*" >&2; exit 1; }

(($# >= 2)) || fail "usage: scripts/restore.sh BACKUP NEW_DATABASE_NAME [FILES_DIR]"
backup="$(cd "$1" && pwd)" || fail "no backup folder $1"
name="$2"
[[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "name the new database with lower-case letters, digits and _"
url="${DATABASE_URL:-}"
[[ "$url" =~ ^postgres(ql)?://[^/]*/[^/?]+ ]] || fail "set DATABASE_URL (postgres://user:password@host:5432/name)"
for tool in pg_restore psql tar sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install postgresql-client)"
done

(cd "$backup" && sha256sum --quiet --check SHA256SUMS) || fail "the backup's files do not match SHA256SUMS"

# The same server and user, the new database's name; any ?options kept.
query=""
[[ "$url" == *\?* ]] && query="?${url#*\?}"
base="${url%%\?*}"
new_url="${base%/*}/$name$query"

exists=$(psql "$url" -XAtqc "SELECT count(*) FROM pg_database WHERE datname = '$name'")
if ((exists == 0)); then
  psql "$url" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\"" ||
    fail "cannot create database $name: create it (empty) as an administrator, then run this again"
else
  tables=$(psql "$new_url" -XAtqc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
  ((tables == 0)) || fail "database $name already exists and is not empty: restore into a new name"
fi
echo "==> Restoring the database into $name"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$new_url" "$backup/database.dump"

files="${3:-${PRIVATE_MEDIA_ROOT:-$project/private_media}-$name}"
if [[ -f "$backup/private-files.tar.gz" ]]; then
  [[ ! -e "$files" || -z "$(ls -A "$files")" ]] || fail "$files is not empty: give a new folder for the files"
  echo "==> Restoring the private files into $files"
  mkdir -p "$files"
  tar -xzf "$backup/private-files.tar.gz" -C "$files"
else
  echo "==> No private files in this backup ($(cat "$backup/FILES-NOT-INCLUDED" 2>/dev/null || echo missing))"
fi

echo "==> Checking this release against the restored copy"
export DATABASE_URL="$new_url" PRIVATE_MEDIA_ROOT="$files"
cd "$project"
"$python" manage.py check --database default
if ! "$python" manage.py migrate --check >/dev/null; then
  echo "restore.sh: restored, but the database is older than this release: run manage.py migrate on it" \
    "(DATABASE_URL=<new database>) before serving it with this release" >&2
  exit 3
fi
echo "Restored and ready. To serve it, name database $name in DATABASE_URL and set PRIVATE_MEDIA_ROOT=$files"
