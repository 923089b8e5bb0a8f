#!/usr/bin/env bash
# Starts (start) or stops (stop) the production topology for the system tests, on ports of its
# own so it never meets a real deployment or the services' integration-test servers. Secrets are
# random per run and live only in the env file under target/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
: "${BLOG_ENV_FILE:?}" "${SYSTEM_TOPOLOGY_DIR:?}" "${SYSTEM_GATEWAY_PORT:?}"

stop_webhook() {
  if [[ -f $SYSTEM_TOPOLOGY_DIR/alert-webhook.pid ]]; then
    kill "$(cat "$SYSTEM_TOPOLOGY_DIR/alert-webhook.pid")" 2>/dev/null || echo "alert webhook receiver was not running"
  fi
}

case ${1:-} in
  start)
    # Leftovers of an aborted run. Stopping what is no longer running fails, and must not stop
    # this script (set -e would end it silently on the failing stop).
    if [[ -x $SYSTEM_TOPOLOGY_DIR/wlp/bin/server ]]; then
      "$SYSTEM_TOPOLOGY_DIR/wlp/bin/server" stop blog-dev >/dev/null 2>&1 \
        || echo "system tests: an earlier run's one-command server was not running"
    fi
    if [[ -f $BLOG_ENV_FILE ]]; then
      "$ROOT/scripts/deployment/stop-production.sh" >/dev/null 2>&1 \
        || echo "system tests: an earlier run's topology was not (fully) running"
    fi
    stop_webhook
    rm -rf "$SYSTEM_TOPOLOGY_DIR"
    # The gateway port decides the offset of every other port (18088 → +10000). Alerts go to a
    # webhook receiver that MonitoringIT reads; short intervals so the alert drill takes minutes.
    offset=$((SYSTEM_GATEWAY_PORT - 8088))
    webhook_port=$((9398 + offset))
    mkdir -p "$SYSTEM_TOPOLOGY_DIR"
    setsid python3 "$ROOT/scripts/test/alert-webhook.py" "$webhook_port" "$SYSTEM_TOPOLOGY_DIR/alert-webhook.jsonl" \
      </dev/null >"$SYSTEM_TOPOLOGY_DIR/alert-webhook.log" 2>&1 &
    echo $! >"$SYSTEM_TOPOLOGY_DIR/alert-webhook.pid"
    "$ROOT/scripts/deployment/new-env-file.sh" "$BLOG_ENV_FILE" "$SYSTEM_TOPOLOGY_DIR" "$offset" \
      BLOG_ALERT_WEBHOOK_URL="http://127.0.0.1:$webhook_port/alerts" \
      BLOG_ALERT_WEBHOOK_LOG="$SYSTEM_TOPOLOGY_DIR/alert-webhook.jsonl" \
      BLOG_PROMETHEUS_SCRAPE_INTERVAL=5s BLOG_ALERTMANAGER_GROUP_WAIT=5s BLOG_ALERTMANAGER_GROUP_INTERVAL=10s
    started=$(date +%s)
    "$ROOT/scripts/deployment/start-production.sh"
    echo "system tests: start-production.sh took $(( $(date +%s) - started )) s"
    ;;
  stop)
    "$ROOT/scripts/deployment/stop-production.sh"
    stop_webhook
    rm -rf "$SYSTEM_TOPOLOGY_DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
