#!/usr/bin/env bash
# Local single-node Elasticsearch for developing and testing the blog's search, run as a plain
# process (no Docker, no systemd). It is the real server: the integ-test-zip distribution from
# Maven Central, which needs no other download site.
#
#   scripts/dev/elasticsearch.sh start [--no-wait]  # fetch + unpack on first use, start, wait until healthy
#   scripts/dev/elasticsearch.sh status   # exit 0 only if our node runs and its cluster is yellow/green
#   scripts/dev/elasticsearch.sh stop     # SIGTERM by PID, waits for the exit
#
# By default the node is a cluster of its own. Given BLOG_ES_SEED_HOSTS it is one node of a
# cluster instead (the production topology runs three): such a node cannot be healthy before a
# majority of the master-eligible nodes has started, so `start --no-wait` returns once the node
# runs and the caller waits for the whole cluster.
#
# Environment (all optional):
#   BLOG_ES_HOME            cache of unpacked distributions, shared by nodes (default /tmp/blog-es/dist)
#   BLOG_ES_DIR             this node's config, data, logs, pid file       (default /tmp/blog-es/node)
#   BLOG_ES_PORT            HTTP port on 127.0.0.1                         (default 9250)
#   BLOG_ES_TRANSPORT_PORT  transport port on 127.0.0.1                    (default 9350)
#   BLOG_ES_VERSION         distribution version                           (default 9.5.3)
#   BLOG_ES_CLUSTER         cluster.name; also names the node's log file   (default blog-dev)
#   BLOG_ES_NODE_NAME       node.name                                      (default blog-dev-1)
#   BLOG_ES_SEED_HOSTS      transport addresses of every node, comma-separated (default: none, one-node cluster)
#   BLOG_ES_MASTER_NODES    node names that bootstrap the cluster on its very first start, comma-separated
#   ES_JAVA_HOME            JDK that runs the server (the zip bundles none) (default Temurin 25)
#   ES_JAVA_OPTS            JVM options       (default -Xms256m -Xmx256m -XX:TieredStopAtLevel=1)
#
# The integ-test zip is a minimal distribution: only core analyzers (standard, simple, whitespace,
# stop, keyword), no painless, no english/cjk analyzers, and GET / answers 405. Readiness is
# therefore checked with /_cluster/health, and clients should do the same (not ping()/info()).
#
# This is a development tool: security is off, it listens on 127.0.0.1 only, and its data lives
# under /tmp by default (a reboot may wipe it).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=${BLOG_ES_VERSION:-9.5.3}
DIST_CACHE=${BLOG_ES_HOME:-/tmp/blog-es/dist}
BASE=${BLOG_ES_DIR:-/tmp/blog-es/node}
PORT=${BLOG_ES_PORT:-9250}
TRANSPORT_PORT=${BLOG_ES_TRANSPORT_PORT:-9350}
export ES_JAVA_HOME=${ES_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# TieredStopAtLevel=1 (C1 only) roughly halves JIT CPU during startup on a 2-core box; the price
# is that Lucene cannot use the vector incubator API (a WARN in the log), irrelevant for dev data.
export ES_JAVA_OPTS=${ES_JAVA_OPTS:--Xms256m -Xmx256m -XX:TieredStopAtLevel=1}
CLUSTER=${BLOG_ES_CLUSTER:-blog-dev}
NODE_NAME=${BLOG_ES_NODE_NAME:-blog-dev-1}
SEED_HOSTS=${BLOG_ES_SEED_HOSTS:-}
MASTER_NODES=${BLOG_ES_MASTER_NODES:-}
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip"
ES_HOME="$DIST_CACHE/elasticsearch-$VERSION"
PIDFILE="$BASE/elasticsearch.pid"

# Elasticsearch refuses to run as root. It runs as nobody:nogroup, which therefore owns its home,
# config, data and logs, and must be able to traverse every parent directory of them.
ES_UID=65534
ES_GID=65534

STARTUP_TIMEOUT_S=120  # usually 10-30 s here; two minutes means "broken", not "slow"
SHUTDOWN_TIMEOUT_S=60

T0=$(date +%s%N)
elapsed_s() { echo "$(( ($(date +%s%N) - T0) / 1000000000 ))s"; }
log() { echo "elasticsearch: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_es() { setpriv --reuid=$ES_UID --regid=$ES_GID --clear-groups "$@"; }

port_busy() { ss -ltnH "sport = :$1" | grep -q .; }

health_url() { echo "http://127.0.0.1:$PORT/_cluster/health$1"; }

# Healthy = the cluster reports yellow or green. wait_for_status makes the server answer 408 (a
# curl failure with -f) instead of 200 while still red, so a red cluster is never "ready".
healthy() {
  curl -fsS -m 3 "$(health_url '?wait_for_status=yellow&timeout=1s')" 2>/dev/null \
    | grep -Eq '"status":"(green|yellow)"'
}

# A pid file alone is not proof: after a crash or reboot the PID may belong to something else.
# Only count it as ours if it is an Elasticsearch server JVM whose working directory is this
# node's log directory (the launcher starts the server there, so it is unique per node).
running_pid() {
  local pid
  [[ -s $PIDFILE ]] || return 1
  pid=$(<"$PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  # Not a pipe into grep -q: grep leaving at the match can kill tr with SIGPIPE, which pipefail
  # reports as a failure, and a running node would be taken for a stopped one.
  grep -qx 'org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch' < <(tr '\0' '\n' <"/proc/$pid/cmdline") || return 1
  [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$BASE/logs" ]] || return 1
  echo "$pid"
}

# "Exited" includes zombie: the daemonised server's parent is PID 1, which on this VM reaps only
# every ~1.5 s; kill -0 would still succeed on the zombie.
alive() {
  local st
  st=$(<"/proc/$1/stat") 2>/dev/null || return 1
  st=${st##*) }
  [[ ${st%% *} != Z ]]
}

# The zip is fetched with Maven because Maven Central is the one artifact source reachable from
# here (and in CI); it lands in ~/.m2 as well, so a later unpack (new BLOG_ES_HOME) is offline.
fetch_and_unpack() {
  [[ -x $ES_HOME/bin/elasticsearch ]] && return 0
  mkdir -p "$DIST_CACHE"
  # Two nodes starting at once share the cache: only one may unpack, the other waits for it.
  exec 8>"$DIST_CACHE/.unpack.lock"
  flock -w 600 8 || die "timed out waiting for another unpack of $ES_HOME"
  if [[ ! -x $ES_HOME/bin/elasticsearch ]]; then
    local mvn=(mvn) tmp="$DIST_CACHE/.download-$$"
    [[ -x $ROOT/mvnw ]] && mvn=("$ROOT/mvnw")
    rm -rf "$tmp" && mkdir -p "$tmp"
    log "fetching $ARTIFACT (about 130 MB on first use)"
    # Run from the empty download dir: in the project root, Maven would resolve the blog's own
    # reactor first. mvnw finds its wrapper properties next to itself, not in the working dir.
    if ! (cd "$tmp" && JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} \
            "${mvn[@]}" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact="$ARTIFACT" -DoutputDirectory="$tmp" -Dmdep.overWriteReleases=true \
            >"$DIST_CACHE/fetch.log" 2>&1); then
      tail -20 "$DIST_CACHE/fetch.log" >&2
      rm -rf "$tmp"
      die "could not fetch $ARTIFACT (log: $DIST_CACHE/fetch.log)"
    fi
    # Unpack into the scratch dir and rename at the end, so an interrupted unpack never leaves a
    # half-filled home that a later start would take for a good one.
    unzip -q "$tmp/elasticsearch-$VERSION.zip" -d "$tmp/unpacked" || die "unzip failed"
    chown -R $ES_UID:$ES_GID "$tmp/unpacked/elasticsearch-$VERSION"
    mv "$tmp/unpacked/elasticsearch-$VERSION" "$ES_HOME"
    rm -rf "$tmp"
    log "unpacked into $ES_HOME ($(elapsed_s))"
  fi
  exec 8>&-
}

# One node: no discovery, no replicas to wait for. Several: they find each other at the seed
# addresses; the named masters bootstrap the cluster once, on its first start (a node that already
# holds cluster state ignores the setting). Bootstrap checks are not enforced on loopback.
discovery() {
  if [[ -z $SEED_HOSTS ]]; then
    echo "discovery.type: single-node"
    return
  fi
  echo "discovery.seed_hosts: [${SEED_HOSTS}]"
  [[ -z $MASTER_NODES ]] || echo "cluster.initial_master_nodes: [${MASTER_NODES}]"
}

# Per-node config dir (ES_PATH_CONF), so one unpacked distribution serves nodes with different
# ports and data dirs. The dist's defaults (jvm.options, log4j2.properties) are copied on first
# use and then left alone; elasticsearch.yml is rewritten on each start so env changes apply.
write_config() {
  mkdir -p "$BASE/config" "$BASE/data" "$BASE/logs" "$BASE/tmp"
  [[ -f $BASE/config/jvm.options ]] || cp -r "$ES_HOME/config/." "$BASE/config/"
  cat >"$BASE/config/elasticsearch.yml" <<EOF
# Written by scripts/dev/elasticsearch.sh on every start; edit the script, not this file.
cluster.name: $CLUSTER
node.name: $NODE_NAME
path.data: $BASE/data
path.logs: $BASE/logs
$(discovery)
network.host: 127.0.0.1
http.port: $PORT
transport.port: $TRANSPORT_PORT
# Plain HTTP without users: a local dev node only.
xpack.security.enabled: false
# Dev disks are often >90 % full; the default watermarks would then make every index read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# Lets tests drop indices by wildcard (DELETE /posts-*).
action.destructive_requires_name: false
EOF
  # Everything the server writes (data, logs, keystore in config/, java.io.tmpdir) is this node's
  # and owned by the server user. Our own ES_TMPDIR keeps ES from leaving /tmp/elasticsearch-* dirs.
  chown $ES_UID:$ES_GID "$BASE"
  chown -R $ES_UID:$ES_GID "$BASE/config" "$BASE/tmp"
  chown $ES_UID:$ES_GID "$BASE/data" "$BASE/logs"
}

# Check access as the server user before launching: a parent dir it cannot traverse (e.g. under
# /root) otherwise shows up as an obscure AccessDeniedException deep in the startup log.
check_access() {
  local p
  for p in "$ES_HOME/bin/elasticsearch" "$BASE/data" "$BASE/logs" "$BASE/config"; do
    if ! as_es test -r "$p"; then
      # Name the top-most directory that blocks, walking down from /.
      local d="" part
      local IFS=/
      for part in ${p#/}; do
        d+="/$part"
        [[ $d == "$p" ]] && break
        as_es test -x "$d" || die "uid $ES_UID cannot traverse $d (needed for $p); choose dirs outside it"
      done
      die "uid $ES_UID cannot read $p"
    fi
  done
  as_es test -w "$BASE/data" || die "uid $ES_UID cannot write $BASE/data"
  [[ -x $ES_JAVA_HOME/bin/java ]] || die "no JDK at ES_JAVA_HOME=$ES_JAVA_HOME"
}

wait_healthy() {
  local i
  for ((i = 0; i < STARTUP_TIMEOUT_S * 2; i++)); do
    healthy && return 0
    if ! running_pid >/dev/null && (( i > 10 )); then
      tail -20 "$BASE/logs/$CLUSTER.log" >&2 2>/dev/null || true
      die "elasticsearch exited during startup (logs: $BASE/logs)"
    fi
    sleep 0.5
  done
  die "elasticsearch not healthy after ${STARTUP_TIMEOUT_S}s: $(curl -sS -m 3 "$(health_url '')" 2>&1)"
}

cmd_start() { # $1 = --no-wait or empty
  local wait=yes
  [[ ${1:-} == --no-wait ]] && wait=no
  [[ $PORT != "$TRANSPORT_PORT" ]] || die "http and transport port are both $PORT"
  mkdir -p "$BASE"
  # One start/stop per node at a time (the lock file is root's, the server never touches it).
  exec 9>"$BASE/.lock"
  flock -w 300 9 || die "another start/stop of $BASE is in progress"

  local pid
  if pid=$(running_pid); then
    # Running but maybe still starting (e.g. an interrupted start): wait rather than fail.
    [[ $wait == no ]] || wait_healthy
    echo "elasticsearch already running on 127.0.0.1:$PORT (pid $pid)"
    return 0
  fi

  # Before launching: a busy port makes ES fail only after ~10 s of startup, with a BindException
  # buried in its log.
  local p
  for p in "$PORT" "$TRANSPORT_PORT"; do
    port_busy "$p" && die "port $p is already in use on this machine (set BLOG_ES_PORT / BLOG_ES_TRANSPORT_PORT)"
  done

  fetch_and_unpack
  write_config
  check_access
  rm -f "$PIDFILE"   # stale from a crash; running_pid would reject it anyway

  # -d: the launcher starts the server JVM, waits until it is started (or failed), then exits,
  # leaving the server detached (its parent becomes PID 1); -p makes the server write its PID.
  # setsid -w: a new session, so the server never gets the caller's terminal hang-up, while we
  # still wait for the launcher and see its exit code. The launcher copies the server log to its
  # stdout until the node is up; that goes to launcher.out. JAVA_HOME is dropped because ES warns
  # that it ignores it (ES_JAVA_HOME is what counts). cd: the caller's cwd may be unreadable to
  # the server user.
  log "starting $VERSION on 127.0.0.1:$PORT (transport $TRANSPORT_PORT) as uid $ES_UID"
  if ! (cd "$BASE" && env -u JAVA_HOME ES_PATH_CONF="$BASE/config" ES_TMPDIR="$BASE/tmp" \
          timeout "$STARTUP_TIMEOUT_S" setsid -w setpriv --reuid=$ES_UID --regid=$ES_GID --clear-groups \
          "$ES_HOME/bin/elasticsearch" -d -p "$PIDFILE" </dev/null >"$BASE/launcher.out" 2>&1); then
    # The cause is in the last lines that are not stack frames (JVM or ES error messages).
    grep -Ev '^[[:space:]]+(at |\.\.\. )' "$BASE/launcher.out" | grep . | tail -12 >&2 || true
    if pid=$(running_pid); then kill "$pid" 2>/dev/null || true; fi
    die "elasticsearch failed to start (output: $BASE/launcher.out, logs: $BASE/logs)"
  fi
  if [[ $wait == no ]]; then
    echo "elasticsearch $NODE_NAME started on 127.0.0.1:$PORT ($(elapsed_s)); not waiting for its cluster"
    return 0
  fi
  wait_healthy
  echo "elasticsearch ready on 127.0.0.1:$PORT ($(elapsed_s))"
}

cmd_stop() {
  [[ -d $BASE ]] || { log "not running (no $BASE)"; return 0; }
  exec 9>"$BASE/.lock"
  flock -w 300 9 || die "another start/stop of $BASE is in progress"
  local pid
  if ! pid=$(running_pid); then
    log "not running"
    return 0
  fi
  # It may have exited since running_pid looked (a crash, a kill): then there is nothing to wait for.
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + SHUTDOWN_TIMEOUT_S ))
  while alive "$pid"; do
    (( $(date +%s) < deadline )) || die "pid $pid still running after ${SHUTDOWN_TIMEOUT_S}s (logs: $BASE/logs)"
    sleep 0.1
  done
  rm -f "$PIDFILE"   # ES removes it on a clean exit; this covers the rest
  echo "elasticsearch stopped ($(( ($(date +%s%N) - T0) / 1000000 )) ms)"
}

cmd_status() {
  local pid
  if ! pid=$(running_pid); then
    echo "elasticsearch: stopped"
    exit 3
  fi
  if healthy; then
    local st
    st=$(curl -sS -m 3 "$(health_url '')" | grep -Eo '"status":"[a-z]+"' || true)
    st=${st#\"status\":\"}
    echo "elasticsearch: running (pid $pid) on 127.0.0.1:$PORT, cluster ${st%\"}"
    exit 0
  fi
  echo "elasticsearch: running (pid $pid) but not healthy on 127.0.0.1:$PORT"
  exit 3   # LSB "not running": not usable yet
}

case ${1:-} in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start [--no-wait]|stop|status" >&2; exit 2 ;;
esac
