#!/usr/bin/env bash
# The nginx gateway of the production topology: renders containers/gateway/nginx.conf.template for
# this host's ports and runs nginx unprivileged-style from a prefix folder (no system service).
#
#   scripts/deployment/gateway.sh render DIR   # write DIR/nginx.conf + snippets, then nginx -t
#   scripts/deployment/gateway.sh run DIR      # render, then nginx in the foreground (the container)
#   scripts/deployment/gateway.sh start|stop|reload|status
#
# Reads the env file like start-production.sh (BLOG_ENV_FILE). The front end is served from a
# copy of frontend/src/main/webapp taken at start, so editing the working tree never changes a
# running site.
set -euo pipefail
log() { echo "gateway: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

TEMPLATE_DIR=$DEPLOY_ROOT/containers/gateway
FRONTEND_SRC=${BLOG_FRONTEND_DIR:-$DEPLOY_ROOT/frontend/src/main/webapp}

servers_of() { # $1 = space-separated instances, each a port on this host or host:port → upstream server lines
  local instance out=""
  for instance in $1; do
    [[ $instance == *:* ]] || instance=127.0.0.1:$instance
    # Two failures within 10 s take an instance out for 10 s; nginx then tries it again with one
    # live request, so a restarted instance comes back on its own.
    out+="server $instance max_fails=2 fail_timeout=10s; "
  done
  echo "$out"
}

render() { # $1 = output dir
  local out=$1
  mkdir -p "$out/logs" "$out/run"
  export GATEWAY_RUN_DIR=$out/run GATEWAY_LOG_DIR=$out/logs GATEWAY_CONF_DIR=$out
  export GATEWAY_LISTEN=${GATEWAY_LISTEN:-127.0.0.1:$GATEWAY_PORT}
  export GATEWAY_INTERNAL_LISTEN=${GATEWAY_INTERNAL_LISTEN:-127.0.0.1:$GATEWAY_INTERNAL_PORT}
  export GATEWAY_FRONTEND_ROOT=${GATEWAY_FRONTEND_ROOT:-$BLOG_PROD_DIR/frontend}
  export GATEWAY_MAX_BODY=${GATEWAY_MAX_BODY:-1m}
  # Image uploads: the same bound post-war enforces (blog.posts.media.max-bytes), so one setting moves both.
  export GATEWAY_MAX_UPLOAD=${BLOG_POSTS_MEDIA_MAX_BYTES:-8388608}
  export GATEWAY_CACHE_DIR=${GATEWAY_CACHE_DIR:-$out/run/cache} GATEWAY_CACHE_MAX_SIZE=${GATEWAY_CACHE_MAX_SIZE:-256m}
  export GATEWAY_WORKER_CONNECTIONS GATEWAY_WORKER_NOFILE
  # host[:port] of BLOG_PUBLIC_BASE_URL: the Host the services see.
  local public=${BLOG_PUBLIC_BASE_URL#*://}
  export GATEWAY_PUBLIC_HOST=${GATEWAY_PUBLIC_HOST:-${public%%/*}}
  export GATEWAY_RATE_API=${GATEWAY_RATE_API:-20r/s} GATEWAY_BURST_API=${GATEWAY_BURST_API:-40}
  export GATEWAY_RATE_AUTH=${GATEWAY_RATE_AUTH:-10r/m} GATEWAY_BURST_AUTH=${GATEWAY_BURST_AUTH:-10}
  export GATEWAY_RATE_COMMENTS=${GATEWAY_RATE_COMMENTS:-6r/m} GATEWAY_BURST_COMMENTS=${GATEWAY_BURST_COMMENTS:-5}
  GATEWAY_USERS_SERVERS=$(servers_of "$BLOG_USERS_PORTS")
  GATEWAY_POSTS_SERVERS=$(servers_of "$BLOG_POSTS_PORTS")
  GATEWAY_COMMENTS_SERVERS=$(servers_of "$BLOG_COMMENTS_PORTS")
  export GATEWAY_USERS_SERVERS GATEWAY_POSTS_SERVERS GATEWAY_COMMENTS_SERVERS
  local vars
  vars=$(cat "$TEMPLATE_DIR/nginx.conf.template" "$TEMPLATE_DIR/edge-cache.conf" | grep -o '\${GATEWAY_[A-Z_]*}' | sort -u | tr '\n' ' ')
  envsubst "$vars" <"$TEMPLATE_DIR/nginx.conf.template" >"$out/nginx.conf"
  envsubst "$vars" <"$TEMPLATE_DIR/edge-cache.conf" >"$out/edge-cache.conf"
  cp "$TEMPLATE_DIR/response-headers.conf" "$TEMPLATE_DIR/proxy-headers.conf" "$out/"
  nginx -q -t -p "$out" -c "$out/nginx.conf" -e "$out/logs/error.log" \
    || die "nginx -t rejected $out/nginx.conf"
}

# The workers raise their own limit (worker_rlimit_nofile) and the master hands it on; neither may
# pass the hard limit this host gives (some containers cap it below what root could set).
raise_open_files() {
  local hard
  hard=$(ulimit -Hn)
  if [[ $hard != unlimited ]] && (( GATEWAY_WORKER_NOFILE > hard )); then
    log "open files per worker capped at the hard limit $hard (GATEWAY_WORKER_NOFILE=$GATEWAY_WORKER_NOFILE)"
    GATEWAY_WORKER_NOFILE=$hard
  fi
  ulimit -n "$GATEWAY_WORKER_NOFILE" || die "cannot raise open files to $GATEWAY_WORKER_NOFILE"
}

pid_of() {
  local pid
  [[ -s $GATEWAY_DIR/run/nginx.pid ]] || return 1
  pid=$(<"$GATEWAY_DIR/run/nginx.pid")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^nginx: master' || return 1
  echo "$pid"
}

cmd_start() {
  if pid_of >/dev/null; then log "already running"; return 0; fi
  for port in "$GATEWAY_PORT" "$GATEWAY_INTERNAL_PORT"; do
    port_busy "$port" && die "port $port is busy"
  done
  [[ -f $FRONTEND_SRC/index.html ]] || die "no front end at $FRONTEND_SRC"
  rm -rf "$BLOG_PROD_DIR/frontend.new"
  cp -r "$FRONTEND_SRC" "$BLOG_PROD_DIR/frontend.new"
  rm -rf "$BLOG_PROD_DIR/frontend" && mv "$BLOG_PROD_DIR/frontend.new" "$BLOG_PROD_DIR/frontend"
  raise_open_files
  render "$GATEWAY_DIR"
  nginx -p "$GATEWAY_DIR" -c "$GATEWAY_DIR/nginx.conf" -e "$GATEWAY_DIR/logs/error.log" \
    || die "nginx did not start (log: $GATEWAY_DIR/logs/error.log)"
  for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$GATEWAY_INTERNAL_PORT/stub_status" && break
    sleep 0.1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_INTERNAL_PORT/stub_status" || die "nginx does not answer on $GATEWAY_INTERNAL_PORT"
  log "listening on 127.0.0.1:$GATEWAY_PORT (public) and 127.0.0.1:$GATEWAY_INTERNAL_PORT (internal)"
}

# The container's way (containers/gateway): render, then nginx in the foreground as this process.
cmd_run() { # $1 = dir
  raise_open_files
  render "$1"
  exec nginx -g 'daemon off;' -p "$1" -c "$1/nginx.conf" -e "$1/logs/error.log"
}

cmd_stop() {
  local pid
  pid=$(pid_of) || { log "not running"; return 0; }
  kill -QUIT "$pid"   # graceful: finish requests in flight
  for _ in $(seq 1 100); do [[ -r /proc/$pid/cmdline ]] || { log "stopped"; return 0; }; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null || true
  log "stopped (forced after 10 s)"
}

cmd_reload() {
  local pid
  pid=$(pid_of) || die "not running"
  raise_open_files
  render "$GATEWAY_DIR"
  kill -HUP "$pid"
  log "reloaded"
}

load_env
case ${1:-} in
  render) [[ -n ${2:-} ]] || die "usage: gateway.sh render DIR"; render "$2"; log "rendered $2/nginx.conf (nginx -t passed)" ;;
  run) [[ -n ${2:-} ]] || die "usage: gateway.sh run DIR"; cmd_run "$2" ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  reload) cmd_reload ;;
  status) pid_of >/dev/null && log "running" || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 render DIR|run DIR|start|stop|reload|status" >&2; exit 2 ;;
esac
