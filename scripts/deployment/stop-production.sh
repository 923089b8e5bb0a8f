#!/usr/bin/env bash
# Stops the production topology started by start-production.sh, front to back: the gateway first
# (no new requests), then the Liberty servers, then Elasticsearch, Redis and the database. Every
# component is stopped even when an earlier one fails to stop; the exit code says whether all did.
set -uo pipefail
log() { echo "stop-production: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"
failed=()

scripts/deployment/gateway.sh stop || failed+=(gateway)

if [[ -x $WLP/bin/server ]]; then
  pids=() names=()
  while read -r svc _ n _; do
    [[ -d $WLP/usr/servers/$svc-$n ]] || continue
    "$WLP/bin/server" stop "$svc-$n" >/dev/null 2>&1 & pids+=($!) names+=("$svc-$n")
  done < <(instances)
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${names[$i]}"); done
  log "Liberty servers stopped (${names[*]:-none})"
fi

scripts/dev/elasticsearch.sh stop || failed+=(elasticsearch)

if [[ -f $REDIS_DIR/redis.pid ]] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
  pid=$(cat "$REDIS_DIR/redis.pid")
  redis_cli shutdown >/dev/null 2>&1 || kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && failed+=(redis) || log "Redis stopped"
fi

scripts/dev/mariadb-pair.sh stop || failed+=(mariadb)

(( ${#failed[@]} == 0 )) || die "could not stop: ${failed[*]}"
log "all stopped"
