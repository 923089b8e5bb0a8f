#!/usr/bin/env bash
# The production topology on one Linux host, without containers, everything on loopback ports:
#   MariaDB primary + read-only replica (GTID), two Redis (the cache; the security state, which never
#   evicts; both with a password and AOF), one Elasticsearch node, the
#   log shipper (rsyslog into Elasticsearch: scripts/deployment/logging.sh),
#   two Liberty servers per service (each WAR alone in its server), the nginx gateway, and the
#   monitoring tier (Prometheus, Alertmanager, exporters: scripts/deployment/monitoring.sh).
#
#   ./mvnw package -DskipTests                  # once: builds the WARs and unpacks Liberty
#   install -m 600 scripts/deployment/.env.production.example scripts/deployment/.env.production  # fill in secrets
#   scripts/deployment/start-production.sh
#
# Each tier is started, then waited for until healthy; the first that does not come up stops the
# script with its name and the tail of its log. Running it again starts only what is not running.
# scripts/deployment/health-check.sh reports on everything; stop-production.sh stops it all.
set -euo pipefail
log() { echo "start-production: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
require_secrets
cd "$DEPLOY_ROOT"

for tool in mariadbd redis-server redis-cli nginx curl envsubst openssl setpriv unzip prometheus promtool \
            prometheus-alertmanager amtool prometheus-node-exporter prometheus-mysqld-exporter \
            prometheus-redis-exporter prometheus-nginx-exporter prometheus-elasticsearch-exporter rsyslogd; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: mariadb-server redis-server nginx-light curl gettext-base openssl util-linux unzip prometheus prometheus-alertmanager prometheus-node-exporter prometheus-mysqld-exporter prometheus-redis-exporter prometheus-nginx-exporter prometheus-elasticsearch-exporter rsyslog rsyslog-elasticsearch)"
done
[[ -x $JAVA_HOME/bin/java ]] || die "no JDK at JAVA_HOME=$JAVA_HOME"
for module in user-war post-war comment-war; do
  [[ -f $module/target/$module.war && -x $module/target/liberty/wlp/bin/server ]] \
    || die "$module is not built: run ./mvnw package -DskipTests first"
done
mkdir -p "$BLOG_PROD_DIR"

# --- database: primary + replica ------------------------------------------------------------
export BLOG_USERS_DB_PASSWORD BLOG_POSTS_DB_PASSWORD BLOG_COMMENTS_DB_PASSWORD BLOG_REPL_PASSWORD BLOG_EXPORTER_DB_PASSWORD
scripts/dev/mariadb-pair.sh start >"$BLOG_PROD_DIR/mariadb-start.log" 2>&1 \
  || { tail -15 "$BLOG_PROD_DIR/mariadb-start.log" >&2; die "MariaDB primary/replica (log: $BLOG_PROD_DIR/mariadb-start.log)"; }
log "MariaDB primary :$BLOG_DB_PRIMARY_PORT, replica :$BLOG_DB_REPLICA_PORT ($(elapsed))"
# Point-in-time restores need every binlog event from here on, so the archive follows the primary
# from its first minute.
scripts/maintenance/binlog-archiver.sh start || die "binlog archiver (log: $BLOG_BACKUP_DIR/binlogs/archiver.log)"

# --- Redis: the cache, and the security state (each one server, or a cluster of six) ----------
scripts/deployment/redis.sh start || die "Redis"
log "Redis ready ($(elapsed))"

# --- Elasticsearch ------------------------------------------------------------------------------
# Every node at once: none can be healthy before a majority of them runs. Then the whole cluster
# must answer with every node in it; a node already running is left alone.
es_pids=()
for n in $(es_nodes); do
  es_node "$n" start --no-wait >"$BLOG_PROD_DIR/elasticsearch-$n-start.log" 2>&1 &
  es_pids+=("$!")
done
for n in $(es_nodes); do
  wait "${es_pids[n - 1]}" \
    || { tail -15 "$BLOG_PROD_DIR/elasticsearch-$n-start.log" >&2; die "Elasticsearch node $n (log: $BLOG_PROD_DIR/elasticsearch-$n-start.log)"; }
done
es_health="_cluster/health?wait_for_nodes=${#ES_HTTP_PORTS[@]}&wait_for_status=yellow&timeout=2s"
for _ in $(seq 1 90); do
  curl -fsS -m 5 "http://127.0.0.1:$BLOG_ES_PORT/$es_health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS -m 5 "http://127.0.0.1:$BLOG_ES_PORT/$es_health" >/dev/null \
  || die "Elasticsearch: the cluster did not form with ${#ES_HTTP_PORTS[@]} nodes (logs: $ES_DIR/node-*/logs)"
log "Elasticsearch :${BLOG_ES_PORTS// /, :} (${#ES_HTTP_PORTS[@]} nodes, $(elapsed))"
# The log shipper before the services, so their first lines are searchable as soon as they are written.
scripts/deployment/logging.sh start || die "log shipper (log: $BLOG_LOGGING_DIR/rsyslogd.log)"

# --- gateway first: services reach each other (JWKS, profiles, article checks) through its
# internal listener, so it must be there when they start; instances join as they come up. -------
scripts/deployment/gateway.sh start || die "nginx gateway"

# --- Liberty servers --------------------------------------------------------------------------
# One runtime for every instance, copied out of the build so a later `mvn clean` cannot pull it
# from under running servers.
if [[ ! -x $WLP/bin/server ]]; then
  mkdir -p "$WLP.new"
  tar -C user-war/target/liberty/wlp --exclude=./usr/servers -cf - . | tar -C "$WLP.new" -xf -
  mv "$WLP.new" "$WLP"
fi
# Copied only when changed: running servers watch these files and would reload on a new timestamp.
install_file() { cmp -s "$1" "$2/$(basename "$1")" || cp "$1" "$2/"; }
mkdir -p "$WLP/usr/shared/config/blog" "$WLP/usr/shared/resources/jdbc"
for f in liberty-config/fragments/*.xml; do install_file "$f" "$WLP/usr/shared/config/blog"; done
for f in user-war/target/liberty/wlp/usr/shared/resources/jdbc/mariadb-java-client-*.jar; do
  install_file "$f" "$WLP/usr/shared/resources/jdbc"
done

SECRETS=$BLOG_PROD_DIR/secrets
mkdir -p "$SECRETS" && chmod 700 "$SECRETS"
if [[ -z ${BLOG_JWT_SIGNING_KEY_FILE:-} ]]; then
  BLOG_JWT_SIGNING_KEY_FILE=$SECRETS/jwt-signing-key.pem
  # Every user-war instance must sign with the same key, and it must survive restarts, or every
  # token issued so far would stop validating.
  [[ -s $BLOG_JWT_SIGNING_KEY_FILE ]] || (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
    -out "$BLOG_JWT_SIGNING_KEY_FILE" 2>/dev/null) || die "could not generate the JWT signing key"
fi

running() { curl -s -o /dev/null -m 2 "http://127.0.0.1:$1/health/live"; }

create_server() { # $1 service $2 schema $3 instance $4 port
  local svc=$1 schema=$2 n=$3 port=$4 module dir pw internal="http://127.0.0.1:$GATEWAY_INTERNAL_PORT"
  module=$(module_of "$svc")
  dir=$WLP/usr/servers/$svc-$n
  mkdir -p "$dir/apps"
  cp "$module/src/main/liberty/config/server.xml" liberty-config/jvm.options liberty-config/bootstrap.properties "$dir/"
  cp "$module/target/$module.war" "$dir/apps/"
  # Writes name both database nodes: MariaDB Connector/J's sequential mode connects to the first
  # that answers, so once the primary is gone new connections reach the replica, which takes
  # writes as soon as promote-replica.sh has run; rejoin-replica.sh makes the primary the writer
  # again, which is what keeps this order right. A node that failed is skipped for
  # deniedListTimeout (lib.sh); retriesAllDown bounds the wait when neither answers (default:
  # 120 rounds of 250 ms).
  local opts="timezone=UTC&connectTimeout=2000&deniedListTimeout=$BLOG_DB_DENIED_LIST_TIMEOUT_MS&retriesAllDown=2"
  case $svc in
    users) pw=$BLOG_USERS_DB_PASSWORD ;; posts) pw=$BLOG_POSTS_DB_PASSWORD ;; comments) pw=$BLOG_COMMENTS_DB_PASSWORD ;;
  esac
  (
    umask 077
    {
      echo "HTTP_PORT=$port"
      echo "keystore_password=$BLOG_KEYSTORE_PASSWORD"
      echo "BLOG_LOG_CONSOLE_FORMAT=JSON"
      # glibc gives each thread that allocates its own 64 MB arena (up to 8 per core); the JVM's
      # native allocations need few, and every arena is resident memory.
      echo "MALLOC_ARENA_MAX=2"
      echo "BLOG_DB_URL=jdbc:mariadb:sequential://127.0.0.1:$BLOG_DB_PRIMARY_PORT,127.0.0.1:$BLOG_DB_REPLICA_PORT/blog_$schema?$opts"
      echo "BLOG_DB_REPLICA_URL=jdbc:mariadb://127.0.0.1:$BLOG_DB_REPLICA_PORT/blog_$schema?$opts"
      echo "BLOG_DB_REPLICA_ENABLED=true"
      echo "BLOG_DB_USER=blog_$schema"
      echo "BLOG_DB_PASSWORD=$pw"
      echo "BLOG_REDIS_URL=$(redis_url cache)"
      echo "BLOG_REDIS_SECURITY_URL=$(redis_url security)"
      echo "BLOG_JWT_JWKS_URL=$internal/api/users/jwks"
      echo "BLOG_USERS_URL=$internal"
      echo "BLOG_POSTS_URL=$internal"
      echo "BLOG_SEARCH_URL=$(es_urls)"
      echo "BLOG_PUBLIC_BASE_URL=$BLOG_PUBLIC_BASE_URL"
      if [[ $svc == users ]]; then
        echo "BLOG_JWT_SIGNING_KEY_FILE=$BLOG_JWT_SIGNING_KEY_FILE"
        echo "BLOG_ADMIN_USERNAME=$BLOG_ADMIN_USERNAME"
        echo "BLOG_ADMIN_EMAIL=$BLOG_ADMIN_EMAIL"
        echo "BLOG_ADMIN_PASSWORD=$BLOG_ADMIN_PASSWORD"
        [[ -z ${BLOG_REGISTRATION_DEFAULT_ROLE:-} ]] || echo "BLOG_REGISTRATION_DEFAULT_ROLE=$BLOG_REGISTRATION_DEFAULT_ROLE"
      fi
      # Extra settings for one service, e.g. BLOG_POSTS_ENV="BLOG_POSTS_VIEWS_FLUSH_SECONDS=5"
      local extra_var="BLOG_${svc^^}_ENV"
      for kv in ${!extra_var:-}; do echo "$kv"; done
    } >"$dir/server.env"
  )
}

start_server() { # $1 service $2 instance $3 port
  local name=$1-$2 port=$3
  # A running server keeps its files: a new WAR would make it redeploy under traffic.
  if running "$port"; then return 0; fi
  port_busy "$port" && die "$name: port $port is busy with something else"
  create_server "$1" "$1" "$2" "$port"
  "$WLP/bin/server" start "$name" >"$BLOG_PROD_DIR/$name-start.log" 2>&1 \
    || { cat "$BLOG_PROD_DIR/$name-start.log" >&2; die "Liberty server $name did not launch"; }
}

wait_ready() { # $1 service $2 instance $3 port
  local name=$1-$2 port=$3 t0=$SECONDS
  until curl -sf -o /dev/null -m 3 "http://127.0.0.1:$port/health/ready"; do
    if (( SECONDS - t0 > ${BLOG_START_TIMEOUT_S:-240} )); then
      curl -s -m 3 "http://127.0.0.1:$port/health/ready" >&2 || true
      tail -20 "$WLP/usr/servers/$name/logs/console.log" >&2 2>/dev/null || true
      die "$name on :$port not ready after ${BLOG_START_TIMEOUT_S:-240} s (logs: $WLP/usr/servers/$name/logs)"
    fi
    sleep 1
  done
  log "$name ready on :$port ($(elapsed))"
}

# First instances first: they run the schema migrations, create the first administrator and the
# search index alias alone; the others then start against a finished schema.
for_instances() { # $1 = first|others, $2 = function to call with service, instance, port
  local svc n port
  while read -r svc _ n port; do
    if [[ $1 == first && $n == 1 || $1 == others && $n != 1 ]]; then "$2" "$svc" "$n" "$port"; fi
  done < <(instances)
}
for_instances first start_server
for_instances first wait_ready
for_instances others start_server
for_instances others wait_ready

# --- through the gateway, as a reader would --------------------------------------------------
for path in /api/posts?limit=1 /api/users/jwks /api/comments/counts?posts=x /; do
  curl -sf -o /dev/null -m 5 "http://127.0.0.1:$GATEWAY_PORT$path" || die "gateway: GET $path does not answer 200"
done
# --- monitoring last: it watches everything above, and nothing above needs it ------------------
scripts/deployment/monitoring.sh start || die "monitoring (Prometheus, Alertmanager, exporters)"
log "Prometheus :$BLOG_PROMETHEUS_PORT, Alertmanager :$BLOG_ALERTMANAGER_PORT ($(elapsed))"
# --- the operations console: it shows everything above --------------------------------------------
scripts/deployment/console.sh start || die "operations console"
log "ready in $(elapsed): $BLOG_PUBLIC_BASE_URL (gateway 127.0.0.1:$GATEWAY_PORT)"
