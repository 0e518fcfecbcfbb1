# Sourced by deploy/backup.sh and deploy/restore.sh: the environment file of the services, the
# database it names as libpq variables, and clear refusals. Exit codes shared by both scripts:
#   2 usage   3 a tool is missing   4 no environment file, or it lacks DATABASE_URL or MEDIA_ROOT
#   5 the database cannot be reached   6 the destination exists or is not empty
#   7 the backup is damaged (a checksum or row count differs)   8 a step failed midway
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPT=$(basename "$0")

refuse() {  # refuse CODE MESSAGE...: say why on stderr and stop
  local code=$1; shift
  printf '%s: %s\n' "$SCRIPT" "$*" >&2
  exit "$code"
}
say() { printf '[%s] %s\n' "$SCRIPT" "$*"; }

need_tools() {
  local tool missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] || refuse 3 "missing tools: ${missing[*]} (Debian: apt install postgresql-client tar gzip coreutils python3)"
}

load_env() {
  # The file the services read (systemd's EnvironmentFile). It is sourced as prod-local.sh does;
  # what the caller's environment holds for these two is dropped first, so a file without them
  # is refused rather than backing up or overwriting whatever the shell happened to point at.
  ENV_FILE=${REVMOD_ENV:-/etc/revmod/revmod.env}
  [ -r "$ENV_FILE" ] || refuse 4 "cannot read the environment file $ENV_FILE (set REVMOD_ENV to its path)"
  unset DATABASE_URL MEDIA_ROOT
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
  [ -n "${DATABASE_URL:-}" ] || refuse 4 "$ENV_FILE sets no DATABASE_URL"
  [ -n "${MEDIA_ROOT:-}" ] || refuse 4 "$ENV_FILE sets no MEDIA_ROOT"
}

database_as_libpq() {
  # DATABASE_URL as PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE: the password stays out of
  # the command lines that `ps` shows, and percent-escapes in it are decoded.
  local exports
  exports=$(python3 - "$DATABASE_URL" <<'PY'
import shlex
import sys
from urllib.parse import unquote, urlsplit

url = urlsplit(sys.argv[1])
if url.scheme not in {"postgres", "postgresql", "pgsql"}:
    sys.exit(1)
values = {
    "PGHOST": unquote(url.hostname or ""),
    "PGPORT": str(url.port or 5432),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
}
for name, value in values.items():
    if value:
        print(f"export {name}={shlex.quote(value)}")
PY
  ) || refuse 4 "DATABASE_URL in $ENV_FILE is not a PostgreSQL URL (postgres://user:password@host:port/name)"
  unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE
  eval "$exports"
  DATABASE_LABEL="${PGDATABASE} on ${PGHOST:-the local socket}:${PGPORT}"
}

psql_value() {  # psql_value SQL: one value, or nothing when the database does not answer
  psql -X -qAt -v ON_ERROR_STOP=1 -c "$1" 2>/dev/null
}

reachable() {
  local answer
  answer=$(psql -X -qAt -v ON_ERROR_STOP=1 -c "SELECT 1" 2>&1) && return 0
  refuse 5 "cannot reach the database $DATABASE_LABEL: ${answer//$'\n'/ }"
}

# Every table of the app, counted exactly: one line "rows TABLE COUNT" each (psql's \gexec runs
# the generated queries in the session, so inside a transaction they share its snapshot).
COUNT_ROWS_SQL="SELECT format('SELECT %L || '' '' || count(*) FROM %I.%I', 'rows ' || tablename, schemaname, tablename)
  FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename \\gexec"
