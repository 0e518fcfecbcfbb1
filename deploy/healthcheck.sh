#!/usr/bin/env bash
# Restart each local web worker that does not answer /healthz at all (refused or timed out).
# A worker that answers 503 is alive and says a shared service (database, Redis) is down:
# restarting it would not help, so it is left alone and the answer is logged.
set -uo pipefail
ports=${REVMOD_WEB_PORTS:-"8001 8002"}
host=${REVMOD_HEALTH_HOST:-$(printf '%s' "${ALLOWED_HOSTS:-localhost}" | cut -d, -f1)}
for port in $ports; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Host: $host" "http://127.0.0.1:$port/healthz")
  case "$code" in
    200) ;;
    000) echo "revmod-web@$port does not answer /healthz: restarting it"; systemctl restart "revmod-web@$port" ;;
    *) echo "revmod-web@$port answers /healthz with $code: a shared service is down, the worker is left running" ;;
  esac
done
