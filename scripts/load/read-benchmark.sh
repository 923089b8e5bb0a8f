#!/usr/bin/env bash
# The read path of the production topology in one run, as ratios to what this machine can do: a
# 1 KB static file served by the same nginx is the ceiling of the HTTP stack and client here.
#
#   ./mvnw -q install -DskipTests -pl '!system-tests' && scripts/load/read-benchmark.sh [articles=10000]
#
# Starts its own topology (ports 21000 above the defaults, rate limits lifted, stopped at the end),
# loads ARTICLES generated articles (plus five comments on one), then measures with wrk:
#   * anonymous reads through the gateway (the edge cache): article, comment thread, list, tags, feed;
#   * uncached reads (a signed-in reader) through the gateway and straight to one instance, with the
#     service CPU spent per request;
#     and a JFR profile of each (its hottest methods);
#   * search at 16 connections, straight to an instance;
#   * 10,000 concurrent keep-alive connections through the gateway;
#   * start-up time, and each service instance's RSS after the run.
# Prints one table. BENCH_DURATION (15s) sets each measurement's length.
set -euo pipefail
usage() { echo "usage: $0 [articles=10000]" >&2; exit 2; }
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
ARTICLES=${1:-10000}
[[ $ARTICLES =~ ^[0-9]+$ ]] || usage
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${BENCH_DURATION:-15s}
WORK=${BLOG_BENCH_DIR:-/tmp/blog-read-bench}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }
# wrk holds the 10,000 connections in one process.
ulimit -n 12000 2>/dev/null || { echo "needs 12000 open files (ulimit -n) for 10,000 connections" >&2; exit 2; }

export BLOG_ENV_FILE=$WORK.env
stop_all() { scripts/deployment/stop-production.sh >/dev/null 2>&1 || true; rm -rf "$WORK" "$BLOG_ENV_FILE"; }
# What an interrupted run left behind.
[[ -f $BLOG_ENV_FILE ]] && stop_all
trap stop_all EXIT
# The offset keeps every port below Linux's ephemeral range (32768 up): at 30000 a client socket of
# the starting topology once held Prometheus's port as it came to bind it.
scripts/deployment/new-env-file.sh "$BLOG_ENV_FILE" "$WORK" 21000 GATEWAY_RATE_API=1000000r/s GATEWAY_BURST_API=1000000 \
  GATEWAY_RATE_AUTH=1000r/s GATEWAY_BURST_AUTH=1000 BLOG_REGISTRATION_DEFAULT_ROLE=AUTHOR
# shellcheck source=/dev/null
source "$BLOG_ENV_FILE"
G=http://127.0.0.1:$GATEWAY_PORT
read -r POSTS_1 _ <<<"$BLOG_POSTS_PORTS"
read -r COMMENTS_1 _ <<<"$BLOG_COMMENTS_PORTS"
ROWS=()
PROFILES=()
row() { ROWS+=("$(printf '| %s | %s | %s | %s | %s |' "$@")"); }

t0=$(date +%s.%N)
scripts/deployment/start-production.sh >"$WORK.start.log" 2>&1 || { tail -20 "$WORK.start.log" >&2; exit 1; }
STARTUP=$(printf '%.0f' "$(echo "$(date +%s.%N) - $t0" | bc)")
READY=$(grep -o '[a-z]*-[0-9] ready on :[0-9]* ([0-9.]* s)' "$WORK.start.log" | sed 's/ on :[0-9]*//; s/[()]//g' | paste -sd, -)

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
token() { curl -sf -X POST "$G/api/users/login" -H 'Content-Type: application/json' \
  -d "{\"login\":\"$1\",\"password\":\"$2\"}" | json '["accessToken"]'; }
register() { curl -sf -o /dev/null -X POST "$G/api/users" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$1\",\"email\":\"$1@example.test\",\"password\":\"$2\"}"; }
ADMIN=$(token "$BLOG_ADMIN_USERNAME" "$BLOG_ADMIN_PASSWORD")
register benchauthor Bench-Author-Pass-1
register benchreader Bench-Reader-Pass-1
AUTHOR=$(token benchauthor Bench-Author-Pass-1)

echo "== loading $ARTICLES articles"
JDBC_JAR=$(ls user-war/target/liberty/wlp/usr/shared/resources/jdbc/mariadb-java-client-*.jar)
"$JAVA_HOME/bin/java" -cp "$JDBC_JAR" scripts/load/GenerateArticles.java \
  "jdbc:mariadb://127.0.0.1:$BLOG_DB_PRIMARY_PORT/blog_posts?timezone=UTC" blog_posts "$BLOG_POSTS_DB_PASSWORD" \
  "$ARTICLES" benchauthor
# Refused (503) until post-war sees Elasticsearch: asked again for up to a minute.
for _ in $(seq 1 60); do
  job=$(curl -sf -X POST "$G/api/posts/search/reindex" -H "Authorization: Bearer $ADMIN" | json '["id"]' 2>/dev/null) && break
  sleep 1
done
[[ -n ${job:-} ]] || { echo "reindex refused" >&2; exit 1; }
until curl -sf "$G/api/posts/search/reindex/$job" -H "Authorization: Bearer $ADMIN" | grep -q '"status":"DONE"'; do sleep 1; done
sql() { mariadb -h127.0.0.1 -P"$BLOG_DB_PRIMARY_PORT" -ublog_posts -p"$BLOG_POSTS_DB_PASSWORD" -N -e "$1"; }
SLUG=$(sql "SELECT slug FROM blog_posts.article WHERE status = 'PUBLISHED' ORDER BY published_at DESC LIMIT 1")
for i in 1 2 3 4 5; do
  curl -sf -o /dev/null -X POST "$G/api/comments" -H "Authorization: Bearer $AUTHOR" -H 'Content-Type: application/json' \
    -d "{\"post\":\"$SLUG\",\"body\":\"Benchmark comment $i: measured, not guessed.\"}"
done
sql "SELECT slug FROM blog_posts.article WHERE status = 'PUBLISHED'" | shuf -n 1000 >"$WORK/slugs.txt"
head -c 768 /dev/urandom | base64 -w0 >"$WORK/frontend/bench-1k.txt"

cpu_of() { # total CPU ticks of the Liberty servers whose names start with $1
  local t=0 pid
  for pid in $(pgrep -f "ws-server.jar $1-"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$t"
}
errors_in() { # wrk's output → non-2xx answers plus socket errors
  awk '/Non-2xx/{n += $5} /Socket errors/{gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$1"
}
# wrk with --latency: "req/s p99 errors requests"
measure() { # $1 connections, rest: wrk arguments
  local c=$1 out; shift
  wrk -t2 -c"$c" -d5s "$@" >/dev/null 2>&1 || true   # warm-up: JIT, caches, keep-alive pools
  out=$(wrk -t2 -c"$c" -d"$DURATION" --latency "$@" 2>&1)
  echo "$(awk '/Requests\/sec/{printf "%.0f", $2}' <<<"$out") $(awk '/ 99%/{print $2}' <<<"$out") $(errors_in "$out") $(awk '/requests in/{print $1}' <<<"$out")"
}
ratio() { echo "$1 $2" | awk '{printf "%.0f %%", 100 * $1 / $2}'; }

# Search and uncached reads first: the cached rows write some 50,000 access-log lines a second,
# and the log shipper works that backlog off for minutes afterwards, on the same two cores (and
# the Elasticsearch node that answers searches indexes it). Search goes first of all: while a
# backlog of log lines kept rsyslog at 70-140 % of a core, search ran at 80-116 req/s, 220 after.
echo "== search, 16 connections, straight to posts-1"
read -r rps p99 errors _ <<<"$(MODE=search measure 16 -s scripts/load/posts-wrk.lua "http://127.0.0.1:$POSTS_1")"
row "search over $ARTICLES articles, 16 connections" "$rps" "$p99" "" "target p99 ≤ 50 ms; errors $errors"

echo "== uncached reads: a signed-in reader, through the gateway and straight to one instance"
READER=$(token benchreader Bench-Reader-Pass-1)
for spec in "article|posts|$POSTS_1|slug|" "list of 20|posts|$POSTS_1||/api/posts?limit=20" "comment thread|comments|$COMMENTS_1||/api/comments?post=$SLUG"; do
  IFS='|' read -r label svc port mode path <<<"$spec"
  if [[ -n $mode ]]; then script=(-s scripts/load/posts-wrk.lua); else script=(-s scripts/load/auth-header.lua); fi
  read -r via_gateway gw_p99 _ _ <<<"$(MODE=$mode SLUGS=$WORK/slugs.txt AUTH=$READER measure 64 "${script[@]}" "$G$path")"
  before=$(cpu_of "$svc")
  jfr_file="$WORK/${label// /-}.jfr"
  "$JAVA_HOME/bin/jcmd" "$(pgrep -f "ws-server.jar $svc-1\$")" JFR.start name=bench settings=profile filename="$jfr_file" >/dev/null
  read -r direct direct_p99 _ requests <<<"$(MODE=$mode SLUGS=$WORK/slugs.txt AUTH=$READER measure 64 "${script[@]}" "http://127.0.0.1:$port$path")"
  "$JAVA_HOME/bin/jcmd" "$(pgrep -f "ws-server.jar $svc-1\$")" JFR.stop name=bench >/dev/null
  PROFILES+=("== $label, signed in, straight to $svc-1: hottest methods (JFR execution samples)"
             "$("$JAVA_HOME/bin/jfr" view --width 150 hot-methods "$jfr_file" | sed -n '4,18p')")
  cpu_ms=$(echo "$(cpu_of "$svc") $before $requests $(getconf CLK_TCK)" | awk '{printf "%.2f", ($1 - $2) * 1000 / $4 / $3}')
  row "$label, signed in, via gateway" "$via_gateway" "$gw_p99" "$(ratio "$via_gateway" "$direct") of direct" "target ≥ 80 %"
  row "$label, signed in, direct to $svc-1" "$direct" "$direct_p99" "" "$cpu_ms ms service CPU per request (target ≤ 0.5)"
done

echo "== ceiling: 1 KB static file through nginx"
read -r STATIC STATIC_P99 _ _ <<<"$(measure 64 "$G/bench-1k.txt")"
row "1 KB static file (ceiling)" "$STATIC" "$STATIC_P99" "100 %" "nginx alone"

echo "== anonymous reads through the gateway (edge cache)"
for spec in "article by slug|/api/posts/$SLUG|60" "comment thread (5 comments)|/api/comments?post=$SLUG|60" \
            "list of 20|/api/posts?limit=20|30" "tags|/api/posts/tags|30" "RSS feed|/rss.xml|30"; do
  IFS='|' read -r label path target <<<"$spec"
  read -r rps p99 errors _ <<<"$(measure 64 "$G$path")"
  row "$label, anonymous" "$rps" "$p99" "$(ratio "$rps" "$STATIC")" "target ≥ $target %, p99 ≤ 10 ms; errors $errors"
done

echo "== 10,000 concurrent keep-alive connections through the gateway"
wrk -t2 -c10000 -d"$DURATION" --timeout 10s "$G/api/posts/$SLUG" >"$WORK/c10k.txt" 2>&1 &
sleep "$(( ${DURATION%s} / 2 ))"
held=$(curl -s "http://127.0.0.1:$GATEWAY_INTERNAL_PORT/stub_status" | awk '/Active/{print $3}')
wait
out=$(<"$WORK/c10k.txt")
errors=$(errors_in "$out")
row "10,000 connections, cached article" "$(awk '/Requests\/sec/{printf "%.0f", $2}' <<<"$out")" "$(awk '/Latency/{print $4}' <<<"$out") (max)" "" "$held connections open mid-run; errors $errors"
ready=$(for p in $BLOG_USERS_PORTS $BLOG_POSTS_PORTS $BLOG_COMMENTS_PORTS; do curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$p/health/ready"; done)

rss=""
for name in users-1 users-2 posts-1 posts-2 comments-1 comments-2; do
  rss+="$name $(( $(ps -o rss= -p "$(pgrep -f "ws-server.jar $name\$")") / 1024 )) MB, "
done

echo
echo "| read | req/s | p99 | ratio | note |"
echo "|---|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
printf '%s\n' "${PROFILES[@]}"
echo
echo "service instances after the run: readiness ${ready% }; RSS ${rss%, } (target ≤ 256 MB)"
echo "start-production.sh from empty folders: $STARTUP s; ready: $READY"
