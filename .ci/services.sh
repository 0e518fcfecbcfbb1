# Sourced by .ci/run and .ci/bench: start a PostgreSQL cluster and a Redis of our own on
# loopback, stop them on exit. Needs root and Debian's postgresql and redis-server packages.
PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
PG_PORT=${CI_PG_PORT:-55432}
REDIS_PORT=${CI_REDIS_PORT:-56379}
REDIS_DIR=$(mktemp -d)

stop_services() {
  [ -f "$REDIS_DIR/redis.pid" ] && kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" revmodci stop 2>/dev/null || true
  rm -rf "$REDIS_DIR"
}

start_services() {
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx revmodci; then
    pg_createcluster "$PG_VERSION" revmodci -p "$PG_PORT" >/dev/null
  fi
  pg_ctlcluster "$PG_VERSION" revmodci status >/dev/null 2>&1 \
    || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" revmodci start
  runuser -u postgres -- psql -p "$PG_PORT" -qtc "SELECT 1 FROM pg_roles WHERE rolname = 'revmod'" | grep -q 1 \
    || runuser -u postgres -- psql -p "$PG_PORT" -qc "CREATE ROLE revmod LOGIN CREATEDB PASSWORD 'revmod'"
  runuser -u postgres -- psql -p "$PG_PORT" -qtc "SELECT 1 FROM pg_database WHERE datname = 'revmod'" | grep -q 1 \
    || runuser -u postgres -- psql -p "$PG_PORT" -qc "CREATE DATABASE revmod OWNER revmod"
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 \
    || redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
      --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  export DATABASE_URL="postgres://revmod:revmod@127.0.0.1:$PG_PORT/revmod"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

fresh_database() {  # fresh_database NAME: drop and recreate a database owned by revmod
  runuser -u postgres -- psql -p "$PG_PORT" -qc "DROP DATABASE IF EXISTS $1" >/dev/null
  runuser -u postgres -- psql -p "$PG_PORT" -qc "CREATE DATABASE $1 OWNER revmod" >/dev/null
}
