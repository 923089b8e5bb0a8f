#!/usr/bin/env bash
# Checks the monitoring configuration, and drills its alerts against a running topology.
#
#   scripts/test/monitoring-test.sh check    # promtool check config/rules, promtool test rules,
#                                            # amtool check-config, a runbook entry per alert
#   scripts/test/monitoring-test.sh drill    # against the topology of BLOG_ENV_FILE: an instance
#                                            # killed and replication stopped must raise their
#                                            # alerts in Alertmanager (and at the webhook, when
#                                            # BLOG_ALERT_WEBHOOK_LOG names the receiver's file),
#                                            # then resolve once both are back
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$TEST_ROOT"
usage() { echo "usage: $0 check|drill" >&2; exit 2; }

check() {
  local work alert anchor missing=0
  work=$(mktemp -d)
  trap "rm -rf $work" EXIT
  promtool check rules monitoring/prometheus/rules/*.yml >/dev/null || test_die "promtool check rules"
  (cd monitoring/prometheus/tests && promtool test rules ./*.test.yml) >"$work/rule-tests.log" 2>&1 \
    || { cat "$work/rule-tests.log" >&2; test_die "promtool test rules"; }
  # The deployment's own renderer, on a throw-away env file: the files start-production.sh uses.
  scripts/deployment/new-env-file.sh "$work/env" "$work/prod" 0 BLOG_ALERT_WEBHOOK_URL=http://127.0.0.1:9/alerts
  BLOG_ENV_FILE=$work/env scripts/deployment/monitoring.sh render "$work/config" \
    || test_die "rendering the Prometheus/Alertmanager configuration"
  # Every alert has a runbook section, and its annotation points at it.
  for alert in $(awk '/- alert:/{print $3}' monitoring/prometheus/rules/alerts.yml); do
    anchor=${alert,,}
    grep -q "^## $alert\$" monitoring/runbooks.md || { test_log "no runbook entry for $alert"; missing=1; }
    grep -q "runbook: monitoring/runbooks.md#$anchor\$" monitoring/prometheus/rules/alerts.yml \
      || { test_log "$alert does not link monitoring/runbooks.md#$anchor"; missing=1; }
  done
  (( missing == 0 )) || test_die "runbook links"
  test_log "ok: $(grep -c -- '- alert:' monitoring/prometheus/rules/alerts.yml) alerts, $(grep -c -- '- record:' monitoring/prometheus/rules/recording.yml) recording rules, $(grep -c 'alertname:' monitoring/prometheus/tests/*.yml | awk -F: '{s+=$2} END {print s}') rule test cases"
}

# Active alerts in Alertmanager named $1 whose labels include $2 (k=v), as a count.
active_alerts() {
  curl -sf -m 5 "http://127.0.0.1:$BLOG_ALERTMANAGER_PORT/api/v2/alerts?active=true&silenced=false&inhibited=false" \
    | python3 -c 'import json,sys
name, label = sys.argv[1], sys.argv[2].split("=", 1)
print(sum(1 for a in json.load(sys.stdin) if a["labels"].get("alertname") == name and a["labels"].get(label[0]) == label[1]))' "$1" "$2"
}

# Notifications the webhook received for alert $1 with label $2 in state $3 (firing|resolved).
webhook_notifications() {
  [[ -f $BLOG_ALERT_WEBHOOK_LOG ]] || { echo 0; return; }
  python3 -c 'import json,sys
name, label, state = sys.argv[2], sys.argv[3].split("=", 1), sys.argv[4]
n = 0
for line in open(sys.argv[1]):
    for a in json.loads(line).get("alerts", []):
        if a["labels"].get("alertname") == name and a["labels"].get(label[0]) == label[1] and a["status"] == state:
            n += 1
print(n)' "$BLOG_ALERT_WEBHOOK_LOG" "$1" "$2" "$3"
}

alert_active() { (( $(active_alerts "$1" "$2") > 0 )); }
alert_gone() { (( $(active_alerts "$1" "$2") == 0 )); }
notified() { (( $(webhook_notifications "$1" "$2" "$3") > 0 )); }

wait_for() { # $1 description, $2 timeout in s, rest: command (run again each second) that succeeds when done
  local what=$1 timeout=$2 t0=$SECONDS
  shift 2
  until "$@"; do
    (( SECONDS - t0 < timeout )) || test_die "$what: not within $timeout s"
    sleep 1
  done
  test_log "$what after $(( SECONDS - DRILL_T0 )) s"
}

drill() {
  # shellcheck source=../deployment/lib.sh
  source scripts/deployment/lib.sh
  die() { test_die "$*"; }
  load_env
  local victim replica_sql
  victim=$(instances | awk '$1 == "posts" {n = $1 "-" $3} END {print n}')
  replica_sql=(mariadb --no-defaults --socket="$BLOG_DB_PAIR_DIR/replica.sock" -u"$(id -un)")
  curl -sf -o /dev/null -m 5 "http://127.0.0.1:$BLOG_ALERTMANAGER_PORT/-/ready" || test_die "no Alertmanager on :$BLOG_ALERTMANAGER_PORT"
  (( $(active_alerts ServiceInstanceDown "instance=$victim") == 0 )) || test_die "$victim is already alerting"

  test_log "killing $victim and stopping the replica's replication"
  DRILL_T0=$SECONDS
  # SIGKILL, as a crash or the OOM killer would.
  pkill -KILL -f "$WLP/bin/tools/ws-server.jar $victim\$" || test_die "$victim was not running"
  "${replica_sql[@]}" -e "STOP SLAVE" || test_die "could not stop replication"
  local limit=${BLOG_DRILL_TIMEOUT_S:-240}
  wait_for "ServiceInstanceDown{instance=$victim} active in Alertmanager" "$limit" alert_active ServiceInstanceDown "instance=$victim"
  wait_for "MariaDBReplicaStopped active in Alertmanager" "$limit" alert_active MariaDBReplicaStopped instance=replica
  if [[ -n ${BLOG_ALERT_WEBHOOK_LOG:-} ]]; then
    wait_for "ServiceInstanceDown at the webhook" 60 notified ServiceInstanceDown "instance=$victim" firing
    wait_for "MariaDBReplicaStopped at the webhook" 60 notified MariaDBReplicaStopped instance=replica firing
  fi

  test_log "starting them again"
  "${replica_sql[@]}" -e "START SLAVE" || test_die "could not start replication"
  scripts/deployment/start-production.sh >/dev/null 2>&1 || test_die "start-production.sh could not mend the topology"
  wait_for "ServiceInstanceDown resolved in Alertmanager" "$limit" alert_gone ServiceInstanceDown "instance=$victim"
  wait_for "MariaDBReplicaStopped resolved in Alertmanager" "$limit" alert_gone MariaDBReplicaStopped instance=replica
  if [[ -n ${BLOG_ALERT_WEBHOOK_LOG:-} ]]; then
    wait_for "ServiceInstanceDown resolved at the webhook" 120 notified ServiceInstanceDown "instance=$victim" resolved
    wait_for "MariaDBReplicaStopped resolved at the webhook" 120 notified MariaDBReplicaStopped instance=replica resolved
  fi
  test_log "ok"
}

case ${1:-} in
  check) check ;;
  drill) drill ;;
  *) usage ;;
esac
