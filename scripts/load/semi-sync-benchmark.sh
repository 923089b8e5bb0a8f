#!/usr/bin/env bash
# Measures what semi-synchronous replication costs a write: COMMITS single-row transactions, one
# after the other on one connection (so each pays its own commit), on the primary of a running
# MariaDB pair, first with the primary waiting for the replica's acknowledgement and then without,
# alternating in ROUNDS so that drift on a busy machine hits both alike. Prints the median
# per-commit latency of each mode and the difference.
#
#   BLOG_DB_PAIR_DIR=DIR scripts/load/semi-sync-benchmark.sh [COMMITS] [ROUNDS]   # default 500, 3
#
# DIR is the pair's folder (scripts/dev/mariadb-pair.sh; the production topology's is
# $BLOG_PROD_DIR/mariadb). It writes into a scratch schema, semi_sync_benchmark, which it drops
# at the end, and leaves semi-sync switched on.
set -euo pipefail
usage() { echo "usage: BLOG_DB_PAIR_DIR=DIR $0 [COMMITS] [ROUNDS]" >&2; exit 2; }
die() { echo "semi-sync-benchmark: $*" >&2; exit 1; }
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
COMMITS=${1:-500}
ROUNDS=${2:-3}
[[ $COMMITS =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ ]] || usage
[[ -n ${BLOG_DB_PAIR_DIR:-} ]] || usage
[[ -S $BLOG_DB_PAIR_DIR/primary.sock ]] || die "no primary socket in $BLOG_DB_PAIR_DIR (is the pair running?)"
primary() { mariadb --no-defaults --socket="$BLOG_DB_PAIR_DIR/primary.sock" -u"$(id -un)" --batch --skip-column-names "$@"; }

[[ $(primary -e "SELECT @@rpl_semi_sync_master_enabled") == 1 ]] || die "semi-sync is not enabled on the primary"
trap 'primary -e "SET GLOBAL rpl_semi_sync_master_enabled = ON; DROP DATABASE IF EXISTS semi_sync_benchmark" || true' EXIT
primary -e "CREATE DATABASE IF NOT EXISTS semi_sync_benchmark;
  CREATE TABLE IF NOT EXISTS semi_sync_benchmark.write_probe (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB"

# One round: per-commit latency in µs, measured inside the server session so that neither the
# client's start-up nor the network between commits is counted.
round() { # $1 ON|OFF
  primary -e "SET GLOBAL rpl_semi_sync_master_enabled = $1"
  primary semi_sync_benchmark <<SQL
DELIMITER //
CREATE OR REPLACE PROCEDURE probe(n INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE t0 DATETIME(6) DEFAULT NOW(6);
  WHILE i < n DO
    INSERT INTO write_probe (note) VALUES ('probe');
    COMMIT;
    SET i = i + 1;
  END WHILE;
  SELECT TIMESTAMPDIFF(MICROSECOND, t0, NOW(6)) DIV n;
END //
DELIMITER ;
SET autocommit = 0;
CALL probe($COMMITS);
SQL
}

with=() without=()
for ((r = 1; r <= ROUNDS; r++)); do
  with+=("$(round ON)")
  # The acknowledgement must really have been waited for, else the round measured nothing.
  [[ $(primary -e "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_status'" | cut -f2) == ON ]] \
    || die "the primary fell back to asynchronous replication during the round (is the replica connected?)"
  without+=("$(round OFF)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
on=$(median "${with[@]}")
off=$(median "${without[@]}")
echo "commits per round: $COMMITS, rounds: $ROUNDS"
echo "semi-sync on:  ${with[*]} µs per commit (median $on)"
echo "semi-sync off: ${without[*]} µs per commit (median $off)"
echo "cost of waiting for the replica: $(( on - off )) µs per commit"
