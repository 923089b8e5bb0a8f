# Shared by start-production.sh, stop-production.sh, health-check.sh and gateway.sh: where the
# production topology lives, which ports it uses, and the secrets it reads from the env file.
# Sourced, not run.

DEPLOY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

# The env file holds the secrets; without one, nothing starts (there are no production defaults
# for secrets). Values already in the environment win, so tests can override single ports.
BLOG_ENV_FILE=${BLOG_ENV_FILE:-$DEPLOY_ROOT/scripts/deployment/.env.production}
load_env() {
  [[ -f $BLOG_ENV_FILE ]] || die "no env file at $BLOG_ENV_FILE (copy scripts/deployment/.env.production.example and fill in the secrets, or set BLOG_ENV_FILE)"
  # It holds every secret: readable by its owner only, or nothing starts.
  local mode
  mode=$(stat -L -c %a "$BLOG_ENV_FILE")
  (( (8#$mode & 8#077) == 0 )) || die "$BLOG_ENV_FILE holds secrets but its mode is $mode: run chmod 600 $BLOG_ENV_FILE"
  local line key value
  declare -A from_file=()
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || die "$BLOG_ENV_FILE: cannot read line: $line"
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    value=${value#\"} value=${value%\"}
    from_file[$key]=$value   # a later line overrides an earlier one, as in a shell
  done <"$BLOG_ENV_FILE"
  for key in "${!from_file[@]}"; do
    [[ -n ${!key+set} ]] || export "$key=${from_file[$key]}"
  done

  BLOG_PROD_DIR=${BLOG_PROD_DIR:-/var/lib/blog-production}
  GATEWAY_PORT=${GATEWAY_PORT:-8088}
  GATEWAY_INTERNAL_PORT=${GATEWAY_INTERNAL_PORT:-8089}
  BLOG_USERS_PORTS=${BLOG_USERS_PORTS:-9111 9112}
  BLOG_POSTS_PORTS=${BLOG_POSTS_PORTS:-9121 9122}
  BLOG_COMMENTS_PORTS=${BLOG_COMMENTS_PORTS:-9131 9132}
  BLOG_DB_PRIMARY_PORT=${BLOG_DB_PRIMARY_PORT:-3326}
  BLOG_DB_REPLICA_PORT=${BLOG_DB_REPLICA_PORT:-3327}
  # How long the services' driver skips a database node that failed (deniedListTimeout). Short,
  # because a dead socket left from before a failover denies the primary that has come back too,
  # and a write refused meanwhile waits this long before its repeat (RefusedWriteRepeat); the
  # driver's own default, 60 s, would keep a rejoined primary out that long. Trying a dead node
  # again costs a refused connect (at most connectTimeout when its host is gone).
  BLOG_DB_DENIED_LIST_TIMEOUT_MS=${BLOG_DB_DENIED_LIST_TIMEOUT_MS:-1000}
  BLOG_REDIS_PORT=${BLOG_REDIS_PORT:-6381}
  # Security state in a Redis of its own that never evicts (maxmemory-policy noeviction).
  BLOG_REDIS_SECURITY_PORT=${BLOG_REDIS_SECURITY_PORT:-6382}
  BLOG_REDIS_SECURITY_MAXMEMORY=${BLOG_REDIS_SECURITY_MAXMEMORY:-128mb}
  BLOG_REDIS_MAXMEMORY=${BLOG_REDIS_MAXMEMORY:-256mb}
  # Each store is a Redis Cluster of six nodes (three primaries, one replica each) that survives
  # the loss of any one. BLOG_REDIS_MODE=single runs one server per store instead, on the single
  # ports above: small deployments that can live with a cache outage.
  BLOG_REDIS_MODE=${BLOG_REDIS_MODE:-cluster}
  [[ $BLOG_REDIS_MODE == cluster || $BLOG_REDIS_MODE == single ]] \
    || die "BLOG_REDIS_MODE is '$BLOG_REDIS_MODE': cluster (the default) or single"
  BLOG_REDIS_CLUSTER_PORTS=${BLOG_REDIS_CLUSTER_PORTS:-6401 6402 6403 6404 6405 6406}
  BLOG_REDIS_SECURITY_CLUSTER_PORTS=${BLOG_REDIS_SECURITY_CLUSTER_PORTS:-6411 6412 6413 6414 6415 6416}
  # How long a primary may be silent before the others promote its replica.
  BLOG_REDIS_CLUSTER_NODE_TIMEOUT_MS=${BLOG_REDIS_CLUSTER_NODE_TIMEOUT_MS:-3000}
  # Elasticsearch: three nodes, so search and indexing survive the loss of one (each index has a
  # replica of every shard). An env file naming only BLOG_ES_PORT (older ones) keeps one node.
  if [[ -z ${BLOG_ES_PORTS:-} && -n ${BLOG_ES_PORT:-} ]]; then
    BLOG_ES_PORTS=$BLOG_ES_PORT BLOG_ES_TRANSPORT_PORTS=${BLOG_ES_TRANSPORT_PORT:-9360}
  fi
  BLOG_ES_PORTS=${BLOG_ES_PORTS:-9260 9261 9262}
  BLOG_ES_TRANSPORT_PORTS=${BLOG_ES_TRANSPORT_PORTS:-9360 9361 9362}
  read -ra ES_HTTP_PORTS <<<"$BLOG_ES_PORTS"
  read -ra ES_TRANSPORT_PORTS <<<"$BLOG_ES_TRANSPORT_PORTS"
  (( ${#ES_HTTP_PORTS[@]} == ${#ES_TRANSPORT_PORTS[@]} )) || die "BLOG_ES_PORTS and BLOG_ES_TRANSPORT_PORTS name different numbers of nodes"
  # The first node is where tools (log retention, the exporter, the console's log view) ask.
  BLOG_ES_PORT=${ES_HTTP_PORTS[0]}
  # Where scripts reach the nodes: this machine, except in a container (the compose log shipper).
  BLOG_ES_HOST=${BLOG_ES_HOST:-127.0.0.1}
  # Elasticsearch holds the articles and the logs. Full JIT (the dev default stops at C1 to start
  # faster): search over 100,000 articles ran 2.5x faster with it and a 512 MB heap.
  BLOG_ES_HEAP=${BLOG_ES_HEAP:-512m}
  BLOG_PUBLIC_BASE_URL=${BLOG_PUBLIC_BASE_URL:-http://localhost:$GATEWAY_PORT}
  # Client connections each gateway worker may hold (one worker per core), and its open-file limit.
  GATEWAY_WORKER_CONNECTIONS=${GATEWAY_WORKER_CONNECTIONS:-16384}
  GATEWAY_WORKER_NOFILE=${GATEWAY_WORKER_NOFILE:-$((2 * GATEWAY_WORKER_CONNECTIONS + 1024))}
  # Monitoring (scripts/deployment/monitoring.sh).
  BLOG_PROMETHEUS_PORT=${BLOG_PROMETHEUS_PORT:-9390}
  BLOG_ALERTMANAGER_PORT=${BLOG_ALERTMANAGER_PORT:-9393}
  BLOG_NODE_EXPORTER_PORT=${BLOG_NODE_EXPORTER_PORT:-9400}
  BLOG_MYSQLD_EXPORTER_PORTS=${BLOG_MYSQLD_EXPORTER_PORTS:-9404 9405}
  BLOG_REDIS_EXPORTER_PORT=${BLOG_REDIS_EXPORTER_PORT:-9421}
  BLOG_REDIS_SECURITY_EXPORTER_PORT=${BLOG_REDIS_SECURITY_EXPORTER_PORT:-9422}
  BLOG_NGINX_EXPORTER_PORT=${BLOG_NGINX_EXPORTER_PORT:-9413}
  # One Elasticsearch exporter per node, since an exporter asks one address: each reports the
  # cluster as its node sees it, and a node that is down shows as down. An env file naming only
  # BLOG_ES_EXPORTER_PORT (older ones) watches the first node.
  BLOG_ES_EXPORTER_PORTS=${BLOG_ES_EXPORTER_PORTS:-${BLOG_ES_EXPORTER_PORT:-9414 9415 9416}}
  read -ra ES_EXPORTER_PORTS <<<"$BLOG_ES_EXPORTER_PORTS"
  (( ${#ES_EXPORTER_PORTS[@]} <= ${#ES_HTTP_PORTS[@]} )) \
    || die "BLOG_ES_EXPORTER_PORTS names ${#ES_EXPORTER_PORTS[@]} exporters for ${#ES_HTTP_PORTS[@]} Elasticsearch nodes"
  BLOG_PROMETHEUS_SCRAPE_INTERVAL=${BLOG_PROMETHEUS_SCRAPE_INTERVAL:-15s}
  BLOG_PROMETHEUS_RETENTION=${BLOG_PROMETHEUS_RETENTION:-15d}
  BLOG_ALERTMANAGER_GROUP_WAIT=${BLOG_ALERTMANAGER_GROUP_WAIT:-30s}
  BLOG_ALERTMANAGER_GROUP_INTERVAL=${BLOG_ALERTMANAGER_GROUP_INTERVAL:-5m}
  # The operations console (scripts/deployment/console.sh), loopback only.
  BLOG_CONSOLE_PORT=${BLOG_CONSOLE_PORT:-9141}
  BLOG_CONSOLE_REFRESH_SECONDS=${BLOG_CONSOLE_REFRESH_SECONDS:-5}
  # Log shipping (scripts/deployment/logging.sh) and log retention (scripts/maintenance/cleanup-logs.sh).
  BLOG_LOGGING_DIR=${BLOG_LOGGING_DIR:-$BLOG_PROD_DIR/logging}
  BLOG_LOG_QUEUE_MAX_DISK=${BLOG_LOG_QUEUE_MAX_DISK:-1g}
  BLOG_LOG_RETENTION_DAYS=${BLOG_LOG_RETENTION_DAYS:-14}
  BLOG_LOG_MAX_SIZE=${BLOG_LOG_MAX_SIZE:-2g}
  # Backups (scripts/maintenance): catalogue and binlog archive, retention.
  BLOG_BACKUP_DIR=${BLOG_BACKUP_DIR:-$BLOG_PROD_DIR/backups}
  BLOG_BACKUP_KEEP_DAILY=${BLOG_BACKUP_KEEP_DAILY:-7}
  BLOG_BACKUP_KEEP_WEEKLY=${BLOG_BACKUP_KEEP_WEEKLY:-4}
  # Metrics written as files (backups, binlog archive), read by node-exporter's textfile collector.
  BLOG_METRICS_TEXTFILE_DIR=${BLOG_METRICS_TEXTFILE_DIR:-$BLOG_PROD_DIR/monitoring/textfile}
  export BLOG_PROD_DIR GATEWAY_PORT GATEWAY_INTERNAL_PORT GATEWAY_WORKER_CONNECTIONS GATEWAY_WORKER_NOFILE BLOG_DB_PRIMARY_PORT BLOG_DB_REPLICA_PORT \
    BLOG_DB_DENIED_LIST_TIMEOUT_MS \
    BLOG_REDIS_PORT BLOG_REDIS_SECURITY_PORT BLOG_ES_PORT BLOG_ES_PORTS BLOG_ES_TRANSPORT_PORTS BLOG_PUBLIC_BASE_URL BLOG_BACKUP_DIR \
    BLOG_BACKUP_KEEP_DAILY BLOG_BACKUP_KEEP_WEEKLY BLOG_METRICS_TEXTFILE_DIR BLOG_LOGGING_DIR \
    BLOG_LOG_QUEUE_MAX_DISK BLOG_LOG_RETENTION_DAYS BLOG_LOG_MAX_SIZE BLOG_REDIS_MODE BLOG_REDIS_CLUSTER_PORTS BLOG_REDIS_SECURITY_CLUSTER_PORTS

  # What mariadb-pair.sh and elasticsearch.sh read (the latter per node: es_node).
  export BLOG_DB_PAIR_DIR=$BLOG_PROD_DIR/mariadb ES_JAVA_OPTS="-Xms$BLOG_ES_HEAP -Xmx$BLOG_ES_HEAP"
  ES_DIR=$BLOG_PROD_DIR/elasticsearch

  # The monitoring tier's components (scripts/deployment/monitoring.sh), in start order: exporters,
  # then Alertmanager, then Prometheus, which scrapes them all.
  MONITORING_COMPONENTS=(node-exporter mysqld-exporter-primary mysqld-exporter-replica redis-exporter redis-security-exporter
    nginx-exporter)
  local n
  for n in "${!ES_EXPORTER_PORTS[@]}"; do MONITORING_COMPONENTS+=("elasticsearch-exporter-$((n + 1))"); done
  MONITORING_COMPONENTS+=(alertmanager prometheus)

  WLP=$BLOG_PROD_DIR/wlp
  GATEWAY_DIR=$BLOG_PROD_DIR/gateway
  REDIS_DIR=$BLOG_PROD_DIR/redis
  REDIS_SECURITY_DIR=$BLOG_PROD_DIR/redis-security
}


require_secrets() {
  local name missing=()
  for name in BLOG_USERS_DB_PASSWORD BLOG_POSTS_DB_PASSWORD BLOG_COMMENTS_DB_PASSWORD BLOG_REPL_PASSWORD \
              BLOG_EXPORTER_DB_PASSWORD BLOG_REDIS_PASSWORD BLOG_REDIS_SECURITY_PASSWORD BLOG_KEYSTORE_PASSWORD BLOG_ADMIN_USERNAME \
              BLOG_ADMIN_EMAIL BLOG_ADMIN_PASSWORD; do
    if [[ -z ${!name:-} || ${!name} == change-me* ]]; then missing+=("$name"); fi
  done
  (( ${#missing[@]} == 0 )) || die "set real values in $BLOG_ENV_FILE for: ${missing[*]}"
}

# One line per service instance: "<service> <schema> <instance-number> <port>".
instances() {
  local svc schema ports n port
  for svc in users posts comments; do
    case $svc in
      users) ports=$BLOG_USERS_PORTS ;;
      posts) ports=$BLOG_POSTS_PORTS ;;
      comments) ports=$BLOG_COMMENTS_PORTS ;;
    esac
    n=0
    for port in $ports; do
      n=$((n + 1))
      echo "$svc $svc $n $port"
    done
  done
}

# The Elasticsearch nodes, 1..N.
es_nodes() { seq 1 "${#ES_HTTP_PORTS[@]}"; }

# Runs scripts/dev/elasticsearch.sh for node $1 with that node's ports, directory and names.
es_node() { # $1 node number, then the script's arguments
  local n=$1 seeds="" p
  shift
  for p in "${ES_TRANSPORT_PORTS[@]}"; do seeds+="${seeds:+,}127.0.0.1:$p"; done
  local masters=""
  (( ${#ES_HTTP_PORTS[@]} > 1 )) || seeds=""
  # Bootstrap names only on a cluster's very first start: a node with data has joined one already.
  if [[ -n $seeds && -z $(ls -A "$ES_DIR/node-$n/data" 2>/dev/null) ]]; then
    for p in $(es_nodes); do masters+="${masters:+,}blog-$p"; done
  fi
  BLOG_ES_DIR=$ES_DIR/node-$n BLOG_ES_PORT=${ES_HTTP_PORTS[n - 1]} BLOG_ES_TRANSPORT_PORT=${ES_TRANSPORT_PORTS[n - 1]} \
    BLOG_ES_CLUSTER=blog BLOG_ES_NODE_NAME=blog-$n BLOG_ES_SEED_HOSTS=$seeds BLOG_ES_MASTER_NODES=$masters \
    "$DEPLOY_ROOT/scripts/dev/elasticsearch.sh" "$@"
}

# The port of a monitoring component (MONITORING_COMPONENTS); fails for any other name.
monitoring_port() {
  case $1 in
    prometheus) echo "$BLOG_PROMETHEUS_PORT" ;;
    alertmanager) echo "$BLOG_ALERTMANAGER_PORT" ;;
    node-exporter) echo "$BLOG_NODE_EXPORTER_PORT" ;;
    mysqld-exporter-primary) echo "${BLOG_MYSQLD_EXPORTER_PORTS% *}" ;;
    mysqld-exporter-replica) echo "${BLOG_MYSQLD_EXPORTER_PORTS#* }" ;;
    redis-exporter) echo "$BLOG_REDIS_EXPORTER_PORT" ;;
    redis-security-exporter) echo "$BLOG_REDIS_SECURITY_EXPORTER_PORT" ;;
    nginx-exporter) echo "$BLOG_NGINX_EXPORTER_PORT" ;;
    elasticsearch-exporter-[1-9]*)
      local n=${1#elasticsearch-exporter-}
      (( n >= 1 && n <= ${#ES_EXPORTER_PORTS[@]} )) || return 1
      echo "${ES_EXPORTER_PORTS[n - 1]}" ;;
    *) return 1 ;;
  esac
}

# The port of a database node (scripts/dev/mariadb-pair.sh names them primary and replica).
db_port() { [[ $1 == primary ]] && echo "$BLOG_DB_PRIMARY_PORT" || echo "$BLOG_DB_REPLICA_PORT"; }

# The first node that answers (the first node when none does): where scripts ask the cluster.
es_url() {
  local p
  for p in "${ES_HTTP_PORTS[@]}"; do
    curl -sf -o /dev/null -m 2 "http://$BLOG_ES_HOST:$p/_cluster/health" && { echo "http://$BLOG_ES_HOST:$p"; return; }
  done
  echo "http://$BLOG_ES_HOST:${ES_HTTP_PORTS[0]}"
}

# Every node's HTTP address, comma-separated: what the services and the log shipper are given.
es_urls() {
  local p out=""
  for p in "${ES_HTTP_PORTS[@]}"; do out+="${out:+,}http://$BLOG_ES_HOST:$p"; done
  echo "$out"
}

# The Maven module and WAR that hold each service.
module_of() {
  case $1 in users) echo user-war ;; posts) echo post-war ;; comments) echo comment-war ;; esac
}

# The two Redis stores, "cache" and "security" (scripts/deployment/redis.sh): each one server or
# one cluster. $1 = store.
redis_store_cluster_ports() {
  case $1 in cache) echo "$BLOG_REDIS_CLUSTER_PORTS" ;; security) echo "$BLOG_REDIS_SECURITY_CLUSTER_PORTS" ;; esac
}
redis_store_is_cluster() { [[ $BLOG_REDIS_MODE == cluster ]]; }
# Every port the store listens on: its cluster's nodes, or its one server.
redis_store_ports() {
  if redis_store_is_cluster "$1"; then redis_store_cluster_ports "$1"
  else case $1 in cache) echo "$BLOG_REDIS_PORT" ;; security) echo "$BLOG_REDIS_SECURITY_PORT" ;; esac; fi
}
redis_store_password() {
  case $1 in cache) echo "$BLOG_REDIS_PASSWORD" ;; security) echo "${BLOG_REDIS_SECURITY_PASSWORD:-}" ;; esac
}
redis_store_dir() { case $1 in cache) echo "$REDIS_DIR" ;; security) echo "$REDIS_SECURITY_DIR" ;; esac; }
# A node's folder: a single server keeps the store's folder, a cluster node a folder of its own.
redis_node_dir() { # $1 store, $2 port
  if redis_store_is_cluster "$1"; then echo "$(redis_store_dir "$1")/node-$2"; else redis_store_dir "$1"; fi
}
# The store's component name (stop-production.sh, health-check.sh) and its nodes' names: a
# cluster's nodes are NAME-1 … NAME-6 in port order, as Elasticsearch's are; one server is NAME.
redis_store_name() { case $1 in cache) echo redis ;; security) echo redis-security ;; esac; }
redis_nodes() { # $1 store; "name port folder" per node
  local name n=0 port
  name=$(redis_store_name "$1")
  for port in $(redis_store_ports "$1"); do
    n=$(( n + 1 ))
    if redis_store_is_cluster "$1"; then echo "$name-$n $port $(redis_node_dir "$1" "$port")"
    else echo "$name $port $(redis_node_dir "$1" "$port")"; fi
  done
}
redis_cli_of() { # $1 store, $2 port, the rest redis-cli's arguments
  REDISCLI_AUTH=$(redis_store_password "$1") redis-cli -h 127.0.0.1 -p "$2" "${@:3}"
}
# What the services are given (common's KeyValueStoreProducer): redis:// or redis-cluster://.
redis_url() {
  local store=$1 password p nodes=""
  password=$(redis_store_password "$store")
  if redis_store_is_cluster "$store"; then
    for p in $(redis_store_ports "$store"); do nodes+="${nodes:+,}127.0.0.1:$p"; done
    echo "redis-cluster://:$password@$nodes"
  else
    echo "redis://:$password@127.0.0.1:$(redis_store_ports "$store")/0"
  fi
}

port_busy() { ss -ltnH "sport = :$1" | grep -q .; }

T0=${T0:-$(date +%s%N)}
elapsed() { printf '%d.%d s' $(( ($(date +%s%N) - T0) / 1000000000 )) $(( ($(date +%s%N) - T0) / 100000000 % 10 )); }
