#!/usr/bin/env bash
# One screen for an operator: every component of the production topology with its state, version,
# uptime and listen address; each service instance's readiness and request rate; replication lag;
# Redis memory; the Elasticsearch cluster; disk use of the deployment's folders; the last backup's
# age; the alerts firing. Exits 1 when any component is down or not ready.
#
#   scripts/maintenance/system-status.sh [--json] [--watch [SECONDS]]
#
# --json prints one JSON document for scripts; --watch redraws every SECONDS (default: the
# console's refresh, BLOG_CONSOLE_REFRESH_SECONDS) until interrupted.
set -euo pipefail
log() { echo "system-status: $*" >&2; }
die() { log "ERROR: $*"; exit 2; }
usage() { echo "usage: $0 [--json] [--watch [SECONDS]]" >&2; exit 2; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

format=text watch=""
while (( $# )); do
  case $1 in
    --json) format=json ;;
    --watch)
      watch=default
      if [[ ${2:-} =~ ^[0-9]+$ ]]; then watch=$2; shift; fi ;;
    -h | --help) usage ;;
    *) log "unknown argument '$1'"; usage ;;
  esac
  shift
done
[[ $watch == 0 ]] && die "--watch needs at least 1 second between refreshes"
[[ $format == json && -n $watch ]] && die "--json and --watch do not go together: a script polls --json itself"
load_env
[[ $watch == default ]] && watch=$BLOG_CONSOLE_REFRESH_SECONDS
command -v python3 >/dev/null || die "python3 is not installed (Debian: python3)"
cd "$DEPLOY_ROOT"

# What the topology is made of, from lib.sh: "name kind port pidfile" per line ("-" where there
# is none). The Python side probes each by its kind.
components() {
  echo "gateway gateway $GATEWAY_PORT $GATEWAY_DIR/run/nginx.pid"
  echo "gateway-internal gateway-internal $GATEWAY_INTERNAL_PORT -"
  local svc n port node
  while read -r svc _ n port; do
    echo "$svc-$n service $port $WLP/usr/servers/.pid/$svc-$n.pid"
  done < <(instances)
  for node in primary replica; do echo "mariadb-$node mariadb $(db_port "$node") $BLOG_DB_PAIR_DIR/$node.pid"; done
  local store name folder
  for store in cache security; do
    while read -r name port folder; do echo "$name redis $port $folder/redis.pid"; done < <(redis_nodes "$store")
  done
  for n in $(es_nodes); do echo "elasticsearch-$n elasticsearch ${ES_HTTP_PORTS[n - 1]} -"; done
  echo "console console $BLOG_CONSOLE_PORT $WLP/usr/servers/.pid/console.pid"
  for n in "${MONITORING_COMPONENTS[@]}"; do echo "$n monitoring $(monitoring_port "$n") $BLOG_PROD_DIR/monitoring/$n/$n.pid"; done
  echo "log-shipper process - $BLOG_LOGGING_DIR/rsyslogd.pid"
  echo "binlog-archiver process - $BLOG_BACKUP_DIR/binlogs/archiver.pid"
}

# Components without a port say how they are through their own scripts' status line.
process_details() {
  local shipper archiver
  shipper=$(mktemp) archiver=$(mktemp)
  scripts/deployment/logging.sh status >"$shipper" 2>/dev/null &
  scripts/maintenance/binlog-archiver.sh status >"$archiver" 2>/dev/null &
  wait || true
  cat "$shipper" "$archiver"
  rm -f "$shipper" "$archiver"
}

run_once() {
  STATUS_COMPONENTS=$(components) STATUS_PROCESS_DETAILS=$(process_details) \
    STATUS_WRITER=$(scripts/dev/mariadb-pair.sh writer) STATUS_WLP=$WLP \
    STATUS_DB_PAIR_DIR=$BLOG_DB_PAIR_DIR STATUS_PROD_DIR=$BLOG_PROD_DIR STATUS_TEXTFILE_DIR=$BLOG_METRICS_TEXTFILE_DIR \
    STATUS_PROMETHEUS=http://127.0.0.1:$BLOG_PROMETHEUS_PORT STATUS_ALERTMANAGER=http://127.0.0.1:$BLOG_ALERTMANAGER_PORT \
    python3 "$MAINTENANCE_DIR/system_status.py" "$format"
}

if [[ -z $watch ]]; then
  run_once
  exit
fi
while true; do
  screen=$(run_once 2>&1) || true
  printf '\033[H\033[2J%s\n\n(every %s s; Ctrl-C ends)\n' "$screen" "$watch"
  sleep "$watch"
done
