#!/usr/bin/env bash
# comment-war benchmark in its production shape: user-war, post-war and comment-war each on their
# own Liberty server, MariaDB primary + replica and Redis on loopback ports of their own.
#
#   ./mvnw -q package -DskipTests && scripts/load/comments-benchmark.sh
#
# Loads one article with 500 comments in 50 threads through the API, then measures with wrk:
# the thread list (random pages) at 16 and 64 connections, comment creation, and both again with
# post-war stopped. Rate limits and the first-comment moderation are relaxed for the run only.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${BENCH_DURATION:-15s}
WORK=${BLOG_BENCH_DIR:-/tmp/blog-comments-bench-$$}
USERS_PORT=9191 POSTS_PORT=9192 COMMENTS_PORT=9193 REDIS_PORT=6393
export BLOG_DB_PAIR_DIR="$WORK/mariadb" BLOG_DB_PRIMARY_PORT=3317 BLOG_DB_REPLICA_PORT=3318
OPTS="timezone=UTC&connectTimeout=2000"
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }

wlp() { echo "$ROOT/$1-war/target/liberty/wlp"; }
stop_all() {
  for m in user post comment; do "$(wlp $m)/bin/server" stop "$m-bench" >/dev/null 2>&1 || true; done
  scripts/dev/mariadb-pair.sh stop >/dev/null 2>&1 || true
  [[ -f "$WORK/redis.pid" ]] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true
}
trap stop_all EXIT
mkdir -p "$WORK"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --daemonize yes
scripts/dev/mariadb-pair.sh start

server() { # $1 module $2 port $3 schema, rest: extra env lines
  local module=$1 port=$2 schema=$3; shift 3
  local dir; dir="$(wlp "$module")/usr/servers/$module-bench"
  rm -rf "$dir"
  "$(wlp "$module")/bin/server" create "$module-bench" >/dev/null
  cp "$module-war/src/main/liberty/config/server.xml" liberty-config/jvm.options "$dir/"
  cp "$module-war/target/$module-war.war" "$dir/apps/"
  printf '%s\n' "HTTP_PORT=$port" "keystore_password=bench-only" "BLOG_DB_REPLICA_ENABLED=true" \
    "BLOG_DB_URL=jdbc:mariadb://127.0.0.1:3317/blog_$schema?$OPTS" "BLOG_DB_REPLICA_URL=jdbc:mariadb://127.0.0.1:3318/blog_$schema?$OPTS" \
    "BLOG_DB_USER=blog_$schema" "BLOG_DB_PASSWORD=$schema-dev-pw" "BLOG_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0" \
    "BLOG_JWT_JWKS_URL=http://127.0.0.1:$USERS_PORT/api/users/jwks" "BLOG_USERS_URL=http://127.0.0.1:$USERS_PORT" \
    "BLOG_POSTS_URL=http://127.0.0.1:$POSTS_PORT" "$@" > "$dir/server.env"
  "$(wlp "$module")/bin/server" start "$module-bench" >/dev/null
}
wait_ready() {
  local t0=$SECONDS
  until curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null; do
    (( SECONDS - t0 < 180 )) || { echo "server on $1 not ready" >&2; exit 1; }
    sleep 0.5
  done
}
server user "$USERS_PORT" users "BLOG_ADMIN_USERNAME=benchadmin" "BLOG_ADMIN_EMAIL=benchadmin@example.test" \
  "BLOG_ADMIN_PASSWORD=bench-admin-password" "BLOG_REGISTRATION_LIMIT_PER_IP=100000" "BLOG_REGISTRATION_DEFAULT_ROLE=AUTHOR"
server post "$POSTS_PORT" posts
server comment "$COMMENTS_PORT" comments "BLOG_COMMENTS_TRUSTED_AFTER=0" "BLOG_COMMENTS_LIMIT_PER_USER=1000000" \
  "BLOG_COMMENTS_LIMIT_PER_IP=1000000"
wait_ready "$USERS_PORT"; wait_ready "$POSTS_PORT"; wait_ready "$COMMENTS_PORT"
U=http://127.0.0.1:$USERS_PORT/api/users P=http://127.0.0.1:$POSTS_PORT/api/posts C=http://127.0.0.1:$COMMENTS_PORT/api/comments
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

curl -sf -o /dev/null -X POST "$U" -H 'Content-Type: application/json' \
  -d '{"username":"benchwriter","email":"benchwriter@example.test","password":"Bench-Writer-Pass-1"}'
TOKEN=$(curl -sf -X POST "$U/login" -H 'Content-Type: application/json' -d '{"login":"benchwriter","password":"Bench-Writer-Pass-1"}' | json '["accessToken"]')
SLUG=$(curl -sf -X POST "$P" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"title":"An article with many comments","body":"Discuss.","tags":["bench"],"status":"PUBLISHED"}' | json '["slug"]')

echo "== data: 50 threads x 10 comments on '$SLUG'"
t0=$(date +%s.%N)
for t in $(seq 1 50); do
  root=$(curl -sf -X POST "$C" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"post\":\"$SLUG\",\"body\":\"Thread $t opens here\"}" | json '["id"]')
  parent=$root
  for r in $(seq 1 9); do
    parent=$(curl -sf -X POST "$C" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"post\":\"$SLUG\",\"parentId\":\"$parent\",\"body\":\"Reply $r in thread $t\"}" | json '["id"]')
  done
done
echo "500 comments created sequentially in $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s"
: > "$WORK/cursors.txt"
cursor=""
for _ in $(seq 1 5); do
  cursor=$(curl -sf "$C?post=$SLUG&limit=10${cursor:+&cursor=$cursor}" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("nextCursor") or "")')
  [[ -n $cursor ]] || break
  echo "$cursor" >> "$WORK/cursors.txt"
done

run() { # $1 label $2 connections, rest: env
  local label=$1 conns=$2; shift 2
  local out
  out=$(env "$@" POST="$SLUG" wrk -t2 -c"$conns" -d"$DURATION" --latency -s scripts/load/comments-wrk.lua "http://127.0.0.1:$COMMENTS_PORT" 2>&1)
  printf '%-44s c=%-3s p50=%-9s p99=%-9s %s req/s  non-2xx=%s\n' "$label" "$conns" \
    "$(awk '/ 50%/{print $2}' <<<"$out")" "$(awk '/ 99%/{print $2}' <<<"$out")" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '/Non-2xx/{print $5}' <<<"$out")"
}
env MODE=list POST="$SLUG" CURSORS="$WORK/cursors.txt" wrk -t2 -c16 -d10s -s scripts/load/comments-wrk.lua "http://127.0.0.1:$COMMENTS_PORT" >/dev/null
echo "== comment-war ($DURATION per point)"
run "thread list, 10 threads (100 comments)/page" 16 MODE=list CURSORS="$WORK/cursors.txt"
run "thread list, 10 threads (100 comments)/page" 64 MODE=list CURSORS="$WORK/cursors.txt"
run "create a comment" 16 MODE=create AUTH="$TOKEN"

echo "== with post-war stopped"
"$(wlp post)/bin/server" stop post-bench >/dev/null
run "thread list, post-war down" 16 MODE=list CURSORS="$WORK/cursors.txt"
run "create a comment, post-war down (expect 503)" 16 MODE=create AUTH="$TOKEN"
status=$(curl -s -o /dev/null -w '%{http_code} in %{time_total}s' -X POST "$C" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d "{\"post\":\"$SLUG\",\"body\":\"single probe while down\"}")
echo "one create while post-war is down: HTTP $status"
pid=$(pgrep -f "ws-server.jar comment-bench" | head -1)
echo "comment-war RSS: $(( $(ps -o rss= -p "$pid") / 1024 )) MiB"
