#!/bin/bash
# Healthy: bootstrapped (the entry point's marker), answering, and on a replica both replication
# threads running.
set -euo pipefail
[[ -f /run/mysqld/ready ]]
q() { mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -umysql --batch --skip-column-names -e "$1"; }
q 'SELECT 1' >/dev/null
if [[ $BLOG_DB_ROLE == replica ]]; then
  [[ $(q "SHOW STATUS LIKE 'Slaves_running'" | awk '{print $2}') == 1 ]]
fi
