#!/usr/bin/env bash
# Restart each local web or socket worker that does not answer /healthz at all (refused or timed out).
# A worker that answers 503 is alive and says a shared service (database, Redis) is down:
# restarting it would not help, so it is left alone and the answer is logged.
set -uo pipefail
workers=""
for port in ${REVMOD_WEB_PORTS:-"8001 8002"}; do workers+=" revmod-web@$port"; done
for port in ${REVMOD_SOCKET_PORTS:-}; do workers+=" revmod-sockets@$port"; done
host=${REVMOD_HEALTH_HOST:-$(printf '%s' "${ALLOWED_HOSTS:-localhost}" | cut -d, -f1)}
for unit in $workers; do
  port=${unit#*@}
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Host: $host" "http://127.0.0.1:$port/healthz")
  case "$code" in
    200) ;;
    000) echo "$unit does not answer /healthz: restarting it"; systemctl restart "$unit" ;;
    *) echo "$unit answers /healthz with $code: a shared service is down, the worker is left running" ;;
  esac
done
