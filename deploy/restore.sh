#!/usr/bin/env bash
# Restore a backup of deploy/backup.sh into a fresh database and an empty media folder.
#
#   deploy/restore.sh BACKUP_DIR
#
# Reads the environment file (REVMOD_ENV, default /etc/revmod/revmod.env) for the database
# (DATABASE_URL) and MEDIA_ROOT to restore into. In order, and changing nothing until the
# checks pass: checks the sha256 of the dump and the archive against the manifest; refuses a
# database that already has tables and a MEDIA_ROOT that holds files (it never overwrites);
# restores the dump in one transaction (pg_restore --no-owner: the tables belong to the user of
# DATABASE_URL, whoever owned them before); checks every table's row count against the
# manifest; extracts the files; then `manage.py migrate` (a backup from an older release is
# brought up to date) and `manage.py check`. Stop the services before restoring over the
# database they use. Exit codes in backup-common.sh. The app's Python is REVMOD_PYTHON, by
# default .venv/bin/python of this checkout.
set -euo pipefail
# shellcheck source=backup-common.sh
source "$(dirname "$0")/backup-common.sh"

[ $# -eq 1 ] || refuse 2 "usage: $0 BACKUP_DIR"
BACKUP=$1
PYTHON=${REVMOD_PYTHON:-$ROOT/.venv/bin/python}

need_tools pg_restore psql tar gzip sha256sum python3
[ -x "$PYTHON" ] || refuse 3 "no Python of the app at $PYTHON (set REVMOD_PYTHON)"
for file in manifest.txt database.dump media.tar.gz; do
  [ -f "$BACKUP/$file" ] || refuse 7 "$BACKUP/$file is missing: not a whole backup of deploy/backup.sh"
done
load_env
database_as_libpq

began=$(date +%s%3N)
say "checking the checksums of $BACKUP"
sums=$(awk '$1 == "sha256" {print $2 "  " $3}' "$BACKUP/manifest.txt")
[ "$(wc -l <<<"$sums")" -eq 2 ] || refuse 7 "$BACKUP/manifest.txt does not list the two checksums"
(cd "$BACKUP" && sha256sum --check --strict --quiet <<<"$sums") \
  || refuse 7 "a file of $BACKUP does not match its checksum: the backup is damaged, restore another; nothing was changed"

reachable
tables=$(psql_value "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || refuse 6 "the database $DATABASE_LABEL already has $tables tables; restore only into an empty one, e.g.
  runuser -u postgres -- createdb --port=$PGPORT --owner=${PGUSER:-revmod} ${PGDATABASE}_restored
and point DATABASE_URL in $ENV_FILE at it (or drop and create $PGDATABASE again if you mean to replace it). Nothing was changed."
if [ -e "$MEDIA_ROOT" ]; then
  [ -d "$MEDIA_ROOT" ] || refuse 6 "MEDIA_ROOT $MEDIA_ROOT is not a folder. Nothing was changed."
  [ -z "$(find "$MEDIA_ROOT" -mindepth 1 -print -quit)" ] \
    || refuse 6 "MEDIA_ROOT $MEDIA_ROOT is not empty; restore into an empty folder (move this one aside). Nothing was changed."
fi

say "restoring the database into $DATABASE_LABEL"
# One transaction: a dump that fails halfway leaves the database as empty as it was. No owner
# and no grants: the roles of the source cluster need not exist here.
pg_restore --no-owner --no-acl --single-transaction --exit-on-error --dbname="$PGDATABASE" "$BACKUP/database.dump" \
  || refuse 8 "pg_restore failed; the database $DATABASE_LABEL was left empty"
restored=$(date +%s%3N)

# The same counts as the manifest's, before migrate adds anything.
expected=$(awk '$1 == "rows" {print $2 " " $3}' "$BACKUP/manifest.txt")
found=$(psql -X -qAt -v ON_ERROR_STOP=1 <<<"$COUNT_ROWS_SQL" | awk '{print $2 " " $3}')
if [ "$expected" != "$found" ]; then
  diff <(echo "$expected") <(echo "$found") >&2 || true
  refuse 7 "the restored row counts differ from the manifest (above: < backup, > restored); the database $DATABASE_LABEL holds the restore, drop it before trying again"
fi

say "extracting the files into $MEDIA_ROOT"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$MEDIA_ROOT" \
  || refuse 8 "extracting the files failed; the database is restored, MEDIA_ROOT $MEDIA_ROOT is partly filled"
extracted=$(date +%s%3N)

say "bringing the database up to date (manage.py migrate) and checking (manage.py check)"
cd "$ROOT"
"$PYTHON" manage.py migrate --noinput || refuse 8 "manage.py migrate failed on the restored database"
"$PYTHON" manage.py check || refuse 8 "manage.py check failed"
ended=$(date +%s%3N)

seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }  # milliseconds as seconds
rows=$(awk '{sum += $2} END {print sum + 0}' <<<"$found")
printf 'restore of %s: %s tables, %s rows, %s files; %s s (database %s s, files %s s, migrate and check %s s)\n' \
  "$(basename "$BACKUP")" "$(wc -l <<<"$found")" "$rows" "$(find "$MEDIA_ROOT" -type f | wc -l)" \
  "$(seconds $((ended - began)))" "$(seconds $((restored - began)))" "$(seconds $((extracted - restored)))" \
  "$(seconds $((ended - extracted)))"
