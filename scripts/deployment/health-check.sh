#!/usr/bin/env bash
# Reports the health of every component of the production topology, one line each, and exits 1
# when any is unhealthy. It checks them all, whatever fails first.
#
#   scripts/deployment/health-check.sh
set -uo pipefail
log() { echo "health-check: $*" >&2; }
die() { log "ERROR: $*"; exit 2; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"

unhealthy=0
report() { # $1 component, $2 ok|FAIL, $3 detail
  printf '%-28s %-4s %s\n' "$1" "$2" "$3"
  [[ $2 == ok ]] || unhealthy=$((unhealthy + 1))
}

sql() { # $1 node, $2 SQL
  mariadb --no-defaults --socket="$BLOG_DB_PAIR_DIR/$1.sock" -u"$(id -un)" --batch --skip-column-names -e "$2" 2>&1
}
# The two database nodes keep the names of the roles they started in; after a promotion the
# writer is the one named in the pair's writer file, and each line says which role its node has.
writer=$(scripts/dev/mariadb-pair.sh writer)
[[ $writer == primary ]] && reader=replica || reader=primary
# Semi-sync "off" with a replica attached means acknowledged writes may be missing on it (it fell
# behind by more than the timeout); the replica's own line says whether it is there at all.
if out=$(sql "$writer" "SELECT @@read_only, IF(@@gtid_binlog_pos = '', 'none', @@gtid_binlog_pos), @@rpl_semi_sync_master_enabled,
      (SELECT variable_value FROM information_schema.global_status WHERE variable_name = 'RPL_SEMI_SYNC_MASTER_STATUS'),
      (SELECT variable_value FROM information_schema.global_status WHERE variable_name = 'RPL_SEMI_SYNC_MASTER_CLIENTS')"); then
  read -r ro gtid semi_enabled semi_status semi_clients <<<"$out"
  if [[ $semi_enabled != 1 ]]; then semi="semi-sync disabled"
  elif [[ $semi_status == ON ]]; then semi="semi-sync on ($semi_clients replica(s) acknowledging)"
  else semi="semi-sync waiting for a replica (asynchronous for now)"; fi
  [[ $ro == 0 ]] && report "mariadb-$writer" ok "writable (the writer) on :$(db_port "$writer"), $semi, GTID $gtid" \
    || report "mariadb-$writer" FAIL "the writer, but read_only=$ro"
else
  report "mariadb-$writer" FAIL "the writer: ${out:-no answer} (:$(db_port "$writer")); if it is gone, scripts/maintenance/promote-replica.sh"
fi
if out=$(mariadb --no-defaults --socket="$BLOG_DB_PAIR_DIR/$reader.sock" -u"$(id -un)" -e 'SHOW SLAVE STATUS\G' 2>&1); then
  io=$(awk '/Slave_IO_Running:/{print $2}' <<<"$out")
  sqlt=$(awk '/Slave_SQL_Running:/{print $2}' <<<"$out")
  lag=$(awk '/Seconds_Behind_Master:/{print $2}' <<<"$out")
  read -r ro gtid < <(sql "$reader" "SELECT @@read_only, IF(@@gtid_slave_pos = '', 'none', @@gtid_slave_pos)")
  if [[ $io == Yes && $sqlt == Yes && $ro == 1 ]]; then
    report "mariadb-$reader" ok "replicating from $writer, ${lag}s behind, read-only, GTID $gtid (:$(db_port "$reader"))"
  else
    report "mariadb-$reader" FAIL "io=$io sql=$sqlt lag=$lag read_only=$ro"
  fi
elif [[ -e $BLOG_DB_PAIR_DIR/$reader.fenced ]]; then
  report "mariadb-$reader" FAIL "fenced: the writer until $writer was promoted; scripts/maintenance/rejoin-replica.sh brings it back"
else
  report "mariadb-$reader" FAIL "no answer (:$(db_port "$reader"))"
fi

# The security state's Redis refuses writes when full (it never evicts): warn well before.
# Sets MEMORY_PERCENT (a node's use) and MEMORY_PROBLEM (what is wrong, empty when all is well).
security_memory() { # $1 port
  local used max policy
  MEMORY_PROBLEM=""
  read -r used max policy < <(redis_cli_of security "$1" info memory 2>/dev/null | tr -d '\r' \
    | awk -F: '/^used_memory:/{u=$2} /^maxmemory:/{m=$2} /^maxmemory_policy:/{p=$2} END{print u, m, p}')
  MEMORY_PERCENT=$(( max > 0 ? used * 100 / max : 0 ))
  if [[ $policy != noeviction ]]; then
    MEMORY_PROBLEM="maxmemory-policy is $policy on :$1, not noeviction: revocations and limits can be evicted"
  elif (( MEMORY_PERCENT >= 80 )); then
    MEMORY_PROBLEM="$MEMORY_PERCENT % of maxmemory used on :$1; when full, revocations and limit counters cannot be written"
  fi
}

# One Redis store: every node answers (a cluster's also reports the cluster ok, and each of its
# three primaries still has a replica: without one, the next loss of a node loses slots).
redis_store_report() { # $1 store
  local store=$1 component port down=() state=ok role primaries=0 replicas=0 problem="" most=0
  component=$(redis_store_name "$store")
  for port in $(redis_store_ports "$store"); do
    if ! [[ $(redis_cli_of "$store" "$port" ping 2>/dev/null) == PONG ]]; then
      down+=(":$port")
      continue
    fi
    if redis_store_is_cluster "$store"; then
      [[ $(redis_cli_of "$store" "$port" cluster info 2>/dev/null | tr -d '\r' | awk -F: '$1 == "cluster_state" {print $2}') == ok ]] || state=fail
      role=$(redis_cli_of "$store" "$port" role 2>/dev/null | head -1)
      [[ $role == master ]] && primaries=$((primaries + 1)) || replicas=$((replicas + 1))
    fi
    if [[ $store == security ]]; then
      security_memory "$port"
      problem=${problem:-$MEMORY_PROBLEM}
      if (( MEMORY_PERCENT > most )); then most=$MEMORY_PERCENT; fi
    fi
  done
  local ports memory=""
  ports=$(redis_store_ports "$store" | tr ' ' ',')
  [[ $store == security ]] && memory=", at most $most % of maxmemory used, noeviction"
  if ! redis_store_is_cluster "$store"; then
    if (( ${#down[@]} )); then report "$component" FAIL "no answer (:$ports)"
    elif [[ -n $problem ]]; then report "$component" FAIL "$problem"
    else report "$component" ok "PONG on :$ports$memory"; fi
  elif (( ${#down[@]} == 6 )) || [[ $state != ok ]]; then
    report "$component" FAIL "cluster state fail${down:+; down: ${down[*]}}"
  elif (( ${#down[@]} )); then
    report "$component" FAIL "cluster ok, but down: ${down[*]} ($primaries primaries, $replicas replicas answer): one more loss can cost slots"
  elif [[ -n $problem ]]; then
    report "$component" FAIL "$problem"
  else
    report "$component" ok "cluster ok: $primaries primaries, $replicas replicas on :$ports$memory"
  fi
}
redis_store_report cache
redis_store_report security

# The cluster as any node that answers sees it (yellow: a replica is missing, search still
# complete); then each node, since one node down leaves the cluster working but without a spare.
cluster="" cluster_port=""
for port in "${ES_HTTP_PORTS[@]}"; do
  cluster=$(curl -sf -m 5 "http://127.0.0.1:$port/_cluster/health") && { cluster_port=$port; break; }
done
if [[ $cluster =~ \"status\":\"(green|yellow)\" ]]; then
  status=${BASH_REMATCH[1]}
  [[ $cluster =~ \"number_of_nodes\":([0-9]+) ]]
  report elasticsearch ok "cluster $status, ${BASH_REMATCH[1]} of ${#ES_HTTP_PORTS[@]} nodes (asked :$cluster_port)"
else
  report elasticsearch FAIL "${cluster:-no node answers} (:${BLOG_ES_PORTS// /, :})"
fi
if (( ${#ES_HTTP_PORTS[@]} > 1 )); then
  for n in $(es_nodes); do
    port=${ES_HTTP_PORTS[n - 1]}
    if curl -sf -o /dev/null -m 5 "http://127.0.0.1:$port/_cluster/health?local=true"; then
      report "elasticsearch-$n" ok "answers on :$port"
    else
      report "elasticsearch-$n" FAIL "no answer on :$port (the others serve its shards from their replicas)"
    fi
  done
fi

while read -r svc _ n port; do
  code=$(curl -s -o /tmp/health-check.$$ -w '%{http_code}' -m 5 "http://127.0.0.1:$port/health/ready")
  if [[ $code == 200 ]]; then
    report "$svc-$n" ok "ready on :$port"
  else
    down=$(python3 -c 'import json,sys
try:
    d = json.load(open(sys.argv[1]))
    print(", ".join(c["name"] for c in d.get("checks", []) if c.get("status") != "UP"))
except Exception:
    pass' /tmp/health-check.$$ 2>/dev/null)
    report "$svc-$n" FAIL "HTTP ${code/000/no answer} on :$port${down:+ (down: $down)}"
  fi
  rm -f /tmp/health-check.$$
done < <(instances)

if out=$(curl -sf -m 5 "http://127.0.0.1:$GATEWAY_INTERNAL_PORT/stub_status"); then
  report gateway-internal ok "$(head -1 <<<"$out" | tr -s ' ')"
else
  report gateway-internal FAIL "no stub_status on :$GATEWAY_INTERNAL_PORT"
fi
for path in / /api/posts?limit=1 /api/users/jwks; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$GATEWAY_PORT$path")
  [[ $code == 200 ]] && report "gateway $path" ok "200" || report "gateway $path" FAIL "HTTP ${code/000/no answer}"
done

while read -r name state detail; do
  report "$name" "$state" "$detail"
done < <(scripts/deployment/monitoring.sh status 2>/dev/null; scripts/maintenance/binlog-archiver.sh status 2>/dev/null
          scripts/deployment/console.sh status 2>/dev/null; scripts/deployment/logging.sh status 2>/dev/null)
targets=$(curl -sf -m 5 "http://127.0.0.1:$BLOG_PROMETHEUS_PORT/api/v1/targets?state=active" | python3 -c 'import json,sys
t = json.load(sys.stdin)["data"]["activeTargets"]
down = [x["labels"].get("instance", "?") for x in t if x["health"] != "up"]
print(len(t) - len(down), len(t), ",".join(down))' 2>/dev/null) || targets=""
if [[ -n $targets ]]; then
  read -r up total down <<<"$targets"
  (( total > 0 && up == total )) && report "prometheus targets" ok "$up/$total up" || report "prometheus targets" FAIL "$up/$total up (down: $down)"
else
  report "prometheus targets" FAIL "no answer from Prometheus on :$BLOG_PROMETHEUS_PORT"
fi

if (( unhealthy )); then log "$unhealthy component(s) unhealthy"; exit 1; fi
log "all healthy"
