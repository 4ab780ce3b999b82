#!/usr/bin/env bash
# Back up the portal: the database (pg_dump, custom format) and the private files (a tarball of
# PRIVATE_MEDIA_ROOT), into a new folder BACKUP_DIR/bscp-<UTC time>/ whose path is the last line printed.
#
#   scripts/backup.sh [BACKUP_DIR]        (default: $BACKUP_DIR, else ./backups)
#
# Reads DATABASE_URL (postgres://...) and PRIVATE_MEDIA_ROOT from the environment: load the same environment
# file as the services. With uploads in object storage (S3) set BACKUP_FILES=no: the bucket's versioning and
# replication keep the files (docs/operations.md). The database is dumped first, then the files: files are only
# ever added, so every file the dump refers to is in the tarball.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"

fail() { echo "backup.sh: $*" >&2; exit 1; }

for tool in pg_dump psql tar sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install postgresql-client)"
done
url="${DATABASE_URL:-}"
[[ "$url" =~ ^postgres(ql)?:// ]] || fail "set DATABASE_URL to the portal's database (postgres://user:password@host:5432/name)"

# pg_dump refuses a server newer than itself; say so before starting.
server=$(psql "$url" -XAtqc "SHOW server_version_num") || fail "cannot connect to the database in DATABASE_URL"
server_major=$((server / 10000))
client_major=$(pg_dump --version | grep -oE '[0-9]+' | head -1)
((client_major >= server_major)) ||
  fail "pg_dump $client_major cannot dump a PostgreSQL $server_major server: install the PostgreSQL $server_major client"

umask 077  # the backup holds every case and child's details: readable by its owner only
target="${1:-${BACKUP_DIR:-$project/backups}}/bscp-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"

pg_dump --format=custom --file="$target/database.dump" "$url"

files="${PRIVATE_MEDIA_ROOT:-$project/private_media}"
if [[ "${BACKUP_FILES:-yes}" == "no" ]]; then
  echo "Private files: not in this backup (BACKUP_FILES=no): kept by the object storage's versioning." \
    >"$target/FILES-NOT-INCLUDED"
elif [[ -d "$files" ]]; then
  tar -czf "$target/private-files.tar.gz" -C "$files" .
else
  echo "backup.sh: no private files yet ($files does not exist): an empty tarball" >&2
  tar -czf "$target/private-files.tar.gz" -T /dev/null
fi

{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database server: PostgreSQL $server_major ($server); $(pg_dump --version)"
  echo "release: $(git -C "$project" rev-parse HEAD 2>/dev/null || echo unknown)"
} >"$target/MANIFEST"
(cd "$target" && sha256sum ./* >SHA256SUMS)
echo "$target"
