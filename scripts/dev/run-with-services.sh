#!/usr/bin/env bash
# The one-command run (all WARs in one Liberty server), but on real infrastructure: a MariaDB
# primary + replica, Redis and Elasticsearch. Without settings it starts local ones with the other
# dev scripts (ports 3307/3308, 6392, 9250); give your own through the environment instead:
#
#   scripts/dev/run-with-services.sh
#   BLOG_REDIS_URL=redis://cache:6379/0 BLOG_SEARCH_URL=http://search:9200 \
#   BLOG_USERS_DB_URL=jdbc:mariadb://db:3306/blog_users?timezone=UTC BLOG_USERS_DB_USER=… … \
#     scripts/dev/run-with-services.sh
#
# Per service (USERS, POSTS, COMMENTS): BLOG_<S>_DB_URL, BLOG_<S>_DB_USER, BLOG_<S>_DB_PASSWORD,
# BLOG_<S>_DB_REPLICA_URL. Stop with Ctrl-C; local infrastructure it started is stopped with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
started=()
cleanup() {
  for what in "${started[@]}"; do
    case $what in
      mariadb) scripts/dev/mariadb-pair.sh stop >/dev/null 2>&1 || true ;;
      elasticsearch) scripts/dev/elasticsearch.sh stop >/dev/null 2>&1 || true ;;
      redis) redis-cli -p 6392 shutdown nosave >/dev/null 2>&1 || true ;;
    esac
  done
}
trap cleanup EXIT

if [[ -z ${BLOG_USERS_DB_URL:-} ]]; then
  scripts/dev/mariadb-pair.sh start && started+=(mariadb)
  opts="timezone=UTC&connectTimeout=2000"
  for svc in users posts comments; do
    S=${svc^^}
    export "BLOG_${S}_DB_URL=jdbc:mariadb://127.0.0.1:${BLOG_DB_PRIMARY_PORT:-3307}/blog_$svc?$opts"
    export "BLOG_${S}_DB_REPLICA_URL=jdbc:mariadb://127.0.0.1:${BLOG_DB_REPLICA_PORT:-3308}/blog_$svc?$opts"
    export "BLOG_${S}_DB_USER=blog_$svc"
    pw_var="BLOG_${S}_DB_PASSWORD"
    export "$pw_var=${!pw_var:-$svc-dev-pw}"
  done
fi
export BLOG_DB_REPLICA_ENABLED=${BLOG_DB_REPLICA_ENABLED:-true}
if [[ -z ${BLOG_REDIS_URL:-} ]]; then
  redis-server --port 6392 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --logfile /tmp/blog-dev-redis.log && started+=(redis)
  export BLOG_REDIS_URL=redis://127.0.0.1:6392/0
fi
if [[ -z ${BLOG_SEARCH_URL:-} ]]; then
  scripts/dev/elasticsearch.sh start && started+=(elasticsearch)
  export BLOG_SEARCH_URL=http://127.0.0.1:${BLOG_ES_PORT:-9250}
fi
./mvnw -B -ntp -Prun package -DskipTests
