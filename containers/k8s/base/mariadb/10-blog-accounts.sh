# Sourced by the mariadb image's entrypoint once, when it initialises an empty datadir, on both
# nodes. The accounts scripts/dev/mariadb-pair.sh makes on a host, for clients in other pods ('%'
# where a host says 127.0.0.1: the network policies decide who reaches the server at all): one per
# service on its own schema, the read-only monitoring account of the exporters and the console, and
# repl for replication and the binlog archiver. root exists only as root@localhost, which
# skip-name-resolve (blog.cnf) limits to the Unix socket: only pods that mount the node's volume
# reach it, and those can read its files anyway.
#
# On the primary the statements are logged, so the replica receives them as on a host. The replica
# runs them too, unlogged (its history stays a copy of the primary's), in case the image's
# first-start server kept them out of the primary's binlog; IF NOT EXISTS makes the second a no-op.
# A password changed later is changed with ALTER USER on the primary, then in the Secret.

if [ -n "${MARIADB_MASTER_HOST:-}" ]; then blog_log_bin=0; else blog_log_bin=1; fi

blog_str() { printf "'%s'" "$(docker_sql_escape_string_literal "$1")"; }

blog_accounts_sql() {
  local svc pw
  echo "SET SESSION sql_log_bin = $blog_log_bin;"
  for svc in users posts comments; do
    case $svc in
      users) pw=$BLOG_USERS_DB_PASSWORD ;;
      posts) pw=$BLOG_POSTS_DB_PASSWORD ;;
      comments) pw=$BLOG_COMMENTS_DB_PASSWORD ;;
    esac
    echo "CREATE DATABASE IF NOT EXISTS blog_$svc CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"
    echo "CREATE USER IF NOT EXISTS 'blog_$svc'@'%' IDENTIFIED BY $(blog_str "$pw");"
    echo "GRANT ALL PRIVILEGES ON blog_$svc.* TO 'blog_$svc'@'%';"
    echo "GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'blog_$svc'@'%';"
  done
  echo "CREATE USER IF NOT EXISTS 'blog_exporter'@'%' IDENTIFIED BY $(blog_str "$BLOG_EXPORTER_DB_PASSWORD") WITH MAX_USER_CONNECTIONS 6;"
  echo "GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR ON *.* TO 'blog_exporter'@'%';"
  echo "CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED BY $(blog_str "$BLOG_REPL_PASSWORD");"
  echo "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'repl'@'%';"
}

blog_accounts_sql | docker_process_sql --dont-use-mysql-root-password
