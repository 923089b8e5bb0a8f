#!/bin/sh
# Creates a store's Redis Cluster the first time its six nodes run, as scripts/deployment/redis.sh
# does on a host: three primaries with one replica each. A cluster whose nodes hold slots already
# is left alone (it reforms by itself); in single mode there is nothing to do.
#
#   cluster-create.sh SERVICE      # REDISCLI_AUTH: the store's password
set -eu
service=$1
[ "$BLOG_REDIS_MODE" = cluster ] || { echo "$service: single mode, no cluster"; exit 0; }

nodes="" assigned=0
for n in 0 1 2 3 4 5; do
  host=$service-$n.$service
  until redis-cli -h "$host" ping 2>/dev/null | grep -q PONG; do sleep 2; done
  # redis-cli --cluster create takes addresses; the nodes announce their names themselves.
  nodes="$nodes $(getent hosts "$host" | awk '{print $1; exit}'):6379"
  slots=$(redis-cli -h "$host" cluster info | tr -d '\r' | awk -F: '$1 == "cluster_slots_assigned" {print $2}')
  assigned=$((assigned + slots))
done

if [ "$assigned" -eq 0 ]; then
  # shellcheck disable=SC2086 # one argument per node
  redis-cli --cluster create $nodes --cluster-replicas 1 --cluster-yes
  echo "$service: cluster created on$nodes"
fi
until redis-cli -h "$service-0.$service" cluster info | grep -q '^cluster_state:ok'; do sleep 1; done
echo "$service: cluster ok"
