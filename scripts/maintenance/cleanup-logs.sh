#!/usr/bin/env bash
# Log retention of the production topology: the log files of every component under $BLOG_PROD_DIR
# by age and size, and Elasticsearch's daily log indices (blog-logs-YYYY.MM.DD) by age. Prints one
# line per file or index it removes or rotates, and the space freed. Nothing outside the
# deployment's folder is ever touched, not even through a symbolic link.
#
#   scripts/maintenance/cleanup-logs.sh [--days N] [--max-size SIZE] [--dry-run]
#
#   --days N         rotated files older than N days go, and the log indices of days before today
#                    (UTC) minus N (default BLOG_LOG_RETENTION_DAYS, 14)
#   --max-size SIZE  a live file larger than SIZE is rotated: copied to <name>.<UTC time>, then
#                    truncated in place, so its writer keeps its descriptor (the log shipper reopens
#                    truncated files); if all the log files together still take more than SIZE, the
#                    oldest rotated files go first. Bytes, or with k, m, g (default BLOG_LOG_MAX_SIZE, 2g)
#   --dry-run        says what it would do ("would remove", "would rotate", "would delete") and changes nothing
#
# A live file (one a running process writes) is never deleted. Exits 1 when anything was refused or
# failed (and still does the rest), 2 on bad arguments.
set -euo pipefail
USAGE="usage: $0 [--days N] [--max-size SIZE] [--dry-run]"
usage() { echo "$USAGE" >&2; exit 2; }
bad() { echo "cleanup-logs: $*; $USAGE" >&2; exit 2; }
die() { echo "cleanup-logs: $*" >&2; exit 1; }

# "2g", "512M", "300k", "1048576" → bytes; fails on anything else.
bytes_of() {
  [[ ${1,,} =~ ^([0-9]{1,18})([kmg]?)$ ]] || return 1
  local n=$((10#${BASH_REMATCH[1]})) unit=1
  case ${BASH_REMATCH[2]} in k) unit=1024 ;; m) unit=1048576 ;; g) unit=1073741824 ;; esac
  (( n * unit / unit == n )) || return 1   # overflow
  echo $((n * unit))
}

dry_run=0
while (( $# )); do
  case $1 in
    --days) (( $# >= 2 )) || bad "--days needs a number of days"; days=$2; shift 2 ;;
    --days=*) days=${1#*=}; shift ;;
    --max-size) (( $# >= 2 )) || bad "--max-size needs a size"; max_size=$2; shift 2 ;;
    --max-size=*) max_size=${1#*=}; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h | --help) usage ;;
    *) bad "unknown argument '$1'" ;;
  esac
done
if [[ -v days ]]; then [[ $days =~ ^[0-9]{1,5}$ ]] || bad "--days must be a whole number of days, not '$days'"; fi
if [[ -v max_size ]]; then
  max_bytes=$(bytes_of "$max_size") || bad "--max-size must be bytes or a number with k, m or g (e.g. 2g), not '$max_size'"
  (( max_bytes > 0 )) || bad "--max-size must be more than 0"
fi

# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
if [[ ! -v days ]]; then
  days=$BLOG_LOG_RETENTION_DAYS
  [[ $days =~ ^[0-9]{1,5}$ ]] || die "BLOG_LOG_RETENTION_DAYS must be a whole number of days, not '$days'"
fi
if [[ ! -v max_size ]]; then
  max_size=$BLOG_LOG_MAX_SIZE
  max_bytes=$(bytes_of "$max_size") && (( max_bytes > 0 )) \
    || die "BLOG_LOG_MAX_SIZE must be bytes or a number with k, m or g (e.g. 2g), not '$max_size'"
fi

[[ -n $BLOG_PROD_DIR && $BLOG_PROD_DIR != / ]] || die "BLOG_PROD_DIR is '$BLOG_PROD_DIR': refusing to clean up there"
[[ -d $BLOG_PROD_DIR ]] || die "BLOG_PROD_DIR $BLOG_PROD_DIR is not a directory"
ROOT=$(realpath -e -- "$BLOG_PROD_DIR")
[[ $ROOT != / ]] || die "BLOG_PROD_DIR $BLOG_PROD_DIR is /: refusing to clean up there"
command -v python3 >/dev/null || die "python3 is not installed (Debian: python3)"   # reads Elasticsearch's answer
# One run per deployment at a time (the lock is on the folder itself: nothing is created).
exec 9<"$ROOT"
flock -n 9 || die "another cleanup-logs runs on $ROOT"

shopt -s nullglob
failed=0
refuse() { echo "cleanup-logs: refused $1: $2" >&2; failed=1; }
fail() { echo "cleanup-logs: $*" >&2; failed=1; }

human() { # bytes → "512 B", "12.3 MiB"
  awk -v b="$1" 'BEGIN { split("B KiB MiB GiB TiB", u, " "); i = 1
    while (b >= 1024 && i < 5) { b /= 1024; i++ }
    if (i == 1) printf "%d B", b; else printf "%.1f %s", b, u[i] }'
}

# --- the log files of the deployment -----------------------------------------------------------
# LIVE: files a running process writes (or the current file of one that is not running): rotated
# when too large, never deleted. ROTATED: what Liberty, Elasticsearch, the JVM or an earlier run
# rotated out: deleted by age, then oldest first while the logs take more than --max-size.
LIVE=() ROTATED=()
declare -A SIZE=() MTIME=() LINKS=() SEEN=()

# What a file takes on disk: a writer that does not append (monitoring's exporters) leaves a sparse
# file after a truncation, as large as before to ls but holding only what came since.
disk_size() { # apparent size, blocks, block size
  echo $(( $1 < $2 * $3 ? $1 : $2 * $3 ))
}

add() { # live|rotated PATH...
  local kind=$1 f real st apparent blocks block_size mtime links
  shift
  for f in "$@"; do
    [[ -e $f || -L $f ]] || continue
    real=$(realpath -m -- "$f")
    if [[ $real != "$ROOT"/* ]]; then
      refuse "$f" "its real path $real is outside $ROOT"
      continue
    fi
    if [[ -L $f ]]; then
      # Never acted on, even when it points inside: what it points to is handled under its own name.
      echo "cleanup-logs: skipped $f: a symbolic link to $real" >&2
      continue
    fi
    [[ -f $real && -z ${SEEN[$real]:-} ]] || continue
    st=$(stat -c '%s %b %B %Y %h' -- "$real" 2>/dev/null) || continue   # gone meanwhile
    read -r apparent blocks block_size mtime links <<<"$st"
    SIZE[$real]=$(disk_size "$apparent" "$blocks" "$block_size")
    MTIME[$real]=$mtime LINKS[$real]=$links SEEN[$real]=$kind
    if [[ $kind == live ]]; then LIVE+=("$real"); else ROTATED+=("$real"); fi
  done
}

# Liberty servers (users-N, posts-N, comments-N, console): Liberty rotates messages.log and
# trace.log itself (maxFileSize/maxFiles in liberty-config/fragments/base.xml), and the console's
# http_access.log, into messages_<date>.log and so on; a service's http_access.log (common's
# AccessLogFilter) and console.log it never rotates, --max-size does; ffdc/ holds incident files.
for dir in "$WLP"/usr/servers/*/logs; do
  add live "$dir"/{messages,http_access,trace,console}.log
  add rotated "$dir"/{messages,http_access,trace}_*.log "$dir"/{messages,http_access,trace,console}.log.* "$dir"/ffdc/*
done
# The gateway (nginx).
add live "$GATEWAY_DIR"/logs/{access.json,error.log}
add rotated "$GATEWAY_DIR"/logs/{access.json,error.log}.*
# MariaDB primary and replica: error log, slow-query log, stdout.
add live "$BLOG_DB_PAIR_DIR"/{*.err,*-slow.log,*.out}
add rotated "$BLOG_DB_PAIR_DIR"/{*.err,*-slow.log,*.out}.*
# Redis: the cache and the security state, one server in the store's folder or a cluster's six
# nodes in node-<port>/.
add live "$REDIS_DIR"/{,node-*/}redis.log "$REDIS_SECURITY_DIR"/{,node-*/}redis.log
add rotated "$REDIS_DIR"/{,node-*/}redis.log.* "$REDIS_SECURITY_DIR"/{,node-*/}redis.log.*
# Elasticsearch (path.logs of scripts/dev/elasticsearch.sh): <cluster>.log, <cluster>_*.json and
# gc.log are written; log4j rotates into *.gz, the JVM gc.log into gc.log.N; crash reports stay.
for f in "$ES_DIR"/node-*/logs/*; do
  case ${f##*/} in
    hs_err_pid*.log | replay_pid*.log) add rotated "$f" ;;
    *.log | *.json) add live "$f" ;;
    *.gz | *.log.* | *.json.*) add rotated "$f" ;;
  esac
done
# The monitoring tier: each component's stdout and stderr (scripts/deployment/monitoring.sh).
for name in "${MONITORING_COMPONENTS[@]}"; do
  add live "$BLOG_PROD_DIR/monitoring/$name/$name.log"
  add rotated "$BLOG_PROD_DIR/monitoring/$name/$name.log".*
done
# The log shipper (scripts/deployment/logging.sh): its own messages, what Elasticsearch refused,
# and its counters (a line every 10 s). What rsyslogd writes for the resender (bulk_resender.py)
# is only rotated while the resender has handled all of it: the copy would be out of its sight.
add live "$BLOG_LOGGING_DIR"/{rsyslogd.log,resender.log,rejected.json,rejected-requests.json,stats.json}
add rotated "$BLOG_LOGGING_DIR"/{rsyslogd.log,resender.log,rejected.json,rejected-requests.json,bulk-errors.json,refused-lines.json,stats.json}.*
for inbox in bulk-errors.json refused-lines.json; do
  if [[ $(python3 "$MAINTENANCE_DIR/../deployment/bulk_resender.py" pending "$BLOG_LOGGING_DIR" "$inbox") == 0 ]]; then
    add live "$BLOG_LOGGING_DIR/$inbox"
  fi
done
# What each start printed (start-production.sh, console.sh).
add live "$BLOG_PROD_DIR"/*-start.log
add rotated "$BLOG_PROD_DIR"/*-start.log.*
# The binlog archiver, and the backup schedule's output (blog-backups.cron.template).
add live "$BLOG_BACKUP_DIR"/binlogs/archiver.log "$BLOG_BACKUP_DIR"/backup.log
add rotated "$BLOG_BACKUP_DIR"/binlogs/archiver.log.* "$BLOG_BACKUP_DIR"/backup.log.*

# --- files -------------------------------------------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
cutoff=$(( $(date +%s) - days * 86400 ))
freed=0 removed=0
declare -A GONE=() FRESH=()

remove() { # PATH of a rotated file
  local f=$1 err
  if (( dry_run )); then
    echo "would remove $f ($(human "${SIZE[$f]}"))"
  else
    [[ -f $f && ! -L $f ]] || { refuse "$f" "no longer a regular file"; return; }
    if ! err=$(rm -- "$f" 2>&1); then fail "could not remove $f: $err"; return; fi
    echo "removed $f ($(human "${SIZE[$f]}"))"
  fi
  GONE[$f]=1
  freed=$((freed + SIZE[$f])) removed=$((removed + 1))
}

rotate() { # PATH of a live file
  local f=$1 copy=$1.$STAMP err
  (( LINKS[$f] == 1 )) || { refuse "$f" "it has ${LINKS[$f]} hard links"; return; }
  [[ ! -e $copy && ! -L $copy ]] || { fail "not rotating $f: $copy exists"; return; }
  if (( dry_run )); then
    echo "would rotate $f ($(human "${SIZE[$f]}") → ${copy##*/})"
  else
    if ! err=$(cp -P -p -- "$f" "$copy" 2>&1); then
      rm -f -- "$copy"
      fail "could not rotate $f: $err"
      return
    fi
    # Truncated in place, never through a symbolic link (O_NOFOLLOW).
    if ! err=$(dd if=/dev/null of="$f" oflag=nofollow status=none 2>&1); then
      fail "copied $f to ${copy##*/} but could not truncate it: $err"
      return
    fi
    echo "rotated $f ($(human "${SIZE[$f]}") → ${copy##*/})"
  fi
  FRESH[$copy]=1 SIZE[$copy]=${SIZE[$f]} SIZE[$f]=0
  if (( ! dry_run )); then
    # shellcheck disable=SC2046
    SIZE[$f]=$(disk_size $(stat -c '%s %b %B' -- "$f" 2>/dev/null || echo 0 0 0))
  fi
}

# 1. Rotated files older than --days.
for f in "${ROTATED[@]}"; do
  if (( MTIME[$f] < cutoff )); then remove "$f"; fi
done
# 2. Live files larger than --max-size.
for f in "${LIVE[@]}"; do
  if (( SIZE[$f] > max_bytes )); then rotate "$f"; fi
done
# 3. Still more than --max-size in all: the oldest rotated files first (the copies just made stay
#    until the next run).
total=0
for f in "${LIVE[@]}" "${!FRESH[@]}"; do total=$((total + SIZE[$f])); done
for f in "${ROTATED[@]}"; do
  if [[ -z ${GONE[$f]:-} ]]; then total=$((total + SIZE[$f])); fi
done
if (( total > max_bytes )); then
  while IFS= read -r -d '' entry; do
    (( total > max_bytes )) || break
    f=${entry#* }
    remove "$f"
    if [[ -n ${GONE[$f]:-} ]]; then total=$((total - SIZE[$f])); fi
  done < <(for f in "${ROTATED[@]}"; do
    if [[ -z ${GONE[$f]:-} ]]; then printf '%s %s\0' "${MTIME[$f]}" "$f"; fi
  done | sort -z -n)
  if (( total > max_bytes )); then
    echo "the logs still take $(human "$total"), more than --max-size $max_size: only live files (and copies rotated in this run) are left"
  fi
fi

# --- Elasticsearch's daily log indices ---------------------------------------------------------
ES=$(es_url)
indices=0
if ! reply=$(curl -sS -m 10 -w '\n%{http_code}' "$ES/_cat/indices/blog-logs-*?h=index,store.size&bytes=b&format=json" 2>&1); then
  reply=${reply%%$'\n'*}
  fail "no Elasticsearch node answers (${ES#http://}: ${reply##*: }): its log indices were left as they are"
elif [[ ${reply##*$'\n'} != 200 ]]; then
  fail "Elasticsearch answered HTTP ${reply##*$'\n'} to the list of log indices: they were left as they are"
elif ! expired=$(python3 -c '
import datetime as dt, json, re, sys
days = int(sys.argv[1])
cutoff = dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=days)
for row in sorted(json.loads(sys.stdin.read()), key=lambda r: r["index"]):
    m = re.fullmatch(r"blog-logs-(\d{4})\.(\d{2})\.(\d{2})", row["index"])
    if not m:
        continue
    try:
        day = dt.date(*map(int, m.groups()))
    except ValueError:
        continue
    if day < cutoff:
        print(row["index"], int(row.get("store.size") or 0))
' "$days" <<<"${reply%$'\n'*}" 2>&1); then
  fail "cannot read Elasticsearch's list of log indices: ${expired##*$'\n'}"
else
  while read -r index size; do
    [[ $index =~ ^blog-logs-[0-9]{4}\.[0-9]{2}\.[0-9]{2}$ ]] || continue   # never a pattern, never another index
    if (( dry_run )); then
      echo "would delete index $index ($(human "$size"))"
    else
      code=$(curl -sS -m 60 -o /dev/null -w '%{http_code}' -X DELETE "$ES/$index" 2>/dev/null) || true
      if [[ $code != 200 ]]; then fail "could not delete index $index (HTTP ${code:-none})"; continue; fi
      echo "deleted index $index ($(human "$size"))"
    fi
    freed=$((freed + size)) indices=$((indices + 1))
  done <<<"$expired"
fi

(( removed == 1 )) && files_word=file || files_word=files
(( indices == 1 )) && indices_word=index || indices_word=indices
(( dry_run )) && verb="would free" || verb=freed
echo "$verb $(human "$freed") ($removed $files_word, $indices $indices_word)"
exit "$failed"
