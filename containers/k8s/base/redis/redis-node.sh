#!/bin/sh
# One node of a Redis store (redis.yaml), configured as scripts/deployment/redis.sh configures a
# host's: the same settings, a config file for the password (never the command line), and in
# cluster mode (BLOG_REDIS_MODE) a member of a six-node Redis Cluster.
#
#   redis-node.sh run SERVICE MAXMEMORY POLICY   # the container's command
#   redis-node.sh alive | ready                  # its probes
#
# REDISCLI_AUTH holds the store's password (the Secret), for redis-cli and for this file.
set -eu

case $1 in
  alive)
    redis-cli ping | grep -q PONG
    exit ;;
  ready)
    # A cluster node serves only once the cluster covers every slot.
    redis-cli ping | grep -q PONG
    [ "$BLOG_REDIS_MODE" != cluster ] || redis-cli cluster info | grep -q '^cluster_state:ok'
    exit ;;
  run) ;;
  *) echo "usage: $0 run SERVICE MAXMEMORY POLICY | alive | ready" >&2; exit 2 ;;
esac
service=$2 maxmemory=$3 policy=$4

umask 077
cat >/run/redis/redis.conf <<CONF
port 6379
dir /data
appendonly yes
save ""
maxmemory $maxmemory
maxmemory-policy $policy
requirepass "$REDISCLI_AUTH"
repl-diskless-sync-delay 0
CONF

if [ "$BLOG_REDIS_MODE" = cluster ]; then
  # Nodes and clients know each other by the pod's stable name, since its address changes with
  # every new pod.
  cat >>/run/redis/redis.conf <<CONF
masterauth "$REDISCLI_AUTH"
cluster-enabled yes
cluster-config-file /data/nodes.conf
cluster-node-timeout $BLOG_REDIS_CLUSTER_NODE_TIMEOUT_MS
cluster-announce-hostname $HOSTNAME.$service
cluster-preferred-endpoint-type hostname
CONF
  # The cluster bus still connects by address, and nodes.conf keeps the addresses from before the
  # restart: after every pod was replaced at once no node would find another. Each known node's
  # address is looked up again by its name (the field after the comma); one not resolvable yet
  # keeps its old one, and gossip brings the news once it starts.
  if [ -s /data/nodes.conf ]; then
    awk '$2 ~ /,/ {
           split($2, endpoint, ",")
           found = ""; cmd = "getent hosts " endpoint[2]; cmd | getline found; close(cmd)
           split(found, fields, " ")
           if (fields[1] != "") sub(/^[^:]*/, fields[1], $2)
         }
         { print }' /data/nodes.conf >/data/nodes.conf.new
    mv /data/nodes.conf.new /data/nodes.conf
  fi
fi

exec redis-server /run/redis/redis.conf
