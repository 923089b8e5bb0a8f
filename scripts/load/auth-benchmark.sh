#!/usr/bin/env bash
# Registration/login latency of user-war in its production shape: its own Liberty server on the
# packaged WAR, a MariaDB primary + replica and Redis, all on loopback ports of their own. Prints
# the start time, the latency table (scripts/load/auth-latency.java) and the server's RSS, then
# stops everything it started.
#
#   ./mvnw -q package -DskipTests && scripts/load/auth-benchmark.sh [requestsPerLevel]
#
# The registration limit is raised for the run (every request comes from 127.0.0.1); the login
# limits stay on but only count failures, and the benchmark's logins all succeed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
REQUESTS=${1:-200}
PORT=${BLOG_BENCH_PORT:-9191}
REDIS_PORT=${BLOG_BENCH_REDIS_PORT:-6392}
WORK=${BLOG_BENCH_DIR:-/tmp/blog-bench-$$}
export BLOG_DB_PAIR_DIR="$WORK/mariadb" BLOG_DB_PRIMARY_PORT=${BLOG_BENCH_PRIMARY_PORT:-3317} BLOG_DB_REPLICA_PORT=${BLOG_BENCH_REPLICA_PORT:-3318}
WLP=$ROOT/user-war/target/liberty/wlp
SERVER=user-bench

[[ -f user-war/target/user-war.war && -x $WLP/bin/server ]] || { echo "build first: ./mvnw -q package -DskipTests" >&2; exit 2; }

cleanup() {
  "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
  scripts/dev/mariadb-pair.sh stop >/dev/null 2>&1 || true
  [[ -f "$WORK/redis.pid" ]] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT
mkdir -p "$WORK"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --daemonize yes
scripts/dev/mariadb-pair.sh start

rm -rf "${WLP:?}/usr/servers/$SERVER"
"$WLP/bin/server" create "$SERVER" >/dev/null
cp user-war/src/main/liberty/config/server.xml "$WLP/usr/servers/$SERVER/server.xml"
cp liberty-config/jvm.options "$WLP/usr/servers/$SERVER/jvm.options"
cp user-war/target/user-war.war "$WLP/usr/servers/$SERVER/apps/"
opts="timezone=UTC&connectTimeout=2000"
cat > "$WLP/usr/servers/$SERVER/server.env" <<ENV
HTTP_PORT=$PORT
keystore_password=bench-only-keystore-password
BLOG_DB_URL=jdbc:mariadb://127.0.0.1:$BLOG_DB_PRIMARY_PORT/blog_users?$opts
BLOG_DB_REPLICA_URL=jdbc:mariadb://127.0.0.1:$BLOG_DB_REPLICA_PORT/blog_users?$opts
BLOG_DB_USER=blog_users
BLOG_DB_PASSWORD=users-dev-pw
BLOG_DB_REPLICA_ENABLED=true
BLOG_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
BLOG_REGISTRATION_LIMIT_PER_IP=1000000
ENV

t0=$(date +%s.%N)
"$WLP/bin/server" start "$SERVER" >/dev/null
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do
  (( $(echo "$(date +%s.%N) - $t0 > 180" | bc) )) && { echo "user-war did not become ready" >&2; exit 1; }
  sleep 0.2
done
echo "start to ready: $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s"

"$JAVA_HOME/bin/java" scripts/load/auth-latency.java "http://127.0.0.1:$PORT" "$REQUESTS" || status=$?

pid=$(pgrep -f "ws-server.jar $SERVER" | head -1)
echo "user-war RSS after the run: $(( $(ps -o rss= -p "$pid") / 1024 )) MiB"
exit "${status:-0}"
