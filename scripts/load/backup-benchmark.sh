#!/usr/bin/env bash
# Measures backups on a running production topology (BLOG_ENV_FILE) loaded with ARTICLES synthetic
# articles: backup time and size, verification, a full restore and a point-in-time restore, the
# Elasticsearch reindex that rebuilds the derived index, how far the binlog archive trails the
# primary (RPO), and, for the choice of tool, mariadb-dump against mariadb-backup.
#
#   BLOG_ENV_FILE=... scripts/load/backup-benchmark.sh [ARTICLES]   # default 10000; 0 adds none
#
# Writes straight into the topology's database (GenerateArticles.java), so run it on a test
# topology, never on one that matters.
set -euo pipefail
usage() { echo "usage: BLOG_ENV_FILE=FILE $0 [ARTICLES]" >&2; exit 2; }
die() { echo "backup-benchmark: $*" >&2; exit 1; }
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
ARTICLES=${1:-10000}
[[ $ARTICLES =~ ^[0-9]+$ ]] || usage
cd "$(dirname "$0")/../.."
# shellcheck source=../deployment/lib.sh
source scripts/deployment/lib.sh
load_env
WORK=$(mktemp -d /tmp/backup-benchmark.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PRIMARY="mariadb --no-defaults --socket=$BLOG_DB_PAIR_DIR/primary.sock -uroot --batch --skip-column-names"
GW=http://127.0.0.1:$GATEWAY_PORT
now_ms() { date +%s%3N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
last_json() { grep "\"step\": \"$1\"" | tail -1; }

if (( ARTICLES > 0 )); then
  jar=$(ls user-war/target/liberty/wlp/usr/shared/resources/jdbc/mariadb-java-client-*.jar 2>/dev/null | head -1)
  [[ -n $jar ]] || die "build first (./mvnw package -DskipTests): no MariaDB JDBC driver in user-war/target"
  "$JAVA_HOME/bin/java" -cp "$jar" scripts/load/GenerateArticles.java \
    "jdbc:mariadb://127.0.0.1:$BLOG_DB_PRIMARY_PORT/blog_posts?timezone=UTC" blog_posts "$BLOG_POSTS_DB_PASSWORD" \
    "$ARTICLES" "$BLOG_ADMIN_USERNAME" >&2
fi
articles=$($PRIMARY -e "SELECT COUNT(*) FROM blog_posts.article")
schema_mb=$($PRIMARY -e "SELECT ROUND(SUM(data_length + index_length) / 1e6, 1) FROM information_schema.tables WHERE table_schema LIKE 'blog\_%'")

# Elasticsearch is derived: rebuilt from the database by the reindex job.
admin=$(curl -sf -X POST "$GW/api/users/login" -H 'Content-Type: application/json' \
  -d "{\"login\":\"$BLOG_ADMIN_USERNAME\",\"password\":\"$BLOG_ADMIN_PASSWORD\"}") || die "admin login through the gateway failed"
token=$(field "$admin" accessToken)
t0=$(now_ms)
job=$(curl -sf -X POST "$GW/api/posts/search/reindex" -H "Authorization: Bearer $token") || die "reindex refused"
job=$(field "$job" id)
until curl -sf "$GW/api/posts/search/reindex/$job" -H "Authorization: Bearer $token" | grep -q '"status":"DONE"'; do
  (( $(now_ms) - t0 < 1800000 )) || die "reindex did not finish in 30 minutes"
  sleep 0.5
done
reindex_s=$(secs "$t0" "$(now_ms)")

backup=$(scripts/maintenance/backup-database.sh --progress=json) || die "backup failed"
done_line=$(last_json done <<<"$backup")
id=$(field "$done_line" backup)
backup_s=$(field "$done_line" durationSeconds)
backup_mb=$(awk -v b="$(field "$done_line" bytes)" 'BEGIN { printf "%.1f", b / 1e6 }')

verify=$(scripts/maintenance/restore-database.sh "$id" --verify --progress=json) || die "verify failed"
verify_s=$(field "$(last_json done <<<"$verify")" seconds)

t0=$(now_ms)
restore=$(scripts/maintenance/restore-database.sh "$id" --target "$WORK/full" --progress=json) || die "restore failed"
restore_s=$(secs "$t0" "$(now_ms)")

# RPO: how long a committed write takes to be in the archive.
$PRIMARY -e "CREATE TABLE IF NOT EXISTS blog_posts.benchmark_probe (id INT PRIMARY KEY)"
rpo=()
for i in 1 2 3 4 5; do
  $PRIMARY -e "REPLACE INTO blog_posts.benchmark_probe VALUES ($i)"
  t0=$(now_ms)
  read -r file position < <($PRIMARY -e "SHOW MASTER STATUS" | awk '{print $1, $2}')
  until [[ -f $BLOG_BACKUP_DIR/binlogs/$file ]] && (( $(stat -c %s "$BLOG_BACKUP_DIR/binlogs/$file") >= position )); do
    (( $(now_ms) - t0 < 60000 )) || die "the archive did not receive a write within 60 s"
    sleep 0.01
  done
  rpo+=("$(( $(now_ms) - t0 ))")
done
$PRIMARY -e "DROP TABLE blog_posts.benchmark_probe"
sleep 3   # the archiver notes it is complete every 2 s
point=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 3
t0=$(now_ms)
pitr=$(scripts/maintenance/restore-database.sh "$id" --to-time "$point" --target "$WORK/pitr" --progress=json) || die "point-in-time restore failed"
pitr_s=$(secs "$t0" "$(now_ms)")

# The alternative: a logical dump of the replica and its reload into a fresh server.
t0=$(now_ms)
mariadb-dump --no-defaults --socket="$BLOG_DB_PAIR_DIR/replica.sock" -uroot --single-transaction \
  --databases blog_users blog_posts blog_comments | zstd -q -3 -T0 >"$WORK/dump.sql.zst"
dump_s=$(secs "$t0" "$(now_ms)")
dump_mb=$(awk -v b="$(stat -c %s "$WORK/dump.sql.zst")" 'BEGIN { printf "%.1f", b / 1e6 }')
mkdir -p "$WORK/dump-target"
mariadb-install-db --no-defaults --user=root --datadir="$WORK/dump-target/data" --auth-root-authentication-method=socket \
  --skip-test-db >/dev/null 2>&1
mariadbd --no-defaults --user=root --datadir="$WORK/dump-target/data" --socket="$WORK/dump-target/s.sock" --skip-networking \
  --pid-file="$WORK/dump-target/p.pid" --log-error="$WORK/dump-target/err.log" --innodb-buffer-pool-size=128M 2>/dev/null &
for _ in $(seq 1 300); do mariadb-admin --no-defaults --socket="$WORK/dump-target/s.sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.1; done
t0=$(now_ms)
zstd -dcq "$WORK/dump.sql.zst" | mariadb --no-defaults --socket="$WORK/dump-target/s.sock" -uroot
dump_restore_s=$(secs "$t0" "$(now_ms)")
kill "$(cat "$WORK/dump-target/p.pid")"; wait 2>/dev/null || true

cat <<REPORT
# Backup benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)

Data: $articles articles, $schema_mb MB of tables and indexes (information_schema estimate).

| What | Time | Size |
|---|---|---|
| mariadb-backup of the paused replica + counts + checksums + Redis RDB (backup-database.sh) | $backup_s s | $backup_mb MB |
| verification: restore into a scratch server, compare rows and CHECKSUM TABLE | $verify_s s | |
| full restore into a new datadir (unpack, prepare) | $restore_s s | |
| point-in-time restore: backup + archived binlogs up to $point | $pitr_s s | |
| Elasticsearch reindex of every article (the index is derived, not backed up) | $reindex_s s | |
| binlog archive lag after a commit (RPO), 5 writes | ${rpo[*]} ms | |
| for comparison: mariadb-dump --single-transaction, zstd | $dump_s s | $dump_mb MB |
| for comparison: reloading that dump into a fresh server | $dump_restore_s s | |
REPORT
