#!/usr/bin/env bash
# Figures of the whole production topology on this host (scripts/deployment/start-production.sh):
# time to start it, its total memory (RSS of every process), and the gateway's overhead: the same
# requests straight to one post-war instance and through nginx.
#
#   ./mvnw -q package -DskipTests && scripts/load/topology-benchmark.sh
#
# It starts its own topology on ports of its own (28xxx/29xxx), with the gateway's rate limits
# lifted so wrk measures nginx rather than the limiter, and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${BENCH_DURATION:-15s}
WORK=${BLOG_BENCH_DIR:-/tmp/blog-topology-bench}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }

export BLOG_ENV_FILE=$WORK.env
# Its writer registers and publishes at once: new accounts are authors here, not readers.
scripts/deployment/new-env-file.sh "$BLOG_ENV_FILE" "$WORK" 20000 GATEWAY_RATE_API=100000r/s GATEWAY_BURST_API=100000 \
  BLOG_REGISTRATION_DEFAULT_ROLE=AUTHOR
stop_all() { scripts/deployment/stop-production.sh >/dev/null 2>&1 || true; rm -rf "$WORK" "$BLOG_ENV_FILE"; }
trap stop_all EXIT
rm -rf "$WORK"

t0=$(date +%s.%N)
scripts/deployment/start-production.sh 2>&1 | tail -1
printf '== start-production.sh (fresh data dirs): %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"

G=http://127.0.0.1:28088
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
curl -sf -o /dev/null -X POST "$G/api/users" -H 'Content-Type: application/json' \
  -d '{"username":"benchwriter","email":"benchwriter@example.test","password":"Bench-Writer-Pass-1"}'
TOKEN=$(curl -sf -X POST "$G/api/users/login" -H 'Content-Type: application/json' \
  -d '{"login":"benchwriter","password":"Bench-Writer-Pass-1"}' | json '["accessToken"]')
SLUG=$(curl -sf -X POST "$G/api/posts" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"title":"Gateway overhead","body":"Measured twice.","tags":["bench"],"status":"PUBLISHED"}' | json '["slug"]')

run() { # $1 label, $2 base URL, $3 path
  local out
  wrk -t2 -c16 -d5s "$2$3" >/dev/null 2>&1   # warm-up: JIT, caches, keep-alive pools
  out=$(wrk -t2 -c16 -d"$DURATION" --latency "$2$3" 2>&1)
  printf '%-36s p50=%-9s p99=%-9s %s req/s  non-2xx=%s\n' "$1" \
    "$(awk '/ 50%/{print $2}' <<<"$out")" "$(awk '/ 99%/{print $2}' <<<"$out")" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '/Non-2xx/{print $5}' <<<"$out")"
}
echo "== gateway overhead: GET /api/posts/$SLUG (cached article), 16 connections, $DURATION each"
run "direct to posts-1 (one instance)" http://127.0.0.1:29121 "/api/posts/$SLUG"
run "through nginx (two instances)" "$G" "/api/posts/$SLUG"
echo "== the same, one request at a time (latency added per request)"
for target in "direct http://127.0.0.1:29121" "gateway $G"; do
  set -- $target
  for _ in $(seq 1 50); do curl -s -o /dev/null "$2/api/posts/$SLUG"; done
  total=0
  for _ in $(seq 1 200); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$2/api/posts/$SLUG")
    total=$(echo "$total + $t" | bc)
  done
  printf '%-8s mean %.2f ms over 200 sequential requests\n' "$1" "$(echo "$total * 1000 / 200" | bc -l)"
done

echo "== memory of the whole topology (RSS)"
rss_of() { ps -o rss= -p "$1" 2>/dev/null | awk '{s+=$1} END {print s+0}'; }
total=0
line() { printf '%-26s %6d MiB\n' "$1" $(( $2 / 1024 )); total=$(( total + $2 )); }
for name in users-1 users-2 posts-1 posts-2 comments-1 comments-2; do
  line "$name" "$(rss_of "$(pgrep -f "$WORK/wlp/bin/tools/ws-server.jar $name\$")")"
done
line "mariadb primary" "$(rss_of "$(cat "$WORK/mariadb/primary.pid")")"
line "mariadb replica" "$(rss_of "$(cat "$WORK/mariadb/replica.pid")")"
# Redis: both stores, every node (one server each, or a cluster's six).
redis_rss=0
for pidfile in "$WORK"/redis{,-security}/{,node-*/}redis.pid; do
  [[ -f $pidfile ]] && redis_rss=$(( redis_rss + $(rss_of "$(cat "$pidfile")") ))
done
line "redis (both stores)" "$redis_rss"
for pidfile in "$WORK"/elasticsearch/node-*/elasticsearch.pid; do
  node=${pidfile%/elasticsearch.pid}
  line "elasticsearch ${node##*/}" "$(rss_of "$(cat "$pidfile")")"
done
master=$(cat "$WORK/gateway/run/nginx.pid")
line "nginx (master + workers)" "$(( $(rss_of "$master") + $(ps -o rss= --ppid "$master" | awk '{s+=$1} END {print s+0}') ))"
printf '%-26s %6d MiB\n' "total" $(( total / 1024 ))
