#!/usr/bin/env bash
# Writes an env file for start-production.sh with fresh random secrets, for test and benchmark
# topologies that must not meet a real deployment on the same host.
#
#   scripts/deployment/new-env-file.sh FILE PROD_DIR PORT_OFFSET [KEY=VALUE ...]
#
# Every port is the default plus PORT_OFFSET (10000: gateway 18088, users 19111/19112, …); extra
# KEY=VALUE lines are appended (e.g. GATEWAY_RATE_API=100000r/s for a benchmark).
set -euo pipefail
[[ $# -ge 3 ]] || { echo "usage: $0 FILE PROD_DIR PORT_OFFSET [KEY=VALUE ...]" >&2; exit 2; }
file=$1 dir=$2 o=$3
shift 3
secret() { openssl rand -hex 16; }
mkdir -p "$(dirname "$file")"
umask 077
{
  echo "BLOG_PROD_DIR=$dir"
  echo "BLOG_PUBLIC_BASE_URL=http://127.0.0.1:$((8088 + o))"
  echo "GATEWAY_PORT=$((8088 + o))"
  echo "GATEWAY_INTERNAL_PORT=$((8089 + o))"
  echo "BLOG_USERS_PORTS=\"$((9111 + o)) $((9112 + o))\""
  echo "BLOG_POSTS_PORTS=\"$((9121 + o)) $((9122 + o))\""
  echo "BLOG_COMMENTS_PORTS=\"$((9131 + o)) $((9132 + o))\""
  echo "BLOG_DB_PRIMARY_PORT=$((3326 + o))"
  echo "BLOG_DB_REPLICA_PORT=$((3327 + o))"
  echo "BLOG_REDIS_PORT=$((6381 + o))"
  echo "BLOG_REDIS_SECURITY_PORT=$((6382 + o))"
  echo "BLOG_REDIS_CLUSTER_PORTS=\"$(seq -s ' ' $((6401 + o)) $((6406 + o)))\""
  echo "BLOG_REDIS_SECURITY_CLUSTER_PORTS=\"$(seq -s ' ' $((6411 + o)) $((6416 + o)))\""
  echo "BLOG_ES_PORTS=\"$((9260 + o)) $((9261 + o)) $((9262 + o))\""
  echo "BLOG_ES_TRANSPORT_PORTS=\"$((9360 + o)) $((9361 + o)) $((9362 + o))\""
  echo "BLOG_PROMETHEUS_PORT=$((9390 + o))"
  echo "BLOG_ALERTMANAGER_PORT=$((9393 + o))"
  echo "BLOG_NODE_EXPORTER_PORT=$((9400 + o))"
  echo "BLOG_MYSQLD_EXPORTER_PORTS=\"$((9404 + o)) $((9405 + o))\""
  echo "BLOG_REDIS_EXPORTER_PORT=$((9421 + o))"
  echo "BLOG_REDIS_SECURITY_EXPORTER_PORT=$((9422 + o))"
  echo "BLOG_NGINX_EXPORTER_PORT=$((9413 + o))"
  echo "BLOG_ES_EXPORTER_PORTS=\"$((9414 + o)) $((9415 + o)) $((9416 + o))\""
  echo "BLOG_CONSOLE_PORT=$((9141 + o))"
  for name in BLOG_USERS_DB_PASSWORD BLOG_POSTS_DB_PASSWORD BLOG_COMMENTS_DB_PASSWORD BLOG_REPL_PASSWORD \
              BLOG_EXPORTER_DB_PASSWORD BLOG_REDIS_PASSWORD BLOG_REDIS_SECURITY_PASSWORD BLOG_KEYSTORE_PASSWORD BLOG_ADMIN_PASSWORD; do
    echo "$name=$(secret)"
  done
  echo "BLOG_ADMIN_USERNAME=opsadmin"
  echo "BLOG_ADMIN_EMAIL=opsadmin@example.test"
  for kv in "$@"; do echo "$kv"; done
} >"$file"
