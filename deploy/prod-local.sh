#!/usr/bin/env bash
# The production stack on this machine, for a trial, the fault suite and the benchmark:
# PostgreSQL, Redis, nginx (TLS, the site file deploy/nginx/revmod.conf rendered for
# loopback ports), two web workers, a Celery worker and one beat, with DEBUG=false.
#
#   deploy/prod-local.sh up       start everything (installs nginx from Debian if missing)
#   deploy/prod-local.sh down     stop everything it started
#   deploy/prod-local.sh status   what runs
#   deploy/prod-local.sh env      print the environment the services run with (for `source`)
#   deploy/prod-local.sh start web-PORT|worker|beat   start one part again (the fault suite)
#
#   deploy/prod-local.sh nginx-config   only write the nginx configuration (`make bench`)
#
# Needs root (Debian packages, the PostgreSQL cluster). State, logs and uploads live in
# .prod-local/ (PROD_LOCAL_DIR). Ports: PROD_LOCAL_HTTPS_PORT (8443), PROD_LOCAL_HTTP_PORT
# (8080), PROD_LOCAL_WORKERS ("8101 8102"), PROD_LOCAL_SOCKET_WORKERS ("8103 8104", when
# REVMOD_SERVER serves sockets apart: see deploy/serve.sh); PostgreSQL and Redis as in
# .ci/services.sh. REVMOD_SERVER chooses the server, as in production.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STATE=${PROD_LOCAL_DIR:-$ROOT/.prod-local}
HTTPS_PORT=${PROD_LOCAL_HTTPS_PORT:-8443}
HTTP_PORT=${PROD_LOCAL_HTTP_PORT:-8080}
WORKERS=${PROD_LOCAL_WORKERS:-"8101 8102"}
SERVER=${REVMOD_SERVER:-wsgi}
# Only the split set-up has socket workers; the others serve sockets on the web workers.
if [ "$SERVER" = wsgi ]; then SOCKET_WORKERS=${PROD_LOCAL_SOCKET_WORKERS:-"8103 8104"}; else SOCKET_WORKERS=""; fi
DATABASE=${PROD_LOCAL_DATABASE:-revmod_prod}
REDIS_DB=${PROD_LOCAL_REDIS_DB:-3}
BIN=$ROOT/.venv/bin
say() { printf '[prod-local] %s\n' "$*"; }

# shellcheck source=../.ci/services.sh
source "$ROOT/.ci/services.sh"

write_env() {
  mkdir -p "$STATE"/{logs,run,media,mail,tls,nginx}
  [ -s "$STATE/secret_key" ] || { umask 077; "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(50))" >"$STATE/secret_key"; }
  cat >"$STATE/revmod.env" <<EOF
SECRET_KEY_FILE=$STATE/secret_key
DEBUG=false
ALLOWED_HOSTS=localhost,127.0.0.1
CSRF_TRUSTED_ORIGINS=https://localhost:$HTTPS_PORT
SITE_URL=https://localhost:$HTTPS_PORT
HTTPS=true
BEHIND_PROXY=true
PROXY_COUNT=1
SECURE_HSTS_SECONDS=60
DATABASE_URL=postgres://revmod:revmod@127.0.0.1:$PG_PORT/$DATABASE
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$REDIS_DB
# A killed Celery worker's task comes back after this many seconds: short for the fault suite,
# still longer than any export of its small reviews.
CELERY_VISIBILITY_TIMEOUT=20
MEDIA_ROOT=$STATE/media
EMAIL_FILE_PATH=$STATE/mail
LOG_LEVEL=WARNING
REVMOD_SERVER=$SERVER
REVMOD_WEB_PORTS="$WORKERS"
REVMOD_SOCKET_PORTS="$SOCKET_WORKERS"
EOF
}

load_env() { set -a; . "$STATE/revmod.env"; set +a; }

ensure_nginx() {
  command -v nginx >/dev/null && return
  say "installing nginx from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null; }
}

render_nginx() {
  [ -s "$STATE/tls/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$STATE/tls/key.pem" -out "$STATE/tls/cert.pem" 2>/dev/null
  local upstreams="" sockets="" port
  for port in $WORKERS; do upstreams+="    server 127.0.0.1:$port max_fails=2 fail_timeout=10s;\n"; done
  for port in ${SOCKET_WORKERS:-$WORKERS}; do sockets+="    server 127.0.0.1:$port max_fails=2 fail_timeout=10s;\n"; done
  # The shipped site file, with loopback ports, the local certificate and this checkout's static files.
  sed -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
      -e '/listen \[::\]/d' \
      -e "s|server_name revmod.example.org;|server_name localhost 127.0.0.1;|" \
      -e "s|return 301 https://\$host\$request_uri;|return 301 https://\$host:$HTTPS_PORT\$request_uri;|" \
      -e "s|/etc/ssl/revmod/fullchain.pem|$STATE/tls/cert.pem|" \
      -e "s|/etc/ssl/revmod/privkey.pem|$STATE/tls/key.pem|" \
      -e "s|/srv/revmod/app/staticfiles/|$ROOT/staticfiles/|" \
      -e '/^    server 127.0.0.1:800[0-9] /d' \
      -e "s|^    keepalive 32;|$upstreams    keepalive 32;|" \
      -e "s|^    # the socket workers|$sockets    # the socket workers|" \
      deploy/nginx/revmod.conf >"$STATE/nginx/site.conf"
  cat >"$STATE/nginx/nginx.conf" <<EOF
user root;
worker_processes 2;
pid $STATE/run/nginx.pid;
error_log $STATE/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log $STATE/logs/nginx-access.log;
    client_body_temp_path $STATE/nginx/body;
    proxy_temp_path $STATE/nginx/proxy;
    fastcgi_temp_path $STATE/nginx/fastcgi;
    uwsgi_temp_path $STATE/nginx/uwsgi;
    scgi_temp_path $STATE/nginx/scgi;
    include $STATE/nginx/site.conf;
}
EOF
  nginx -t -q -c "$STATE/nginx/nginx.conf"
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_process() {  # start_process NAME COMMAND...: in the background, its pid in run/NAME.pid
  local name=$1; shift
  alive "$STATE/run/$name.pid" && return
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/run/$name.pid"
}

start_worker() {  # start_worker web|sockets PORT
  REVMOD_SERVER=$SERVER start_process "$1-$2" bash "$ROOT/deploy/serve.sh" "$1" "$2"
}

start_named() {  # start_named web-PORT|sockets-PORT|worker|beat
  case "$1" in
    web-*) start_worker web "${1#web-}" ;;
    sockets-*) start_worker sockets "${1#sockets-}" ;;
    worker) start_process worker "$BIN/celery" -A revmod worker --loglevel WARNING --concurrency 2 --hostname "worker@prod-local" ;;
    beat) start_process beat "$BIN/celery" -A revmod beat --loglevel WARNING --pidfile= ;;
    *) echo "unknown part: $1" >&2; return 2 ;;
  esac
}

wait_listening() {  # wait_listening PORT...: until each worker accepts connections
  local port
  for port in "$@"; do
    for _ in $(seq 120); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue 2
      sleep 0.5
    done
    say "worker $port does not listen; logs in $STATE/logs"; tail -n 20 "$STATE"/logs/*-"$port".log; return 1
  done
}

wait_healthy() {
  for _ in $(seq 120); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://localhost:$HTTPS_PORT/healthz")" = 200 ] && return 0
    sleep 0.5
  done
  say "the stack did not become healthy; logs in $STATE/logs"; tail -n 20 "$STATE"/logs/*.log; return 1
}

up() {
  ensure_nginx
  if ! pg_lsclusters -h 2>/dev/null | awk '$2 == "revmodci" && $4 == "online"' | grep -q . \
     || ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    start_services
    touch "$STATE.services-started"  # `down` stops them again; it leaves alone those it did not start
  fi
  runuser -u postgres -- psql -p "$PG_PORT" -qtc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 \
    || runuser -u postgres -- psql -p "$PG_PORT" -qc "CREATE DATABASE $DATABASE OWNER revmod" >/dev/null
  write_env
  load_env
  say "migrating, compiling translations and collecting static files"
  "$BIN/python" manage.py migrate --noinput -v0
  "$BIN/python" manage.py compile_translations >/dev/null
  "$BIN/python" manage.py collectstatic --noinput -v0
  render_nginx
  for port in $WORKERS; do start_worker web "$port"; done
  for port in $SOCKET_WORKERS; do start_worker sockets "$port"; done
  start_named worker
  start_named beat
  # nginx starts once the workers listen: probing earlier would count their refusals as
  # failures and take both out of the upstream for its fail_timeout.
  wait_listening $WORKERS $SOCKET_WORKERS
  alive "$STATE/run/nginx.pid" || nginx -c "$STATE/nginx/nginx.conf"
  wait_healthy
  say "up: https://localhost:$HTTPS_PORT/ (self-signed certificate), $SERVER web workers on $WORKERS${SOCKET_WORKERS:+, socket workers on $SOCKET_WORKERS}"
}

stop_pidfile() {
  local file=$1
  alive "$file" || { rm -f "$file"; return; }
  local pid; pid=$(cat "$file")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

down() {
  [ -d "$STATE/run" ] || { say "not running"; return; }
  alive "$STATE/run/nginx.pid" && nginx -c "$STATE/nginx/nginx.conf" -s quit 2>/dev/null || true
  for file in "$STATE"/run/*.pid; do [ -e "$file" ] && stop_pidfile "$file"; done
  if [ -e "$STATE.services-started" ]; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" revmodci stop 2>/dev/null || true
    rm -f "$STATE.services-started"
  fi
  say "down"
}

status() {
  for file in "$STATE"/run/*.pid; do
    [ -e "$file" ] || continue
    if alive "$file"; then echo "$(basename "$file" .pid): running (pid $(cat "$file"))"; else echo "$(basename "$file" .pid): stopped"; fi
  done
  curl -sk "https://localhost:$HTTPS_PORT/healthz" || true; echo
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) cat "$STATE/revmod.env" ;;
  start) load_env; start_named "$2" ;;
  nginx-config) mkdir -p "$STATE"/{logs,run,tls,nginx}; render_nginx ;;
  *) echo "usage: $0 up|down|status|env|nginx-config|start web-PORT|sockets-PORT|worker|beat" >&2; exit 2 ;;
esac
