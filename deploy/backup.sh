#!/usr/bin/env bash
# Back up revmod: the database and the uploaded files, into a new folder of DEST_DIR.
#
#   deploy/backup.sh DEST_DIR [NAME]
#
# Reads the services' environment file (REVMOD_ENV, default /etc/revmod/revmod.env; the one of
# `make prod-local` is .prod-local/revmod.env) for DATABASE_URL and MEDIA_ROOT, and writes
# DEST_DIR/NAME (default revmod-YYYYMMDDTHHMMSSZ, UTC) holding:
#   database.dump   pg_dump -Fc of the database (one snapshot)
#   media.tar.gz    MEDIA_ROOT: evidence files, meeting and stakeholder files, exports
#   manifest.txt    the sha256 of both, the row count of every table in that same snapshot,
#                   the migrations applied, and where it came from
# The folder is written under a hidden temporary name and renamed when complete: a folder
# named revmod-* is always a whole backup. Readable by its owner only (the answers of a
# review are confidential). Restore it with deploy/restore.sh; exit codes in backup-common.sh.
#
# Why the database first and the files after: the app writes a file into MEDIA_ROOT before it
# commits the row that names it (an evidence file is saved inside the transaction that creates
# its row; an export's file before the row says it is ready) and never rewrites a stored file.
# So every row of the dump's snapshot names a file that was already on disk when the snapshot
# was taken, and is still there when tar reads the folder a moment later. Files in the archive
# that no row names (uploads committed after the snapshot, or rolled back) are harmless. The
# other order would lose files: an upload committed between the archive and the dump would be
# in the database but not in the archive. The one gap left is a file deleted while the backup
# runs (a trainer removing a lesson file): its row is in the dump, its file may not be.
set -euo pipefail
# shellcheck source=backup-common.sh
source "$(dirname "$0")/backup-common.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || refuse 2 "usage: $0 DEST_DIR [NAME]"
DEST=$1
NAME=${2:-revmod-$(date -u +%Y%m%dT%H%M%SZ)}
[[ $NAME != */* && $NAME != .* ]] || refuse 2 "NAME is a folder name, without / and not starting with a dot"

need_tools pg_dump pg_restore psql tar gzip sha256sum python3
load_env
database_as_libpq
[ -d "$MEDIA_ROOT" ] || refuse 4 "MEDIA_ROOT $MEDIA_ROOT is not a folder"
FINAL=$DEST/$NAME
[ ! -e "$FINAL" ] || refuse 6 "$FINAL exists already: choose another DEST_DIR or NAME; nothing was written"
reachable

umask 077
mkdir -p "$DEST"
TMP=$DEST/.$NAME.partial
mkdir "$TMP" 2>/dev/null || refuse 6 "$TMP exists: another backup of that name is running, or one died (remove it)"
SNAPSHOT_PID=""
cleanup() {
  local status=$?
  [ -n "$SNAPSHOT_PID" ] && kill "$SNAPSHOT_PID" 2>/dev/null
  if [ $status -ne 0 ]; then
    rm -rf "$TMP"
    printf '%s: failed; nothing kept (the partial folder %s was removed)\n' "$SCRIPT" "$TMP" >&2
  fi
}
trap cleanup EXIT

began=$(date +%s%3N)
say "backing up $DATABASE_LABEL and $MEDIA_ROOT into $FINAL"

# One transaction holds the snapshot: pg_dump reads it (--snapshot) and the row counts are taken
# in it, so the manifest counts exactly the rows the dump holds, whatever is written meanwhile.
coproc SNAPSHOT { exec psql -X -qAt -v ON_ERROR_STOP=1 2>"$TMP/.psql-errors"; }
SNAPSHOT_PID=$SNAPSHOT_PID
exec {TO_SNAPSHOT}>&"${SNAPSHOT[1]}" {FROM_SNAPSHOT}<&"${SNAPSHOT[0]}"
echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&$TO_SNAPSHOT
read -r snapshot <&$FROM_SNAPSHOT || refuse 5 "cannot open a snapshot of $DATABASE_LABEL: $(cat "$TMP/.psql-errors")"

pg_dump --format=custom --snapshot="$snapshot" --file="$TMP/database.dump" \
  || refuse 8 "pg_dump of $DATABASE_LABEL failed"
dumped=$(date +%s%3N)

# A second session joins the snapshot to count (the first one only holds it open).
mapfile -t counts < <(psql -X -qAt -v ON_ERROR_STOP=1 <<SQL
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SET TRANSACTION SNAPSHOT '$snapshot';
$COUNT_ROWS_SQL
SELECT 'migration ' || app || ' ' || max(name) FROM django_migrations GROUP BY app ORDER BY app;
SELECT '--end--';
COMMIT;
SQL
)
[ "${counts[-1]:-}" = "--end--" ] || refuse 8 "counting the rows of $DATABASE_LABEL failed"
unset 'counts[-1]'
printf 'COMMIT;\n\\q\n' >&$TO_SNAPSHOT
wait "$SNAPSHOT_PID" || true
SNAPSHOT_PID=""
rm -f "$TMP/.psql-errors"

# Now the files (see the top for why after the dump). tar exits 1 when a file changed while it
# was read: only an upload still being written can, and no row of the snapshot names it.
status=0
tar --create --gzip --file="$TMP/media.tar.gz" --directory="$MEDIA_ROOT" --ignore-failed-read \
  --warning=no-file-changed --warning=no-file-removed . || status=$?
[ $status -le 1 ] || refuse 8 "archiving $MEDIA_ROOT failed (tar exit $status)"
files=$(find "$MEDIA_ROOT" -type f | wc -l)
media_bytes=$(du -sb "$MEDIA_ROOT" | cut -f1)
archived=$(date +%s%3N)

pg_restore --list "$TMP/database.dump" >/dev/null || refuse 8 "the dump just written cannot be read back"
gzip --test "$TMP/media.tar.gz" || refuse 8 "the archive just written cannot be read back"

{
  echo "# revmod backup, written by deploy/backup.sh; deploy/restore.sh checks it before restoring."
  echo "format 1"
  echo "created $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database $DATABASE_LABEL, PostgreSQL $(psql_value 'SHOW server_version')"
  echo "media $MEDIA_ROOT, $files files, $media_bytes bytes"
  echo "app $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
  (cd "$TMP" && sha256sum database.dump media.tar.gz) | sed 's/^/sha256 /'
  printf '%s\n' "${counts[@]}"
} >"$TMP/manifest.txt"

sync "$TMP"/database.dump "$TMP"/media.tar.gz "$TMP"/manifest.txt
mv "$TMP" "$FINAL"
sync "$DEST"
trap - EXIT

ended=$(date +%s%3N)
tables=$(printf '%s\n' "${counts[@]}" | grep -c '^rows ' || true)
rows=$(printf '%s\n' "${counts[@]}" | awk '$1 == "rows" {sum += $3} END {print sum + 0}')
say "done: $FINAL"
seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }  # milliseconds as seconds
printf 'backup %s: %s tables, %s rows, %s files; dump %s bytes, media %s bytes (archive %s); %s s (dump %s s, media %s s)\n' \
  "$NAME" "$tables" "$rows" "$files" "$(stat -c %s "$FINAL/database.dump")" "$media_bytes" \
  "$(stat -c %s "$FINAL/media.tar.gz")" "$(seconds $((ended - began)))" \
  "$(seconds $((dumped - began)))" "$(seconds $((archived - dumped)))"
