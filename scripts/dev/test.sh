#!/usr/bin/env bash
# Runs the whole test suite the way CI does: installs the Debian packages it needs (listed once in
# scripts/dev/lib.sh) if any is missing, starts what the services' integration tests need on
# ports of their own (a MariaDB primary + replica with GTID replication, a Redis, an Elasticsearch
# node), runs `./mvnw verify` (whose last module, system-tests, starts and stops the production
# topology itself), then scripts/test/compose-test.sh (the images and the compose deployment on
# Debian's Docker engine), and stops everything it started, also when the build fails.
#
#   scripts/dev/test.sh [--setup-only] [extra Maven arguments]
#
#   --setup-only   check and install what the tests need, then stop
#
# Needs a JDK 25 (JAVA_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64); installing packages
# needs root and apt-get, else it names the missing packages and stops.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=scripts/dev/lib.sh
source scripts/dev/lib.sh

setup_only=false
if [[ ${1:-} == --setup-only ]]; then
  setup_only=true
  shift
fi
ensure_test_packages
$setup_only && exit 0

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x $JAVA_HOME/bin/java ]] || dev_die "no JDK at JAVA_HOME=$JAVA_HOME (a JDK 25 is needed)"
WORK=${BLOG_TEST_DIR:-/tmp/blog-test-$$}
REDIS_PORT=${BLOG_TEST_REDIS_PORT:-6391}
export BLOG_DB_PAIR_DIR="$WORK/mariadb"
export BLOG_ES_DIR="$WORK/elasticsearch"

cleanup() {
  local rc=$?
  # Liberty test servers are stopped by the build; this catches those a crashed build left behind.
  pkill -f "$ROOT/.*/wlp/bin/tools/ws-server.jar" 2>/dev/null || true
  # The system tests' production topology is stopped by the build too; this is for a crashed one.
  if [[ -f system-tests/target/system-tests.env ]]; then
    BLOG_ENV_FILE=$ROOT/system-tests/target/system-tests.env scripts/deployment/stop-production.sh >/dev/null 2>&1 || true
  fi
  pkill -f "/tmp/blog-system-tests/wlp/bin/tools/ws-server.jar" 2>/dev/null || true
  scripts/dev/mariadb-pair.sh stop >/dev/null 2>&1 || true
  scripts/dev/elasticsearch.sh stop >/dev/null 2>&1 || true
  if [[ -f "$WORK/redis.pid" ]]; then
    local pid; pid=$(cat "$WORK/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$WORK" 2>/dev/null || dev_log "left $WORK behind (a process still writes there)"
  exit "$rc"
}
trap cleanup EXIT

mkdir -p "$WORK"
if ss -ltnH "sport = :$REDIS_PORT" | grep -q .; then
  dev_log "port $REDIS_PORT is busy; set BLOG_TEST_REDIS_PORT"; exit 1
fi
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --daemonize yes
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
dev_log "redis on 127.0.0.1:$REDIS_PORT"

scripts/dev/mariadb-pair.sh start
scripts/dev/elasticsearch.sh start

./mvnw -B -ntp verify -Dit.redis.url="redis://127.0.0.1:$REDIS_PORT/0" "$@"

# The whole suite ends with the container deployment (images, compose, its system tests and kill
# check), on a machine the topologies above have left; a subset chosen with Maven arguments does not.
if (( $# == 0 )); then
  scripts/dev/mariadb-pair.sh stop >/dev/null
  scripts/dev/elasticsearch.sh stop >/dev/null
  scripts/test/compose-test.sh
fi
