#!/bin/bash
# blog-redis's entry point: the settings of scripts/deployment/redis.sh for one server, written to
# a config file (the password never appears on a command line), then redis-server in the foreground.
set -euo pipefail
die() { echo "blog-redis: ERROR: $*" >&2; exit 1; }
[[ -n ${REDIS_PASSWORD:-} ]] || die "REDIS_PASSWORD is not set"
case ${BLOG_REDIS_STORE:-} in
  cache) policy=volatile-lru ;;
  security) policy=noeviction ;;
  *) die "set BLOG_REDIS_STORE to cache or security" ;;
esac
umask 077
cat >/tmp/redis.conf <<CONF
port 6379
bind 0.0.0.0
dir /data
appendonly yes
save ""
maxmemory ${REDIS_MAXMEMORY:-128mb}
maxmemory-policy $policy
requirepass "$REDIS_PASSWORD"
repl-diskless-sync-delay 0
CONF
exec redis-server /tmp/redis.conf
