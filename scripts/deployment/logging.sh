#!/usr/bin/env bash
# The log shipper of the production topology: the topology's own rsyslogd (not the system's), which
# follows every log file (Liberty servers, gateway, MariaDB) and indexes each line into
# Elasticsearch's daily log indices, searched through the alias blog-logs.
#
#   scripts/deployment/logging.sh start|stop|status|render|run
#
# start   installs the index template (logging/elasticsearch/index-template.json), creates today's
#         index (so the alias exists before the first line), renders the rsyslog configuration
#         (logging/rsyslog/blog-logs.conf.template), starts rsyslogd and beside it the resender
#         (bulk_resender.py: sends again what Elasticsearch refused as a whole for now)
# run     the same in the foreground until SIGTERM, which stops it as `stop` does (a container's
#         entry point: containers/logging)
# stop    stops rsyslogd and the resender; lines not yet delivered stay in the disk queue, requests
#         not yet sent again in bulk-errors.json, for the next start
# status  one line: running (rsyslogd and the resender)?, lines waiting for Elasticsearch, requests
#         to send again, what Elasticsearch refused for good
# render  only writes the configuration (and checks it with rsyslogd -N1)
#
# Files under $BLOG_PROD_DIR/logging: rsyslog.conf, rsyslogd.pid, resender.pid, state/ (how far each
# file was read), spool/ (the disk part of the queue), stats.json (rsyslog's counters every 10 s),
# bulk-errors.json (bulk requests Elasticsearch refused as a whole) and refused-lines.json (lines
# it refused for good), which rsyslogd writes for the resender, with *.offset (how far the resender
# has handled each), rejected.json and rejected-requests.json (lines and whole requests refused for
# good, with the answer: the operator's, to read and remove), rsyslogd.log and resender.log (the
# shipper's own messages). A line or request answered 429 or 5xx is sent again.
set -euo pipefail
log() { echo "logging: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { echo "usage: $0 start|stop|status|render|run" >&2; exit 2; }
(( $# == 1 )) || usage
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"

DIR=$BLOG_LOGGING_DIR
CONF=$DIR/rsyslog.conf
PIDFILE=$DIR/rsyslogd.pid
RESENDER_PIDFILE=$DIR/resender.pid
RESENDER=scripts/deployment/bulk_resender.py
ES=$(es_url)

running() { [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
resender_running() { [[ -f $RESENDER_PIDFILE ]] && kill -0 "$(cat "$RESENDER_PIDFILE")" 2>/dev/null; }

start_resender() {
  resender_running && return
  python3 "$RESENDER" run "$DIR" "$(es_urls)" >>"$DIR/resender.log" 2>&1 &
  echo $! >"$RESENDER_PIDFILE"
}

stop_resender() {
  resender_running || { rm -f "$RESENDER_PIDFILE"; return; }
  local pid
  pid=$(cat "$RESENDER_PIDFILE")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && die "the resender (pid $pid) did not stop within 5 s"
  rm -f "$RESENDER_PIDFILE"
}

render() {
  command -v rsyslogd >/dev/null || die "rsyslogd is not installed (Debian: rsyslog rsyslog-elasticsearch)"
  mkdir -p "$DIR/state" "$DIR/spool"
  LOGGING_DIR=$DIR WLP_SERVERS_DIR=$WLP/usr/servers GATEWAY_LOG_DIR=$GATEWAY_DIR/logs DB_DIR=$BLOG_DB_PAIR_DIR \
    LOG_QUEUE_MAX_DISK=$BLOG_LOG_QUEUE_MAX_DISK ES_SERVERS="[\"$(es_urls | sed 's/,/", "/g')\"]" \
    envsubst '${LOGGING_DIR} ${WLP_SERVERS_DIR} ${GATEWAY_LOG_DIR} ${DB_DIR} ${LOG_QUEUE_MAX_DISK} ${ES_SERVERS}' \
    <logging/rsyslog/blog-logs.conf.template >"$CONF.new"
  local check
  check=$(rsyslogd -N1 -f "$CONF.new" 2>&1) || { echo "$check" >&2; die "the rendered configuration does not validate"; }
  mv "$CONF.new" "$CONF"
}

es() { # $1 method, $2 path, [$3 body file]: prints the HTTP status, body to $DIR/es-reply.json
  curl -s -m 10 -o "$DIR/es-reply.json" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data-binary "@$3"} "$ES$2"
}

install_index() {
  local code today
  code=$(es PUT /_index_template/blog-logs logging/elasticsearch/index-template.json)
  [[ $code == 200 ]] || die "Elasticsearch refused the index template (HTTP $code): $(head -c 300 "$DIR/es-reply.json")"
  today=blog-logs-$(date -u +%Y.%m.%d)
  code=$(es PUT "/$today")
  [[ $code == 200 ]] || grep -q resource_already_exists_exception "$DIR/es-reply.json" \
    || die "could not create $today (HTTP $code): $(head -c 300 "$DIR/es-reply.json")"
}

stop_shipper() { # $1 rsyslogd's pid
  local pid=$1 es_away=false
  curl -sf -o /dev/null -m 3 "$ES/_cluster/health" || es_away=true
  kill "$pid"
  # It writes the undelivered part of its queue to the spool before it exits.
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && die "rsyslogd (pid $pid) did not stop within 15 s"
  rm -f "$PIDFILE"
  if $es_away; then
    # The batch its suspended Elasticsearch output was retrying is not in the saved queue
    # (rsyslog issue 5364). Forgetting how far each file was read makes the next start read
    # them again; documents have ids derived from file, offset and line, so what was already
    # indexed is overwritten, not doubled.
    rm -f "$DIR"/state/imfile-state:*
    log "stopped while Elasticsearch was away: the next start reads the log files again"
  else
    log "stopped"
  fi
}

# The last counters impstats wrote: "<lines waiting> <lines delivered>". Each stats line is
# "<date>: {json}"; the queue's disk part is its own "[DA]" queue.
counters() {
  [[ -f $DIR/stats.json ]] || { echo "? ?"; return; }
  tail -n 60 "$DIR/stats.json" | python3 -c 'import json, sys
queued, delivered = {}, "?"
for line in sys.stdin:
    try:
        s = json.loads(line[line.index("{"):])
    except ValueError:
        continue
    if s.get("origin") == "core.queue" and s.get("name", "").startswith(("to_elasticsearch", "elasticsearch_retry")):
        queued[s["name"]] = s.get("size", 0)
    if s.get("origin") == "core.action" and s.get("name") == "elasticsearch":
        delivered = s.get("processed")
print(sum(queued.values()) if queued else "?", delivered)'
}

case $1 in
  render) mkdir -p "$DIR"; render; log "configuration in $CONF" ;;
  start)
    mkdir -p "$DIR"
    curl -sf -o /dev/null -m 5 "$ES/_cluster/health" || die "no Elasticsearch node answers (:${BLOG_ES_PORTS// /, :})"
    install_index
    running && { start_resender; log "already running (pid $(cat "$PIDFILE"))"; exit 0; }
    render
    rsyslogd -f "$CONF" -i "$PIDFILE" 2>"$DIR/rsyslogd-start.log" \
      || { cat "$DIR/rsyslogd-start.log" >&2; die "rsyslogd did not start"; }
    for _ in $(seq 1 50); do running && break; sleep 0.1; done
    running || { cat "$DIR/rsyslogd-start.log" "$DIR/rsyslogd.log" 2>/dev/null | tail -5 >&2; die "rsyslogd exited at once"; }
    start_resender
    log "shipping to $ES (alias blog-logs), pid $(cat "$PIDFILE"), resender pid $(cat "$RESENDER_PIDFILE")" ;;
  stop)
    stop_resender
    running || exit 0
    stop_shipper "$(cat "$PIDFILE")" ;;
  run)
    mkdir -p "$DIR"
    for _ in $(seq 1 60); do curl -sf -o /dev/null -m 5 "$ES/_cluster/health" && break; sleep 2; done
    install_index
    render
    rsyslogd -n -f "$CONF" -i "$PIDFILE" &
    shipper=$!
    start_resender
    trap 'stop_resender; stop_shipper "$shipper"; exit 0' TERM INT
    log "shipping to $ES (alias blog-logs), pid $shipper"
    # wait returns early when the trap fires; rsyslogd exiting on its own is a failure.
    wait "$shipper" || true
    running && exit 0
    stop_resender
    die "rsyslogd exited (its messages: $DIR/rsyslogd.log)" ;;
  status)
    if ! running; then echo "log-shipper FAIL rsyslogd not running"; exit 1; fi
    if ! resender_running; then echo "log-shipper FAIL the resender is not running (its messages: $DIR/resender.log)"; exit 1; fi
    read -r queued delivered < <(counters)
    for file in rejected rejected-requests; do
      refused=0
      [[ -f $DIR/$file.json ]] && refused=$(wc -l <"$DIR/$file.json")
      if (( refused > 0 )); then
        echo "log-shipper FAIL $refused refusal(s) by Elasticsearch in $DIR/$file.json (read, then remove it)"; exit 1
      fi
    done
    waiting="$queued waiting for Elasticsearch"
    resend=$(python3 "$RESENDER" pending "$DIR")
    (( resend == 0 )) || waiting+=", $resend request(s) refused as a whole to send again"
    echo "log-shipper ok $delivered lines shipped, $waiting" ;;
  *) usage ;;
esac
