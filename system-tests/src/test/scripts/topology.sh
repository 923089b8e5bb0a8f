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
    mkdir -p "$(dirname "$BLOG_ENV_FILE")"
    secret() { openssl rand -hex 16; }
    (
      umask 077
      cat >"$BLOG_ENV_FILE" <<ENV
BLOG_PROD_DIR=$SYSTEM_TOPOLOGY_DIR
BLOG_PUBLIC_BASE_URL=http://127.0.0.1:$SYSTEM_GATEWAY_PORT
GATEWAY_PORT=$SYSTEM_GATEWAY_PORT
GATEWAY_INTERNAL_PORT=$((SYSTEM_GATEWAY_PORT + 1))
BLOG_USERS_PORTS="19111 19112"
BLOG_POSTS_PORTS="19121 19122"
BLOG_COMMENTS_PORTS="19131 19132"
BLOG_DB_PRIMARY_PORT=13326
BLOG_DB_REPLICA_PORT=13327
BLOG_REDIS_PORT=16381
BLOG_ES_PORT=19260
BLOG_ES_TRANSPORT_PORT=19360
BLOG_USERS_DB_PASSWORD=$(secret)
BLOG_POSTS_DB_PASSWORD=$(secret)
BLOG_COMMENTS_DB_PASSWORD=$(secret)
BLOG_REPL_PASSWORD=$(secret)
BLOG_REDIS_PASSWORD=$(secret)
BLOG_KEYSTORE_PASSWORD=$(secret)
BLOG_ADMIN_USERNAME=sysadmin
BLOG_ADMIN_EMAIL=sysadmin@example.test
BLOG_ADMIN_PASSWORD=$(secret)
ENV
    )
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
