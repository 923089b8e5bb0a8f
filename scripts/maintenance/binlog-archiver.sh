#!/usr/bin/env bash
# Continuous archiving of the primary's binlogs into $BLOG_BACKUP_DIR/binlogs for point-in-time
# restores: mariadb-binlog streams them as a replica would (account repl), closed files get a
# .sha256, and status.json / the blog_binlog_archive_caught_up_timestamp_seconds metric say up to
# when the archive is complete. A component of the production topology: start-production.sh
# starts it, stop-production.sh binlog-archiver stops it, health-check.sh reports it.
#
#   scripts/maintenance/binlog-archiver.sh start|stop|status
#   scripts/maintenance/binlog-archiver.sh run     # in the foreground (a container's command)
set -euo pipefail
usage() { echo "usage: $0 start|stop|status|run" >&2; exit 2; }
log() { echo "binlog-archiver: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
(( $# == 1 )) || usage
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
ARCHIVE=$BLOG_BACKUP_DIR/binlogs
PID_FILE=$ARCHIVE/archiver.pid

running_pid() {
  local pid
  [[ -f $PID_FILE ]] && pid=$(cat "$PID_FILE") && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

case $1 in
  run)
    mkdir -p "$ARCHIVE"
    BLOG_BACKUP_PROG=binlog-archiver exec python3 "$MAINTENANCE_DIR/blog_backup.py" archive ;;
  start)
    running_pid >/dev/null && exit 0
    mkdir -p "$ARCHIVE"
    BLOG_BACKUP_PROG=binlog-archiver setsid python3 "$MAINTENANCE_DIR/blog_backup.py" archive \
      >>"$ARCHIVE/archiver.log" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 100); do
      [[ -f $ARCHIVE/status.json ]] && grep -q caughtUpAt "$ARCHIVE/status.json" && break
      running_pid >/dev/null || { tail -3 "$ARCHIVE/archiver.log" >&2; die "it exited (log $ARCHIVE/archiver.log)"; }
      sleep 0.2
    done
    grep -q caughtUpAt "$ARCHIVE/status.json" 2>/dev/null || die "not caught up with the primary after 20 s (log $ARCHIVE/archiver.log)"
    log "archiving the primary's binlogs into $ARCHIVE" ;;
  stop)
    pid=$(running_pid) || exit 0
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "pid $pid did not stop"
    rm -f "$PID_FILE"
    log "stopped" ;;
  status)
    pid=$(running_pid) || { echo "binlog-archiver FAIL not running"; exit 1; }
    python3 - "$ARCHIVE/status.json" <<'PY'
import json, sys, datetime as dt
s = json.load(open(sys.argv[1]))
caught = s.get("caughtUpAt")
age = (dt.datetime.now(dt.timezone.utc) - dt.datetime.fromisoformat(caught.replace("Z", "+00:00"))).total_seconds() if caught else None
if age is not None and age < 30:
    print(f"binlog-archiver ok complete up to {caught} ({s.get('primaryFile')})")
else:
    print(f"binlog-archiver FAIL behind the primary: complete up to {caught or 'never'}")
    sys.exit(1)
PY
    ;;
  *) usage ;;
esac
