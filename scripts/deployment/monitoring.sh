#!/usr/bin/env bash
# The monitoring tier of the production topology: Prometheus, Alertmanager and the exporters
# (node, mysqld for the primary and the replica, redis for the cache and the security state, nginx,
# elasticsearch for each node), all Debian
# packages, each on its loopback port from the env file, each as an unprivileged user, data and
# logs under $BLOG_PROD_DIR/monitoring/<component>.
#
#   scripts/deployment/monitoring.sh start [COMPONENT ...]    # start what is not running, wait until it answers
#   scripts/deployment/monitoring.sh stop [COMPONENT ...]
#   scripts/deployment/monitoring.sh status                   # one line per component; exit 1 if any is down
#   scripts/deployment/monitoring.sh render DIR               # Prometheus and Alertmanager config, checked
#                                     (BLOG_MONITORING_TARGETS=FOLDER: its target files instead of this host's)
#
# Components: MONITORING_COMPONENTS in lib.sh.
# Configuration: monitoring/prometheus (config template, rules), monitoring/alertmanager.
set -euo pipefail
log() { echo "monitoring: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
usage() { echo "usage: $0 start|stop [COMPONENT ...] | status | render DIR" >&2; exit 2; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"

COMPONENTS=("${MONITORING_COMPONENTS[@]}")
MON_DIR=$BLOG_PROD_DIR/monitoring
NOBODY=65534

port_of() { monitoring_port "$1" || die "unknown component '$1' (components: ${COMPONENTS[*]})"; }

# What answers when the component is up.
probe_path() {
  case $1 in prometheus | alertmanager) echo /-/ready ;; *) echo /metrics ;; esac
}

# --- configuration ------------------------------------------------------------------------------

# file_sd target file: one entry per "address instance service role" line on stdin.
targets_json() {
  local first=1 addr instance service role
  echo "["
  while read -r addr instance service role; do
    (( first )) || echo ","
    first=0
    printf '  {"targets": ["%s"], "labels": {"instance": "%s", "service": "%s", "role": "%s"}}' \
      "$addr" "$instance" "$service" "$role"
  done
  echo
  echo "]"
}

# The Redis stores: a store's exporter scrapes each of its nodes (its /scrape?target=… endpoint),
# so every node is a target of its own, instance NAME-N as in health-check.sh, with the store as
# role (cache, security) and the mode as topology (cluster, single): a cluster's node may go down
# without an outage, a single server may not (rules/alerts.yml).
redis_targets_json() {
  local store exporter first=1 name port
  echo "["
  for store in cache security; do
    exporter=$(monitoring_port "$(redis_store_name "$store")-exporter")
    while read -r name port _; do
      (( first )) || echo ","
      first=0
      printf '  {"targets": ["127.0.0.1:%s"], "labels": {"__metrics_path__": "/scrape", "__param_target": "redis://127.0.0.1:%s", "instance": "%s", "service": "redis", "role": "%s", "topology": "%s"}}' \
        "$exporter" "$port" "$name" "$store" "$BLOG_REDIS_MODE"
    done < <(redis_nodes "$store")
  done
  echo
  echo "]"
}

render() { # $1 = config folder
  local dir=$1 svc n port
  mkdir -p "$dir/rules" "$dir/targets" "$dir/alertmanager"
  BLOG_PROMETHEUS_SCRAPE_INTERVAL=$BLOG_PROMETHEUS_SCRAPE_INTERVAL \
    envsubst '${BLOG_PROMETHEUS_SCRAPE_INTERVAL}' <monitoring/prometheus/prometheus.yml.template >"$dir/prometheus.yml"
  rm -f "$dir"/rules/*.yml
  cp monitoring/prometheus/rules/*.yml "$dir/rules/"

  while read -r svc _ n port; do
    echo "127.0.0.1:$port $svc-$n $svc app"
  done < <(instances) | targets_json >"$dir/targets/services.json"
  echo "127.0.0.1:$(port_of mysqld-exporter-primary) primary mariadb primary
127.0.0.1:$(port_of mysqld-exporter-replica) replica mariadb replica" | targets_json >"$dir/targets/mysqld.json"
  redis_targets_json >"$dir/targets/redis.json"
  echo "127.0.0.1:$BLOG_NGINX_EXPORTER_PORT gateway gateway gateway" | targets_json >"$dir/targets/nginx.json"
  echo "127.0.0.1:$BLOG_NODE_EXPORTER_PORT host host host" | targets_json >"$dir/targets/node.json"
  for n in "${!ES_EXPORTER_PORTS[@]}"; do
    echo "127.0.0.1:${ES_EXPORTER_PORTS[n]} elasticsearch-$((n + 1)) elasticsearch search"
  done | targets_json >"$dir/targets/elasticsearch.json"
  echo "127.0.0.1:$BLOG_PROMETHEUS_PORT prometheus monitoring prometheus
127.0.0.1:$BLOG_ALERTMANAGER_PORT alertmanager monitoring alertmanager" | targets_json >"$dir/targets/monitoring.json"
  echo "127.0.0.1:$BLOG_ALERTMANAGER_PORT alertmanager monitoring alertmanager" | targets_json >"$dir/targets/alertmanager.json"
  # The compose deployment reaches every component by its container's name instead.
  [[ -z ${BLOG_MONITORING_TARGETS:-} ]] || cp "$BLOG_MONITORING_TARGETS"/*.json "$dir/targets/"

  local webhook=""
  [[ -n ${BLOG_ALERT_WEBHOOK_URL:-} ]] && webhook="
    webhook_configs:
      - url: '$BLOG_ALERT_WEBHOOK_URL'
        send_resolved: true"
  ALERT_WEBHOOK=$webhook BLOG_ALERTMANAGER_GROUP_WAIT=$BLOG_ALERTMANAGER_GROUP_WAIT \
    BLOG_ALERTMANAGER_GROUP_INTERVAL=$BLOG_ALERTMANAGER_GROUP_INTERVAL \
    envsubst '${ALERT_WEBHOOK} ${BLOG_ALERTMANAGER_GROUP_WAIT} ${BLOG_ALERTMANAGER_GROUP_INTERVAL}' \
    <monitoring/alertmanager/alertmanager.yml.template >"$dir/alertmanager/alertmanager.yml"

  promtool check config "$dir/prometheus.yml" >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; die "promtool check config"; }
  amtool check-config "$dir/alertmanager/alertmanager.yml" >>"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; die "amtool check-config"; }
}

# --- processes -----------------------------------------------------------------------------------

pid_of() { # prints the pid of a running component, fails if it does not run
  local file=$MON_DIR/$1/$1.pid pid
  [[ -f $file ]] || return 1
  pid=$(cat "$file")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

answers() { curl -sf -o /dev/null -m 3 "http://127.0.0.1:$(port_of "$1")$(probe_path "$1")"; }

command_of() { # $1 component; prints nothing, fills CMD and CMD_ENV
  local dir=$MON_DIR/$1 port
  port=$(port_of "$1")
  CMD_ENV=()
  case $1 in
    prometheus)
      CMD=(prometheus --config.file="$MON_DIR/config/prometheus.yml" --storage.tsdb.path="$dir/data"
        --storage.tsdb.retention.time="$BLOG_PROMETHEUS_RETENTION" --web.listen-address="127.0.0.1:$port"
        --web.enable-lifecycle --log.format=json) ;;
    alertmanager)
      CMD=(prometheus-alertmanager --config.file="$MON_DIR/config/alertmanager/alertmanager.yml"
        --storage.path="$dir/data" --web.listen-address="127.0.0.1:$port" --cluster.listen-address=
        --log.format=json) ;;
    node-exporter)
      # The textfile collector publishes what backups and the binlog archiver write as files.
      mkdir -p "$BLOG_METRICS_TEXTFILE_DIR"
      CMD=(prometheus-node-exporter --web.listen-address="127.0.0.1:$port" --log.format=json
        --collector.textfile.directory="$BLOG_METRICS_TEXTFILE_DIR") ;;
    mysqld-exporter-*)
      local role=${1#mysqld-exporter-} db_port
      [[ $role == primary ]] && db_port=$BLOG_DB_PRIMARY_PORT || db_port=$BLOG_DB_REPLICA_PORT
      # The password goes through a file only the exporter's user can read, never the command line.
      (
        umask 077
        printf '[client]\nuser=blog_exporter\npassword=%s\nhost=127.0.0.1\nport=%s\n' "$BLOG_EXPORTER_DB_PASSWORD" "$db_port" >"$dir/my.cnf"
      )
      chown "$NOBODY:$NOBODY" "$dir/my.cnf"
      CMD=(prometheus-mysqld-exporter --config.my-cnf="$dir/my.cnf" --web.listen-address="127.0.0.1:$port"
        --collect.slave_status --collect.global_status --collect.global_variables --collect.info_schema.processlist
        --log.format=json) ;;
    redis-exporter | redis-security-exporter)
      # One exporter per store, its password for every node it is asked to scrape; its own
      # /metrics (the first node) only answers the start-up probe.
      local store=cache first_port
      [[ $1 == redis-security-exporter ]] && store=security
      read -r first_port _ <<<"$(redis_store_ports "$store")"
      CMD_ENV=("REDIS_PASSWORD=$(redis_store_password "$store")")
      CMD=(prometheus-redis-exporter -redis.addr="redis://127.0.0.1:$first_port" -web.listen-address="127.0.0.1:$port") ;;
    nginx-exporter)
      CMD=(prometheus-nginx-exporter -nginx.scrape-uri="http://127.0.0.1:$GATEWAY_INTERNAL_PORT/stub_status"
        -web.listen-address="127.0.0.1:$port") ;;
    elasticsearch-exporter-*)
      # Answers only ~10 s after it starts: the minimal Elasticsearch build here has no GET /
      # (405), so the exporter's first cluster-info call waits for its timeout; cluster health,
      # node and index statistics do not depend on it. Node statistics are its own node's.
      local node=${1#elasticsearch-exporter-}
      CMD=(prometheus-elasticsearch-exporter --es.uri="http://127.0.0.1:${ES_HTTP_PORTS[node - 1]}" --es.indices
        --web.listen-address="127.0.0.1:$port" --log.format=json) ;;
  esac
}

start_one() {
  local name=$1 dir=$MON_DIR/$1 port t0=$SECONDS
  port=$(port_of "$name")
  if pid_of "$name" >/dev/null; then return 0; fi
  port_busy "$port" && die "$name: port $port is busy with something else"
  mkdir -p "$dir/data"
  chown -R "$NOBODY:$NOBODY" "$dir"
  command_of "$name"
  # Unprivileged, in a session of its own (so a Ctrl-C of the caller does not reach it). Appending:
  # cleanup-logs.sh truncates large logs in place.
  env -i PATH=/usr/bin:/bin "${CMD_ENV[@]}" setsid setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups \
    "${CMD[@]}" >>"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
  until answers "$name"; do
    if ! kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null || (( SECONDS - t0 > 60 )); then
      tail -5 "$dir/$name.log" >&2
      die "$name on :$port (log: $dir/$name.log)"
    fi
    sleep 0.2
  done
}

stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 10 s"; return 1; fi
  rm -f "$MON_DIR/$name/$name.pid"
}

check_names() { local n; for n in "$@"; do port_of "$n" >/dev/null; done; }

case ${1:-} in
  start)
    shift
    (( $# )) || set -- "${COMPONENTS[@]}"
    check_names "$@"
    render "$MON_DIR/config"
    for name in "$@"; do start_one "$name"; done
    # A running Prometheus or Alertmanager picks up the config rendered above.
    pid_of prometheus >/dev/null && curl -sf -o /dev/null -m 5 -X POST "http://127.0.0.1:$BLOG_PROMETHEUS_PORT/-/reload"
    pid_of alertmanager >/dev/null && curl -sf -o /dev/null -m 5 -X POST "http://127.0.0.1:$BLOG_ALERTMANAGER_PORT/-/reload"
    if pid_of prometheus >/dev/null; then
      # Done once every target that was not up at its last scrape has been scraped after this
      # start, so what Prometheus (and health-check.sh) reports is the state of what was just
      # started, not of before. One that was up needs no new look: waiting for a scrape of every
      # target cost up to a scrape interval on each run that found everything running.
      t0=$SECONDS since=$(date +%s)
      until [[ $(curl -sf -m 5 "http://127.0.0.1:$BLOG_PROMETHEUS_PORT/api/v1/targets?state=active" | python3 -c 'import json,sys
from datetime import datetime
t = json.load(sys.stdin)["data"]["activeTargets"]
fresh = lambda x: datetime.fromisoformat(x["lastScrape"][:26].rstrip("Z") + "+00:00").timestamp() > float(sys.argv[1])
print("scraped" if t and all(x["health"] == "up" or (x["health"] != "unknown" and fresh(x)) for x in t) else "waiting")' "$since" 2>/dev/null) == scraped ]]; do
        (( SECONDS - t0 < 60 )) || die "Prometheus has not scraped every target within 60 s"
        sleep 0.5
      done
    fi
    log "running: $*"
    ;;
  stop)
    shift
    # Prometheus first, so that it does not record the exporters' stop as an outage.
    (( $# )) || set -- prometheus alertmanager "${COMPONENTS[@]:0:${#COMPONENTS[@]}-2}"
    check_names "$@"
    failed=()
    for name in "$@"; do stop_one "$name" || failed+=("$name"); done
    (( ${#failed[@]} == 0 )) || die "could not stop: ${failed[*]}"
    ;;
  status)
    down=0
    for name in "${COMPONENTS[@]}"; do
      if answers "$name"; then
        printf '%-28s %-4s %s\n' "$name" ok "answers on :$(port_of "$name")"
      else
        printf '%-28s %-4s %s\n' "$name" FAIL "no answer on :$(port_of "$name")"
        down=$((down + 1))
      fi
    done
    (( down == 0 ))
    ;;
  render)
    [[ $# == 2 ]] || usage
    render "$2"
    ;;
  *) usage ;;
esac
