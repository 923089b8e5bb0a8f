#!/usr/bin/env bash
# Starts (start) or stops (stop) the production topology for the system tests, on ports of its
# own so it never meets a real deployment or the services' integration-test servers. Secrets are
# random per run and live only in the env file under target/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
: "${BLOG_ENV_FILE:?}" "${SYSTEM_TOPOLOGY_DIR:?}" "${SYSTEM_GATEWAY_PORT:?}"

case ${1:-} in
  start)
    # Leftovers of an aborted run.
    [[ -x $SYSTEM_TOPOLOGY_DIR/wlp/bin/server ]] && "$SYSTEM_TOPOLOGY_DIR/wlp/bin/server" stop blog-dev >/dev/null 2>&1
    [[ -f $BLOG_ENV_FILE ]] && "$ROOT/scripts/deployment/stop-production.sh" >/dev/null 2>&1
    rm -rf "$SYSTEM_TOPOLOGY_DIR"
    # The gateway port decides the offset of every other port (18088 → +10000).
    "$ROOT/scripts/deployment/new-env-file.sh" "$BLOG_ENV_FILE" "$SYSTEM_TOPOLOGY_DIR" $((SYSTEM_GATEWAY_PORT - 8088))
    started=$(date +%s)
    "$ROOT/scripts/deployment/start-production.sh"
    echo "system tests: start-production.sh took $(( $(date +%s) - started )) s"
    ;;
  stop)
    "$ROOT/scripts/deployment/stop-production.sh"
    rm -rf "$SYSTEM_TOPOLOGY_DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
