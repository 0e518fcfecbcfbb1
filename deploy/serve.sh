#!/usr/bin/env bash
# One web worker of revmod on 127.0.0.1:PORT, served by the server REVMOD_SERVER names.
#
#   deploy/serve.sh web PORT       a web worker: plain HTTP, and WebSocket too unless the
#                                  set-up splits them (REVMOD_SERVER=wsgi)
#   deploy/serve.sh sockets PORT   a socket worker: only the /ws/ routes (REVMOD_SERVER=wsgi)
#
# REVMOD_SERVER (measured side by side by `make bench`, see README "Choosing the server"):
#   wsgi     HTTP on granian's WSGI interface (no ASGI-to-sync hop per view, a pool of
#            REVMOD_WSGI_THREADS threads), WebSocket on separate socket workers served by
#            REVMOD_SOCKET_SERVER (default uvicorn); nginx routes /ws/ to them. The default.
#   daphne   one ASGI server for both (Django's and Channels' reference server)
#   uvicorn  one ASGI server for both, uvloop + httptools
#   granian  one ASGI server for both, granian's ASGI interface
# Every set-up runs one process per port; nginx balances the ports (deploy/nginx/revmod.conf).
# systemd's revmod-web@PORT and revmod-sockets@PORT, `make prod-local` and `make bench`
# all start workers through this file, so what is measured and tested is what ships.
set -euo pipefail
cd "$(dirname "$0")/.."
role=${1:?usage: deploy/serve.sh web|sockets PORT}
port=${2:?usage: deploy/serve.sh web|sockets PORT}
server=${REVMOD_SERVER:-wsgi}
BIN=${REVMOD_BIN:-$PWD/.venv/bin}
HOST=${REVMOD_BIND:-127.0.0.1}

asgi() {  # asgi SERVER: serve revmod.asgi on HOST:port
  case "$1" in
    daphne) exec "$BIN/daphne" --bind "$HOST" --port "$port" --proxy-headers revmod.asgi:application ;;
    uvicorn)
      # Channels' router answers no lifespan events; the access log is nginx's.
      exec "$BIN/uvicorn" --host "$HOST" --port "$port" --loop uvloop --http httptools --ws websockets-sansio --log-level warning \
        --lifespan off --no-access-log --proxy-headers --forwarded-allow-ips 127.0.0.1 revmod.asgi:application ;;
    granian)
      exec "$BIN/granian" --interface asginl --host "$HOST" --port "$port" --workers 1 --loop uvloop \
        --log-level warning revmod.asgi:application ;;
    *) echo "deploy/serve.sh: unknown ASGI server '$1' (daphne, uvicorn or granian)" >&2; exit 2 ;;
  esac
}

case "$role:$server" in
  web:wsgi)
    # Threads wait on the database more than they compute: a few per core keep it busy.
    exec "$BIN/granian" --interface wsgi --host "$HOST" --port "$port" --workers 1 \
      --blocking-threads "${REVMOD_WSGI_THREADS:-4}" --log-level warning --no-ws revmod.wsgi:application ;;
  sockets:wsgi) asgi "${REVMOD_SOCKET_SERVER:-uvicorn}" ;;
  web:*) asgi "$server" ;;
  sockets:*) echo "deploy/serve.sh: REVMOD_SERVER=$server serves sockets on its web workers; no socket worker" >&2; exit 2 ;;
  *) echo "deploy/serve.sh: unknown role '$role' (web or sockets)" >&2; exit 2 ;;
esac
