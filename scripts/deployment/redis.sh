#!/usr/bin/env bash
# The topology's two Redis stores: "cache" (entries may be evicted: volatile-lru) and "security"
# (token revocations, rate-limit counters, sign-in addresses: never evicted, noeviction). Each is
# one server, or a Redis Cluster of six nodes when the env file names its cluster ports
# (BLOG_REDIS_CLUSTER_PORTS, BLOG_REDIS_SECURITY_CLUSTER_PORTS): three primaries with one replica
# each, so the loss of any node costs a failover of a few seconds, not the store.
#
#   scripts/deployment/redis.sh start|stop|status [cache|security]...
#
# start: starts what is not running; a cluster whose nodes hold no slots yet is created (first
# start), otherwise its nodes find each other again from their nodes.conf, and a former primary
# comes back as a replica. Waits until every node answers and the cluster state is ok.
# status: one line per node (role, and the cluster's state); exit 1 if any node is down or a
# cluster is not ok.
set -euo pipefail
log() { echo "redis: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
usage() { echo "usage: $0 start|stop|status [cache|security]..." >&2; exit 2; }
(( $# >= 1 )) || usage
action=$1; shift
[[ $action == start || $action == stop || $action == status ]] || usage
stores=("$@")
(( ${#stores[@]} )) || stores=(cache security)
for store in "${stores[@]}"; do [[ $store == cache || $store == security ]] || usage; done
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env

answers() { redis_cli_of "$1" "$2" ping 2>/dev/null | grep -q PONG; }
info_field() { redis_cli_of "$1" "$2" "${@:4}" 2>/dev/null | tr -d '\r' | awk -F: -v k="$3" '$1 == k {print $2}'; }   # store port field cmd…

name_of() { case $1 in cache) echo "Redis" ;; security) echo "Redis (security state)" ;; esac; }
maxmemory_of() { case $1 in cache) echo "$BLOG_REDIS_MAXMEMORY" ;; security) echo "$BLOG_REDIS_SECURITY_MAXMEMORY" ;; esac; }
# Caches may be evicted (volatile-lru: only entries with a TTL, and every cache entry has one).
# Security state must never be pushed out by a large cache entry: it refuses writes when full
# (health-check.sh and the RedisMemoryNearMax alert warn long before).
policy_of() { case $1 in cache) echo volatile-lru ;; security) echo noeviction ;; esac; }

start_node() { # $1 store, $2 port
  local store=$1 port=$2 dir password
  dir=$(redis_node_dir "$store" "$port") password=$(redis_store_password "$store")
  answers "$store" "$port" && return 0
  port_busy "$port" && die "$(name_of "$store"): port $port is busy with something else"
  # A cluster node also listens on its port + 10000 for the cluster bus.
  if redis_store_is_cluster "$store" && port_busy $(( port + 10000 )); then
    die "$(name_of "$store"): port $(( port + 10000 )) (the cluster bus of :$port) is busy with something else"
  fi
  mkdir -p "$dir"
  # The password goes through a config file, never the command line (ps would show it).
  (
    umask 077
    cat >"$dir/redis.conf" <<EOF
port $port
bind 127.0.0.1
dir $dir
pidfile $dir/redis.pid
logfile $dir/redis.log
daemonize yes
appendonly yes
save ""
maxmemory $(maxmemory_of "$store")
maxmemory-policy $(policy_of "$store")
requirepass "$password"
# Backups take their RDB snapshot as a replica would (redis-cli --rdb), and cluster replicas
# copy from their primary the same way: nobody else waits to join, so no 5 s delay.
repl-diskless-sync-delay 0
EOF
    if redis_store_is_cluster "$store"; then
      cat >>"$dir/redis.conf" <<EOF
masterauth "$password"
cluster-enabled yes
cluster-config-file $dir/nodes.conf
cluster-node-timeout $BLOG_REDIS_CLUSTER_NODE_TIMEOUT_MS
EOF
    fi
  )
  redis-server "$dir/redis.conf"
}

await_answers() { # $1 store, ports…
  local store=$1 port; shift
  for port in "$@"; do
    for _ in $(seq 1 50); do answers "$store" "$port" && break; sleep 0.1; done
    answers "$store" "$port" || { tail -5 "$(redis_node_dir "$store" "$port")/redis.log" >&2; die "$(name_of "$store") on :$port"; }
  done
}

# A new cluster (no node holds a slot yet) is created once; a known one reforms by itself.
form_cluster() { # $1 store, ports…
  local store=$1 port assigned=0 nodes=() out; shift
  for port in "$@"; do
    assigned=$(( assigned + $(info_field "$store" "$port" cluster_slots_assigned cluster info) ))
    nodes+=("127.0.0.1:$port")
  done
  if (( assigned == 0 )); then
    out=$(REDISCLI_AUTH=$(redis_store_password "$store") redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes 2>&1) \
      || { echo "$out" | tail -5 >&2; die "$(name_of "$store"): redis-cli --cluster create"; }
    log "$(name_of "$store"): cluster created on ${nodes[*]}"
  fi
  local deadline=$(( SECONDS + 60 ))
  for port in "$@"; do
    until [[ $(info_field "$store" "$port" cluster_state cluster info) == ok ]]; do
      (( SECONDS < deadline )) || die "$(name_of "$store"): node :$port does not report cluster_state ok after 60 s"
      sleep 0.2
    done
  done
}

start_store() {
  local store=$1 ports
  read -ra ports <<<"$(redis_store_ports "$store")"
  if redis_store_is_cluster "$store"; then
    (( ${#ports[@]} == 6 )) || die "$(name_of "$store"): a cluster needs six ports (three primaries, three replicas), got ${#ports[@]}"
  fi
  local port
  for port in "${ports[@]}"; do start_node "$store" "$port"; done
  await_answers "$store" "${ports[@]}"
  if redis_store_is_cluster "$store"; then
    form_cluster "$store" "${ports[@]}"
    log "$(name_of "$store"): cluster ok on :${ports[*]}"
  else
    log "$(name_of "$store") :${ports[0]}"
  fi
}

# Stops every server that runs from the store's folder, whichever mode started it: after the env
# file switched a store between one server and a cluster, the old mode's servers stop too.
stop_store() {
  local store=$1 base pidfile dir port pid pids=() names=() failed=0 i
  base=$(redis_store_dir "$store")
  for pidfile in "$base"/redis.pid "$base"/node-*/redis.pid; do
    [[ -f $pidfile ]] && pid=$(cat "$pidfile") && kill -0 "$pid" 2>/dev/null || continue
    dir=$(dirname "$pidfile")
    port=$(awk '$1 == "port" {print $2}' "$dir/redis.conf")
    redis_cli_of "$store" "$port" shutdown >/dev/null 2>&1 || kill "$pid"
    pids+=("$pid") names+=(":$port")
  done
  for i in "${!pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then log "$(name_of "$store") ${names[$i]} still runs"; failed=1; fi
  done
  (( failed == 0 )) || return 1
  log "$(name_of "$store") stopped"
}

status_store() {
  local store=$1 port role state bad=0
  for port in $(redis_store_ports "$store"); do
    if ! answers "$store" "$port"; then
      echo "$store :$port down"; bad=1; continue
    fi
    role=$(info_field "$store" "$port" role info replication)
    if redis_store_is_cluster "$store"; then
      state=$(info_field "$store" "$port" cluster_state cluster info)
      [[ $state == ok ]] || bad=1
      echo "$store :$port up, $role, cluster $state"
    else
      echo "$store :$port up, $role"
    fi
  done
  return "$bad"
}

cd "$DEPLOY_ROOT"
rc=0
for store in "${stores[@]}"; do
  case $action in
    start) start_store "$store" ;;
    stop) stop_store "$store" || rc=1 ;;
    status) status_store "$store" || rc=1 ;;
  esac
done
exit "$rc"
