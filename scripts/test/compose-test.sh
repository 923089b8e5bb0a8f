#!/usr/bin/env bash
# The compose deployment tested for real: builds the images, runs containers/docker-compose.yml on
# a Docker engine, waits until every container is healthy, runs the operator's API smoke test and
# the gateway and whole-flow system tests against it, checks that the log shipper indexed every
# component's log lines into Elasticsearch (one request followed from the gateway into the service),
# checks that the log retention sees the log volume, checks that Prometheus scrapes every target
# and has the rules, SIGKILLs one post-war container under signed-in reads (none may fail; the
# engine restarts it; Prometheus must have seen it down), and tears everything down, volumes
# included. Prints the image
# sizes, the times and each container's RSS.
#
#   scripts/test/compose-test.sh
#
# Uses the engine at DOCKER_HOST or the default socket if one answers; otherwise starts Debian's
# dockerd with its data under BLOG_COMPOSE_TEST_DIR and stops it (and removes that data) at the
# end. Needs the modules built (./mvnw package -DskipTests) and the system tests compiled.
#   BLOG_COMPOSE_TEST_DIR          work folder                  (default /tmp/blog-compose-test)
#   BLOG_COMPOSE_TEST_PORT_OFFSET  added to the default ports   (default 12000: gateway 20088; below the ephemeral range)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0" >&2; exit 2; }
(( $# == 0 )) || usage
cd "$TEST_ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

WORK=${BLOG_COMPOSE_TEST_DIR:-/tmp/blog-compose-test}
OFFSET=${BLOG_COMPOSE_TEST_PORT_OFFSET:-12000}
PROJECT=blogtest
ENV_FILE=$WORK/compose.env
COMPOSE=(docker-compose -p "$PROJECT" --env-file "$ENV_FILE" -f containers/docker-compose.yml)
DOCKERD_PID=""
REPORT=()
report() { REPORT+=("$(printf '%-44s %s' "$1" "$2")"); test_log "$1: $2"; }
seconds_since() { echo "$(( ($(date +%s%N) - $1) / 1000000 ))" | awk '{printf "%.1f s", $1 / 1000}'; }

cleanup() {
  local rc=$?
  if [[ -f $ENV_FILE ]] && docker info >/dev/null 2>&1; then
    (( rc == 0 )) || "${COMPOSE[@]}" ps >&2 || true
    "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || test_log "docker-compose down failed"
  fi
  if [[ -n $DOCKERD_PID ]]; then
    kill "$DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
    # dockerd leaves its default network namespace mounted in its exec root.
    umount "$WORK"/docker-exec/netns/* 2>/dev/null || true
  fi
  rm -rf "$WORK" 2>/dev/null || test_log "left $WORK behind (something still uses it)"
  exit "$rc"
}
trap cleanup EXIT

# What an interrupted run left behind: its containers and volumes first, then its folder.
if [[ -f $ENV_FILE ]] && docker info >/dev/null 2>&1; then "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; fi
rm -rf "$WORK"
mkdir -p "$WORK"

# --- engine -----------------------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  [[ -z ${DOCKER_HOST:-} ]] || test_die "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST"
  t=$(date +%s%N)
  dockerd --host unix:///var/run/docker.sock --data-root "$WORK/docker" --exec-root "$WORK/docker-exec" \
    --pidfile "$WORK/dockerd.pid" >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 100); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
  docker info >/dev/null 2>&1 || { tail -20 "$WORK/dockerd.log" >&2; test_die "dockerd did not start"; }
  report "dockerd started" "$(seconds_since "$t")"
fi

# --- images -----------------------------------------------------------------------------------------
t=$(date +%s%N)
scripts/deployment/build-images.sh >"$WORK/build-images.out" || test_die "build-images.sh"
report "images built" "$(seconds_since "$t")"
while read -r image size; do report "image $image" "$size"; done < <(awk '{print $1, $2 " " $3}' "$WORK/build-images.out")

# --- deployment ---------------------------------------------------------------------------------------
# The host topology's env file with fresh secrets, plus the token signing key on one line. Every
# test client reaches the gateway from one address here (Docker's proxy for the published port),
# where on the host each test call has a loopback address of its own: the gateway's per-address
# budgets are lifted (RateLimitIT tests them on the host topology).
scripts/deployment/new-env-file.sh "$ENV_FILE" "$WORK/unused" "$OFFSET" GATEWAY_RATE_API=10000r/s GATEWAY_BURST_API=10000 \
  GATEWAY_RATE_AUTH=1000r/s GATEWAY_BURST_AUTH=1000 GATEWAY_RATE_COMMENTS=1000r/s GATEWAY_BURST_COMMENTS=1000 \
  BLOG_PROMETHEUS_SCRAPE_INTERVAL=5s
echo "BLOG_JWT_SIGNING_KEY=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | tr -d '\n')" >>"$ENV_FILE"
setting() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }
GATEWAY=http://127.0.0.1:$(setting GATEWAY_PORT)

t=$(date +%s%N)
# up returns once every container has been started, its dependencies healthy; the last ones
# (second instances, gateway, console) are then waited for here.
"${COMPOSE[@]}" up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; test_die "docker-compose up"; }
# 175–380 s measured on this 2-core machine (7 JVMs and Elasticsearch start): the bound is for a hang.
deadline=$(( SECONDS + 900 ))
while :; do
  states=$(docker inspect -f '{{.Name}} {{.State.Health.Status}}' $("${COMPOSE[@]}" ps -q))
  grep -qv ' healthy$' <<<"$states" || break
  (( SECONDS < deadline )) || { echo "$states" >&2; test_die "not every container healthy after 900 s"; }
  sleep 2
done
report "docker-compose up to all healthy" "$(seconds_since "$t") ($(wc -l <<<"$states") containers)"

# --- tests against it --------------------------------------------------------------------------------
t=$(date +%s%N)
BLOG_ENV_FILE=$ENV_FILE scripts/test/api-test.sh "$GATEWAY" >"$WORK/api-test.out" 2>&1 \
  || { cat "$WORK/api-test.out" >&2; test_die "api-test.sh against the compose deployment"; }
report "api-test.sh (whole API through the gateway)" "passed in $(seconds_since "$t")"

# Two tests stay with the host topology's run: the one of request ids in the instances' own log
# files reads the host's folders (here they are on a volume; the log check below follows a request
# id instead), and the one of view
# counts tells visitors apart by address, which all test clients share here.
t=$(date +%s%N)
./mvnw -B -ntp -q -pl system-tests test-compile failsafe:integration-test failsafe:verify \
  -Dit.test='GatewayIT,!GatewayIT#requestIdIsPassedThroughToTheServiceAndItsLog,WholeFlowIT,EdgeCacheIT,!EdgeCacheIT#viewCountsStayExactWhileTheArticleComesFromTheCache,PagesIT' \
  -Dsystem.env.file="$ENV_FILE" -Dfailsafe.failIfNoSpecifiedTests=false >"$WORK/system-tests.out" 2>&1 \
  || { tail -60 "$WORK/system-tests.out" >&2; test_die "system tests against the compose deployment"; }
report "system tests (gateway, whole flow, edge cache, pages)" "passed in $(seconds_since "$t")"

# --- log shipping -------------------------------------------------------------------------------------------
# Elasticsearch is on the internal network only: asked from inside the log shipper's container.
shipper=$("${COMPOSE[@]}" ps -q log-shipper)
logs_search() { # $1 query DSL → "service.name=count ..." over the blog-logs alias
  docker exec "$shipper" curl -sf -m 10 -H 'Content-Type: application/json' "http://elasticsearch:9200/blog-logs/_search" \
    -d "{\"size\":0,\"query\":$1,\"aggs\":{\"s\":{\"terms\":{\"field\":\"service.name\",\"size\":20}}}}" \
    | python3 -c 'import json,sys; print(" ".join("%s=%d" % (b["key"], b["doc_count"]) for b in sorted(json.load(sys.stdin)["aggregations"]["s"]["buckets"], key=lambda b: b["key"])))'
}
t=$(date +%s%N)
request_id=compose-log-check-$(date +%s%N)
# A query string of its own, so the edge cache cannot answer it: the request reaches post-war.
curl -s -o /dev/null -H "X-Request-Id: $request_id" "$GATEWAY/api/posts?limit=1&logcheck=$request_id"
trail=""
until [[ $trail == *gateway=* && $trail == *posts=* ]]; do
  (( $(date +%s%N) - t < 90000000000 )) || test_die "request $request_id not in the logs of both the gateway and post-war after 90 s (found: ${trail:-nothing})"
  sleep 2
  trail=$(logs_search "{\"term\":{\"http.request.id\":\"$request_id\"}}" || true)
done
report "log shipping: one request, gateway to post-war" "indexed within $(seconds_since "$t") ($trail)"
services=$(logs_search '{"match_all":{}}')
for service in users posts comments console gateway mariadb; do
  [[ " $services" == *" $service="* ]] || test_die "no log line of $service in Elasticsearch (lines by service: $services)"
done
report "log shipping: lines by service" "$services"
# The hourly retention, asked what it would do with a 1 KB limit: it must see the volume's files.
retention=$(docker exec "$shipper" /opt/blog/scripts/maintenance/cleanup-logs.sh --max-size 1k --dry-run) \
  || test_die "cleanup-logs.sh in the log shipper failed"
for file in gateway/logs/access.json wlp/usr/servers/posts-1/logs/messages.log mariadb/primary.err; do
  grep -q "^would rotate /var/log/blog/$file " <<<"$retention" || test_die "log retention does not see $file: $retention"
done
report "log retention (dry run, 1 KB limit)" "$(grep -c '^would rotate' <<<"$retention") files it would rotate"

# --- monitoring ---------------------------------------------------------------------------------------------
PROMETHEUS=http://127.0.0.1:$(setting BLOG_PROMETHEUS_PORT)
promql() { # $1 query → the number of series it returns
  curl -sf -G "$PROMETHEUS/api/v1/query" --data-urlencode "query=$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))'
}
t=$(date +%s%N)
until [[ $(promql 'up == 0 or absent(up)') == 0 && $(promql up) -gt 0 ]]; do
  (( $(date +%s%N) - t < 120000000000 )) || test_die "Prometheus: a target not up after 120 s: $(curl -s "$PROMETHEUS/api/v1/targets?state=active" | python3 -c 'import json,sys; print([t["labels"]["instance"] for t in json.load(sys.stdin)["data"]["activeTargets"] if t["health"] != "up"])')"
  sleep 2
done
report "Prometheus: every target up" "$(promql up) targets"
rules=$(curl -sf "$PROMETHEUS/api/v1/rules" | python3 -c 'import json,sys; print(sum(len(g["rules"]) for g in json.load(sys.stdin)["data"]["groups"]))')
(( rules > 0 )) || test_die "Prometheus loaded no rules"
report "Prometheus: alerting and recording rules" "$rules loaded"

# --- one post-war container killed under signed-in reads ------------------------------------------------
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$GATEWAY$1" -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} -d "$2"; }
login() { post /api/users/login "{\"login\":\"$1\",\"password\":\"$2\"}" | json '["accessToken"]'; }
name=killcheck$(date +%s)
post /api/users "{\"username\":\"$name\",\"email\":\"$name@example.test\",\"password\":\"Kill-Check-Pass-1\"}" >/dev/null \
  || test_die "registration for the kill check"
admin=$(login "$(setting BLOG_ADMIN_USERNAME)" "$(setting BLOG_ADMIN_PASSWORD)")
curl -sf -o /dev/null -X PUT "$GATEWAY/api/users/$name/roles" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"roles":["AUTHOR"]}' || test_die "making the kill check's account an author"
token=$(login "$name" Kill-Check-Pass-1)
slug=$(post /api/posts '{"title":"Kill check","body":"Read while an instance dies.","status":"PUBLISHED"}' "$token" | json '["slug"]')
# Signed-in reads never come from the edge cache: each one reaches a post-war instance.
reader() { # $1 output file; reads until the stop file appears
  until [[ -f $WORK/stop-readers ]]; do
    curl -s -o /dev/null -m 10 -w '%{http_code}\n' -H "Authorization: Bearer $token" "$GATEWAY/api/posts/$slug" >>"$1" || true
  done
}
readers=()
for n in 1 2 3 4; do reader "$WORK/reads-$n" & readers+=($!); done
sleep 5
victim=$("${COMPOSE[@]}" ps -q posts-1)
# SIGKILL from the host, as a crash or the OOM killer would: `docker kill` counts as stopped by
# hand, and the engine would not apply the restart policy.
kill -KILL "$(docker inspect -f '{{.State.Pid}}' "$victim")"
t=$(date +%s%N)
sleep 15
touch "$WORK/stop-readers"
# The readers only: a dockerd this script started is a child too, and never ends by itself.
wait "${readers[@]}"
reads=$(cat "$WORK"/reads-* | wc -l)
failed=$(cat "$WORK"/reads-* | grep -cv '^200$' || true)
report "posts-1 SIGKILLed under 4 readers" "$failed failed of $reads reads"
(( failed == 0 )) || test_die "$failed reads failed while posts-1 was killed: $(sort "$WORK"/reads-* | uniq -c | tr '\n' ' ')"
until [[ $(docker inspect -f '{{.State.Health.Status}}' "$victim") == healthy ]]; do
  (( $(date +%s%N) - t < 300000000000 )) || test_die "posts-1 not healthy again within 300 s of the kill"
  sleep 1
done
report "posts-1 restarted by the engine, healthy after" "$(seconds_since "$t")"
[[ $(promql 'min_over_time(up{instance="posts-1"}[5m]) == 0') == 1 ]] || test_die "Prometheus did not see posts-1 down"
report "Prometheus saw posts-1 down" "yes (up == 0 within the last 5 min)"

# --- memory --------------------------------------------------------------------------------------------
total=0
for id in $("${COMPOSE[@]}" ps -q); do
  pid=$(docker inspect -f '{{.State.Pid}}' "$id")
  rss=$(ps -o rss= --ppid "$pid" -p "$pid" | awk '{s += $1} END {print int(s / 1024)}')
  total=$(( total + rss ))
  report "RSS $(docker inspect -f '{{.Name}}' "$id" | sed "s#^/${PROJECT}_##; s#_1\$##")" "$rss MB"
done
report "RSS of the whole deployment" "$total MB"

t=$(date +%s%N)
"${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || test_die "docker-compose down"
report "docker-compose down -v" "$(seconds_since "$t")"
echo
printf '%s\n' "${REPORT[@]}"
