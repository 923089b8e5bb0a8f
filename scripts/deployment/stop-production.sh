#!/usr/bin/env bash
# Stops the production topology started by start-production.sh, front to back: the gateway first
# (no new requests), then the Liberty servers, then Elasticsearch, Redis and the database. Every
# component is stopped even when an earlier one fails to stop; the exit code says whether all did.
#
#   scripts/deployment/stop-production.sh                 # everything
#   scripts/deployment/stop-production.sh redis posts-2   # just these (for maintenance and drills)
#
# Components: console, prometheus, alertmanager, exporters (all of them) or one exporter (node-exporter,
# mysqld-exporter-primary, …, see monitoring.sh), gateway, <service>-<n> (users-1, posts-2, …),
# logging (the log shipper), elasticsearch (every node) or one node (elasticsearch-1, …), redis, redis-security,
# binlog-archiver, mariadb (primary and replica, after the archiver),
# mariadb-replica. start-production.sh
# starts again whatever is stopped.
set -uo pipefail
log() { echo "stop-production: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"

all_servers=()
while read -r svc _ n _; do all_servers+=("$svc-$n"); done < <(instances)
exporters=()
for name in "${MONITORING_COMPONENTS[@]}"; do [[ $name == *-exporter* ]] && exporters+=("$name"); done
if (( $# )); then wanted=" $* "; else wanted=" console prometheus alertmanager exporters gateway ${all_servers[*]} logging elasticsearch redis redis-security binlog-archiver mariadb "; fi
[[ $wanted == *" exporters "* ]] && wanted+="${exporters[*]} "
want() { [[ $wanted == *" $1 "* ]]; }
failed=()

want console && { scripts/deployment/console.sh stop || failed+=(console); }

# Monitoring first, so that stopping the rest raises no alerts.
monitoring=()
for name in prometheus alertmanager "${exporters[@]}"; do want "$name" && monitoring+=("$name"); done
if (( ${#monitoring[@]} )); then
  scripts/deployment/monitoring.sh stop "${monitoring[@]}" || failed+=(monitoring)
fi

want gateway && { scripts/deployment/gateway.sh stop || failed+=(gateway); }

if [[ -x $WLP/bin/server ]]; then
  pids=() names=()
  for name in "${all_servers[@]}"; do
    want "$name" && [[ -d $WLP/usr/servers/$name ]] || continue
    "$WLP/bin/server" stop "$name" >/dev/null 2>&1 & pids+=($!) names+=("$name")
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${names[$i]}"); done
  (( ${#names[@]} )) && log "Liberty servers stopped: ${names[*]}"
fi

# After the servers, so their last lines are read; undelivered lines wait in its disk queue.
want logging && { scripts/deployment/logging.sh stop || failed+=(logging); }
# The nodes asked for, all at once: stopped one after the other, the last ones would stay up
# without a master for a while, answering every request 503 (the log shipper counts those as
# refused lines) and waiting in vain for a master as they shut down.
es_pids=() es_names=()
for n in $(es_nodes); do
  if want elasticsearch || want "elasticsearch-$n"; then
    es_node "$n" stop & es_pids+=($!) es_names+=("elasticsearch-$n")
  fi
done
for i in "${!es_pids[@]}"; do wait "${es_pids[$i]}" || failed+=("${es_names[$i]}"); done

want redis && { scripts/deployment/redis.sh stop cache || failed+=(redis); }
want redis-security && { scripts/deployment/redis.sh stop security || failed+=(redis-security); }

want binlog-archiver && { scripts/maintenance/binlog-archiver.sh stop || failed+=(binlog-archiver); }
want mariadb && { scripts/dev/mariadb-pair.sh stop || failed+=(mariadb); }
want mariadb-replica && { scripts/dev/mariadb-pair.sh stop replica || failed+=(mariadb-replica); }

(( ${#failed[@]} == 0 )) || die "could not stop: ${failed[*]}"
log "stopped: $(echo $wanted)"
