#!/usr/bin/env bash
# The operations console (admin-console, Vaadin) of the production topology: its own Liberty
# server "console" in the topology's runtime, on 127.0.0.1:$BLOG_CONSOLE_PORT only (operators reach
# it through an SSH tunnel or a TLS proxy of their own, never the public gateway).
#
#   scripts/deployment/console.sh start|stop|status
#
# Its settings come from the env file: where the gateway, the instances, MariaDB (through the
# read-only monitoring account), Prometheus, Alertmanager, the log index and the backup scripts are.
set -euo pipefail
log() { echo "console: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { echo "usage: $0 start|stop|status" >&2; exit 2; }
(( $# == 1 )) || usage
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"
DIR=$WLP/usr/servers/console
URL=http://127.0.0.1:$BLOG_CONSOLE_PORT

answers() { curl -sf -o /dev/null -m 3 "$URL/login"; }

create() {
  [[ -f admin-console/target/admin-console.war ]] || die "admin-console is not built: run ./mvnw package -DskipTests first"
  mkdir -p "$DIR/apps"
  cp admin-console/src/main/liberty/config/server.xml liberty-config/jvm.options liberty-config/bootstrap.properties "$DIR/"
  cp admin-console/target/admin-console.war "$DIR/apps/"
  local svc n port instances="" db_opts="connectTimeout=2000"
  while read -r svc _ n port; do instances+="$svc-$n=http://127.0.0.1:$port "; done < <(instances)
  (
    umask 077
    cat >"$DIR/server.env" <<ENV
HTTP_PORT=$BLOG_CONSOLE_PORT
keystore_password=$BLOG_KEYSTORE_PASSWORD
BLOG_LOG_CONSOLE_FORMAT=JSON
BLOG_CONSOLE_GATEWAY_URL=http://127.0.0.1:$GATEWAY_INTERNAL_PORT
BLOG_CONSOLE_INSTANCES=$instances
BLOG_CONSOLE_PROMETHEUS_URL=http://127.0.0.1:$BLOG_PROMETHEUS_PORT
BLOG_CONSOLE_ALERTMANAGER_URL=http://127.0.0.1:$BLOG_ALERTMANAGER_PORT
BLOG_CONSOLE_LOGS_URL=http://127.0.0.1:$BLOG_ES_PORT
BLOG_CONSOLE_DB_PRIMARY_URL=jdbc:mariadb://127.0.0.1:$BLOG_DB_PRIMARY_PORT/?$db_opts
BLOG_CONSOLE_DB_REPLICA_URL=jdbc:mariadb://127.0.0.1:$BLOG_DB_REPLICA_PORT/?$db_opts
BLOG_CONSOLE_DB_USER=blog_exporter
BLOG_CONSOLE_DB_PASSWORD=$BLOG_EXPORTER_DB_PASSWORD
BLOG_CONSOLE_REPO_ROOT=$DEPLOY_ROOT
BLOG_CONSOLE_ENV_FILE=$(realpath "$BLOG_ENV_FILE")
BLOG_CONSOLE_AUDIT_FILE=$BLOG_PROD_DIR/console/audit.jsonl
BLOG_CONSOLE_REPORTS_DIR=$BLOG_PROD_DIR/console/reports
BLOG_CONSOLE_REFRESH_SECONDS=$BLOG_CONSOLE_REFRESH_SECONDS
ENV
  )
}

case $1 in
  start)
    answers && exit 0
    port_busy "$BLOG_CONSOLE_PORT" && die "port $BLOG_CONSOLE_PORT is busy with something else"
    create
    t0=$SECONDS
    "$WLP/bin/server" start console >"$BLOG_PROD_DIR/console-start.log" 2>&1 \
      || { cat "$BLOG_PROD_DIR/console-start.log" >&2; die "the console's Liberty server did not launch"; }
    until answers; do
      (( SECONDS - t0 < ${BLOG_START_TIMEOUT_S:-240} )) || { tail -20 "$DIR/logs/console.log" >&2; die "no answer on $URL after ${BLOG_START_TIMEOUT_S:-240} s"; }
      sleep 1
    done
    log "ready on $URL ($(( SECONDS - t0 )) s)" ;;
  stop)
    [[ -d $DIR ]] || exit 0
    "$WLP/bin/server" status console >/dev/null 2>&1 || exit 0   # not running: nothing to stop
    "$WLP/bin/server" stop console >/dev/null 2>&1 || die "could not stop the console's server"
    log "stopped" ;;
  status)
    if answers; then echo "console ok answers on :$BLOG_CONSOLE_PORT"; else echo "console FAIL no answer on :$BLOG_CONSOLE_PORT"; exit 1; fi ;;
  *) usage ;;
esac
