#!/bin/bash
# blog-mariadb's entry point: one node of the primary/replica pair, with the host topology's
# server options (scripts/dev/mariadb-pair.sh: GTID, row binlogs on both nodes, semi-synchronous
# replication, read-only until made the writer).
#
#   BLOG_DB_ROLE=primary   creates the schemas and accounts (idempotent, on every start), takes writes
#   BLOG_DB_ROLE=replica   replicates from BLOG_DB_PRIMARY_HOST by GTID and stays read-only
#
# The accounts are those of mariadb-pair.sh, but for any host of the container network ('%')
# rather than 127.0.0.1: the services reach the nodes over the network here. Failover stays a
# decision of the operator, as on the host.
set -euo pipefail
log() { echo "blog-mariadb: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
ROLE=${BLOG_DB_ROLE:-}
[[ $ROLE == primary || $ROLE == replica ]] || die "set BLOG_DB_ROLE to primary or replica"
for name in BLOG_USERS_DB_PASSWORD BLOG_POSTS_DB_PASSWORD BLOG_COMMENTS_DB_PASSWORD BLOG_REPL_PASSWORD BLOG_EXPORTER_DB_PASSWORD; do
  [[ -n ${!name:-} ]] || die "$name is not set"
done
DATA=/var/lib/mysql
SOCK=/run/mysqld/mysqld.sock
READY=/run/mysqld/ready
rm -f "$READY"
admin() { mariadb --no-defaults --socket="$SOCK" -umysql --batch --skip-column-names "$@"; }
sql_str() { local s=${1//\\/\\\\}; s=${s//\'/\\\'}; printf "'%s'" "$s"; }

if [[ ! -d $DATA/mysql ]]; then
  mariadb-install-db --no-defaults --user=mysql --datadir="$DATA" --auth-root-authentication-method=socket \
    --auth-root-socket-user=mysql --skip-test-db --skip-name-resolve >/tmp/install.log 2>&1 \
    || { cat /tmp/install.log >&2; die "mariadb-install-db failed"; }
  log "initialised $DATA"
fi

if [[ $ROLE == primary ]]; then server_id=1 rpl_role=MASTER; else server_id=2 rpl_role=SLAVE; fi
# The error and slow-query logs go to the container's output, or with BLOG_DB_LOG_DIR (the compose
# deployment's shared log volume) to files named as on the host, which the log shipper follows.
error_log=() slow_log=/dev/stderr
if [[ -n ${BLOG_DB_LOG_DIR:-} ]]; then
  mkdir -p "$BLOG_DB_LOG_DIR"
  error_log=(--log-error="$BLOG_DB_LOG_DIR/$ROLE.err") slow_log=$BLOG_DB_LOG_DIR/$ROLE-slow.log
fi
mariadbd --no-defaults --user=mysql --datadir="$DATA" --socket="$SOCK" --port=3306 --bind-address=0.0.0.0 \
  --skip-name-resolve --server-id=$server_id --gtid-domain-id=0 --binlog-format=ROW \
  --log-bin="$DATA/$ROLE-bin" --log-slave-updates --relay-log="$DATA/$ROLE-relay" --read-only=ON \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --innodb-buffer-pool-size=128M \
  --slow-query-log=ON --slow-query-log-file="$slow_log" "${error_log[@]}" --long-query-time="${BLOG_DB_SLOW_QUERY_SECONDS:-1}" \
  --rpl-semi-sync-slave-enabled=ON --rpl-semi-sync-master-wait-point=AFTER_SYNC \
  --rpl-semi-sync-master-timeout="${BLOG_DB_SEMI_SYNC_TIMEOUT_MS:-1000}" --rpl-semi-sync-master-enabled=OFF \
  --init-rpl-role=$rpl_role &
pid=$!
# docker stop sends SIGTERM to this script (PID 1): hand it on and wait for a clean InnoDB shutdown.
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT

for _ in $(seq 1 600); do
  mariadb-admin --no-defaults --socket="$SOCK" -umysql ping >/dev/null 2>&1 && break
  if ! kill -0 "$pid" 2>/dev/null; then
    [[ -n ${BLOG_DB_LOG_DIR:-} ]] && tail -15 "$BLOG_DB_LOG_DIR/$ROLE.err" >&2
    die "mariadbd exited during startup"
  fi
  sleep 0.1
done

if [[ $ROLE == primary ]]; then
  sql=""
  for svc in users posts comments; do
    pw_var=BLOG_${svc^^}_DB_PASSWORD
    sql+="CREATE DATABASE IF NOT EXISTS blog_$svc CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"
    sql+="CREATE USER IF NOT EXISTS 'blog_$svc'@'%' IDENTIFIED BY $(sql_str "${!pw_var}");"
    sql+="ALTER USER 'blog_$svc'@'%' IDENTIFIED BY $(sql_str "${!pw_var}");"
    sql+="GRANT ALL PRIVILEGES ON blog_$svc.* TO 'blog_$svc'@'%';"
    sql+="GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'blog_$svc'@'%';"
  done
  sql+="CREATE USER IF NOT EXISTS 'blog_exporter'@'%' IDENTIFIED BY $(sql_str "$BLOG_EXPORTER_DB_PASSWORD") WITH MAX_USER_CONNECTIONS 6;"
  sql+="ALTER USER 'blog_exporter'@'%' IDENTIFIED BY $(sql_str "$BLOG_EXPORTER_DB_PASSWORD") WITH MAX_USER_CONNECTIONS 6;"
  sql+="GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR ON *.* TO 'blog_exporter'@'%';"
  sql+="CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED BY $(sql_str "$BLOG_REPL_PASSWORD");"
  sql+="ALTER USER 'repl'@'%' IDENTIFIED BY $(sql_str "$BLOG_REPL_PASSWORD");"
  sql+="GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'repl'@'%';"
  sql+="SET GLOBAL rpl_semi_sync_master_enabled = ON; SET GLOBAL read_only = OFF;"
  admin <<<"$sql" || die "bootstrap SQL failed"
else
  # Re-pointed on every start; the applied position is kept in mysql.gtid_slave_pos, so a new
  # replica starts at the primary's first binlog (which holds the whole bootstrap) and a restarted
  # one resumes where it stopped.
  admin <<SQL || die "CHANGE MASTER failed"
STOP SLAVE;
CHANGE MASTER TO MASTER_HOST=$(sql_str "${BLOG_DB_PRIMARY_HOST:-mariadb-primary}"), MASTER_PORT=3306,
  MASTER_USER='repl', MASTER_PASSWORD=$(sql_str "$BLOG_REPL_PASSWORD"),
  MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
START SLAVE;
SQL
fi
touch "$READY"
log "$ROLE ready"
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || true; done
