#!/usr/bin/env bash
# Local MariaDB primary + read replica (GTID replication) for developing and testing the blog
# services' read/write split, run as two plain mariadbd processes (no Docker, no systemd).
#
#   scripts/dev/mariadb-pair.sh start    # init on first use, start, wait until the replica caught up
#   scripts/dev/mariadb-pair.sh status   # exit 0 only if both servers run and replication is healthy
#   scripts/dev/mariadb-pair.sh stop [primary|replica]   # clean shutdown (SIGTERM) by PID, waits for exit
#   scripts/dev/mariadb-pair.sh sql primary|replica "SQL"  # run SQL as the local admin (tests use it to
#                                                           # delay or stop replication)
#   scripts/dev/mariadb-pair.sh writer              # print the node that takes writes
#   scripts/dev/mariadb-pair.sh promote             # the writer is gone: make the other node the writer
#   scripts/dev/mariadb-pair.sh rejoin              # the fenced former writer: replica, then writer again
#
# Nodes and roles: the two nodes are named after the role they start in ("primary", "replica"; their
# folders, sockets and ports keep those names). Which one takes writes is written in the file
# "writer" (primary until a promotion). Every node starts read-only and only the writer is then made
# writable, so a node that comes back after a failover never takes writes by itself; the former
# writer is moreover "fenced" (<node>.fenced): start refuses it until rejoin turns it into a replica
# of the new writer by GTID and, once it has caught up, hands it the writer role back.
# scripts/maintenance/promote-replica.sh and rejoin-replica.sh are the operator's commands.
#
# Environment (all optional):
#   BLOG_DB_PAIR_DIR        data, logs, sockets, pid files      (default /tmp/blog-mariadb-pair)
#   BLOG_DB_PRIMARY_PORT    primary TCP port on 127.0.0.1        (default 3307)
#   BLOG_DB_REPLICA_PORT    replica TCP port on 127.0.0.1        (default 3308)
#   BLOG_USERS_DB_PASSWORD / BLOG_POSTS_DB_PASSWORD / BLOG_COMMENTS_DB_PASSWORD / BLOG_REPL_PASSWORD /
#   BLOG_EXPORTER_DB_PASSWORD
#   BLOG_DB_SLOW_QUERY_SECONDS  statements slower than this go to <role>-slow.log (default 1)
#   BLOG_DB_SEMI_SYNC_TIMEOUT_MS  how long a commit waits for the replica's acknowledgement before
#                           the primary falls back to asynchronous replication (default 1000)
#   BLOG_DB_DENIED_LIST_TIMEOUT_MS  how long the services' driver skips a node that failed
#                           (their JDBC URLs' deniedListTimeout; default 1000)
#
# Accounts: blog_users, blog_posts, blog_comments (one per service, each limited to its own schema)
# and repl (replication). Administrative access is root over the Unix socket only (socket auth, no
# password), e.g.  mariadb --no-defaults --socket="$BLOG_DB_PAIR_DIR/primary.sock" -uroot
#
# This is a development tool: data lives in BLOG_DB_PAIR_DIR (default under /tmp, so a reboot may
# wipe it); passwords have dev defaults. It never touches the system MariaDB on 3306.
set -euo pipefail

BASE=${BLOG_DB_PAIR_DIR:-/tmp/blog-mariadb-pair}
PRIMARY_PORT=${BLOG_DB_PRIMARY_PORT:-3307}
REPLICA_PORT=${BLOG_DB_REPLICA_PORT:-3308}
USERS_PW=${BLOG_USERS_DB_PASSWORD:-users-dev-pw}
POSTS_PW=${BLOG_POSTS_DB_PASSWORD:-posts-dev-pw}
COMMENTS_PW=${BLOG_COMMENTS_DB_PASSWORD:-comments-dev-pw}
REPL_PW=${BLOG_REPL_PASSWORD:-repl-dev-pw}
EXPORTER_PW=${BLOG_EXPORTER_DB_PASSWORD:-exporter-dev-pw}
SLOW_QUERY_SECONDS=${BLOG_DB_SLOW_QUERY_SECONDS:-1}
SEMI_SYNC_TIMEOUT_MS=${BLOG_DB_SEMI_SYNC_TIMEOUT_MS:-1000}
DENIED_LIST_TIMEOUT_MS=${BLOG_DB_DENIED_LIST_TIMEOUT_MS:-1000}

STARTUP_TIMEOUT_S=60   # first InnoDB init on a busy 2-core box takes a few seconds; 60 s means "broken"
CATCHUP_TIMEOUT_S=30
SHUTDOWN_TIMEOUT_S=60  # a clean InnoDB shutdown can take a while after heavy writes; never SIGKILL

# mariadbd refuses to run as root unless told to; as any other user --user must name that user.
RUN_USER=$(id -un)
READY_MARKER="$BASE/.bootstrapped"

T0=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }
log() { echo "mariadb-pair: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --no-defaults everywhere: /etc/mysql/my.cnf belongs to the system server on 3306 (its datadir,
# socket, pid file and port) and must not leak into this pair.
admin() { # $1 = primary|replica; SQL on stdin or as further args (kept off argv when it holds secrets)
  local role=$1; shift
  mariadb --no-defaults --socket="$BASE/$role.sock" -u"$RUN_USER" --batch --skip-column-names "$@"
}

# Escape a value for a single-quoted SQL string literal, so passwords from the environment can
# contain quotes or backslashes without breaking (or injecting into) the bootstrap SQL.
sql_str() { local s=${1//\\/\\\\}; s=${s//\'/\\\'}; printf "'%s'" "$s"; }

port_of() { [[ $1 == primary ]] && echo "$PRIMARY_PORT" || echo "$REPLICA_PORT"; }
other_node() { [[ $1 == primary ]] && echo replica || echo primary; }
writer() { if [[ -s $BASE/writer ]]; then cat "$BASE/writer"; else echo primary; fi; }
# A node's server id changes when it rejoins: replication skips events carrying the replica's own
# id, and a former writer must apply its own last transactions again when they come back from the
# new writer (its crash recovery rolled them back, see launch).
server_id() { if [[ -s $BASE/$1.server-id ]]; then cat "$BASE/$1.server-id"; elif [[ $1 == primary ]]; then echo 1; else echo 2; fi; }

# A pid file alone is not proof: after a crash or reboot the PID may belong to something else.
# Only count it as ours if that process is mariadbd running on our datadir.
running_pid() { # $1 = role; prints the PID and succeeds only if our mariadbd is alive
  local pidfile="$BASE/$1.pid" pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "--datadir=$BASE/$1" || return 1
  echo "$pid"
}

# "Exited" includes zombie: the servers are detached (setsid), so their parent is PID 1, and on
# some init systems (this VM's included) PID 1 reaps only every ~1.5 s. kill -0 would still
# succeed on the zombie and make every stop look 1.5 s slower than the real shutdown.
alive() {
  local st
  st=$(<"/proc/$1/stat") 2>/dev/null || return 1
  st=${st##*) }            # state is the first field after "(comm) "
  [[ ${st%% *} != Z ]]
}

port_busy() { ss -ltnH "sport = :$1" | grep -q .; }

init_datadir() { # $1 = role
  local role=$1 dir="$BASE/$1"
  [[ -d $dir/mysql ]] && return 0
  # Initialise into a scratch dir and rename at the end, so an interrupted install can never
  # leave a half-built datadir that a later start would mistake for a good one.
  rm -rf "$dir.init"
  # Each server gets its own tmpdir: two bootstraps sharing /tmp collide on temporary-table
  # names and one aborts ("Unknown table 'mysql.tmp_user_sys'"), seen when both run at once.
  mkdir -p "$BASE/$role.tmp"
  # socket auth for root: no passwordless root over TCP, yet this script (same OS user) gets in.
  if ! mariadb-install-db --no-defaults --user="$RUN_USER" --datadir="$dir.init" --tmpdir="$BASE/$role.tmp" \
         --auth-root-authentication-method=socket --auth-root-socket-user="$RUN_USER" \
         --skip-test-db --skip-name-resolve >"$BASE/$role-install.log" 2>&1; then
    grep -E '\[ERROR\]|^ERROR' "$BASE/$role-install.log" >&2 || tail -20 "$BASE/$role-install.log" >&2
    die "mariadb-install-db failed for $role (log: $BASE/$role-install.log)"
  fi
  mv "$dir.init" "$dir"
  rm -f "$READY_MARKER"   # a new datadir has no accounts yet
}

launch() { # $1 = node; further args = node-specific mariadbd options
  local node=$1 dir="$BASE/$1" port role=SLAVE; shift
  port=$(port_of "$node")
  [[ $node == "$(writer)" ]] && role=MASTER
  # Semi-synchronous replication: a commit on the writer is acknowledged to the client only once
  # the replica has it in its relay log. AFTER_SYNC waits before the commit becomes visible to
  # anyone, so no reader ever sees a write that a failover could lose. A replica that does not
  # acknowledge within the timeout (stopped, cut off) turns the writer asynchronous until it has
  # caught up again: writes go on, without the guarantee, which rpl_semi_sync_master_status
  # reports (health check, alert MariaDBSemiSyncOff). The waiting side is switched on at runtime
  # on whichever node is the writer (make_writer).
  # --init-rpl-role=SLAVE on every node but the writer: a former writer that crashed may hold
  # transactions in its binlog that no replica acknowledged (no client was told they committed
  # either); started as a semi-sync replica it rolls them back and truncates its binlog, so it
  # can follow the new writer by GTID instead of diverging from it.
  local semi_sync=(--rpl-semi-sync-slave-enabled=ON --rpl-semi-sync-master-wait-point=AFTER_SYNC
    --rpl-semi-sync-master-timeout="$SEMI_SYNC_TIMEOUT_MS" --rpl-semi-sync-master-enabled=OFF --init-rpl-role="$role")
  mkdir -p "$BASE/$node.tmp"
  # setsid: the servers must outlive this script and not die with the caller's terminal/job.
  # The tiny bash wrapper writes its own PID and then execs mariadbd (same PID), so the pid file
  # is right from the first instant, not only once mariadbd gets round to writing it, and a
  # crash early in startup is noticed at once instead of after the full timeout.
  # Both nodes write a binlog of what they apply (log-slave-updates), so either can be promoted
  # with its GTID history intact. read_only blocks ordinary accounts only; the replication
  # threads still apply changes.
  # shellcheck disable=SC2016  # $$ and "$@" must expand in the inner bash, not here
  setsid -f bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$BASE/$node.pid" \
    mariadbd --no-defaults --user="$RUN_USER" --datadir="$dir" --tmpdir="$BASE/$node.tmp" \
      --socket="$BASE/$node.sock" --pid-file="$BASE/$node.pid" --log-error="$BASE/$node.err" \
      --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
      --server-id="$(server_id "$node")" --gtid-domain-id=0 --binlog-format=ROW \
      --log-bin="$dir/$node-bin" --log-slave-updates --relay-log="$dir/$node-relay" --read-only=ON \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      --innodb-buffer-pool-size=128M \
      --slow-query-log=ON --slow-query-log-file="$BASE/$node-slow.log" --long-query-time="$SLOW_QUERY_SECONDS" \
      "${semi_sync[@]}" "$@" </dev/null >>"$BASE/$node.out" 2>&1
}

make_writer() { # $1 = node: takes writes from now on, and waits for its replica's acknowledgements
  admin "$1" <<<"SET GLOBAL rpl_semi_sync_master_enabled = ON; SET GLOBAL read_only = OFF;" \
    || die "could not make $1 writable"
}

wait_up() { # $1 = role
  local role=$1 i pid
  for ((i = 0; i < STARTUP_TIMEOUT_S * 10; i++)); do
    # ping succeeds once the socket accepts logins (even "access denied" would count as alive,
    # but root via socket auth always gets in, so success here means really usable)
    mariadb-admin --no-defaults --socket="$BASE/$role.sock" -u"$RUN_USER" ping >/dev/null 2>&1 && return 0
    if ! pid=$(running_pid "$role") && (( i > 5 )); then
      tail -15 "$BASE/$role.err" >&2 2>/dev/null || true
      die "$role mariadbd exited during startup (log: $BASE/$role.err)"
    fi
    sleep 0.1
  done
  die "$role not answering after ${STARTUP_TIMEOUT_S}s (log: $BASE/$role.err)"
}

# Idempotent, so it runs on every real start: a fresh pair gets everything, an existing pair picks
# up changed passwords. All account changes happen on the primary only and reach the replica
# through replication, so both have identical credentials and the replica's GTID history stays a
# pure copy of the primary's (nothing is ever written on the replica directly).
# The services' schemas, each with an account of the same name (blog_<schema>).
SERVICE_SCHEMAS=(users posts comments)

bootstrap_writer() {
  local sql="" svc pw host
  for svc in "${SERVICE_SCHEMAS[@]}"; do
    case $svc in users) pw=$USERS_PW ;; posts) pw=$POSTS_PW ;; comments) pw=$COMMENTS_PW ;; esac
    sql+="CREATE DATABASE IF NOT EXISTS blog_$svc CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"$'\n'
    # Both hosts: with skip-name-resolve, TCP clients match '127.0.0.1' and socket clients 'localhost'.
    for host in 127.0.0.1 localhost; do
      sql+="CREATE USER IF NOT EXISTS 'blog_$svc'@'$host' IDENTIFIED BY $(sql_str "$pw");"$'\n'
      sql+="ALTER USER 'blog_$svc'@'$host' IDENTIFIED BY $(sql_str "$pw");"$'\n'
      # ALL on its own schema only (no GRANT OPTION, nothing on other schemas). The two global
      # privileges are read-only monitoring rights so the service can measure replica lag itself:
      # SLAVE MONITOR allows SHOW REPLICA STATUS, BINLOG MONITOR allows reading binlog/GTID state.
      # Neither lets it bypass read_only (that would be READ_ONLY ADMIN or SUPER).
      sql+="GRANT ALL PRIVILEGES ON blog_$svc.* TO 'blog_$svc'@'$host';"$'\n'
      sql+="GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'blog_$svc'@'$host';"$'\n'
    done
  done
  # The Prometheus mysqld exporters: status and replication state only, no data of any schema,
  # at most 6 connections (the two exporters and the operations console share it).
  sql+="CREATE USER IF NOT EXISTS 'blog_exporter'@'127.0.0.1' IDENTIFIED BY $(sql_str "$EXPORTER_PW") WITH MAX_USER_CONNECTIONS 6;"$'\n'
  sql+="ALTER USER 'blog_exporter'@'127.0.0.1' IDENTIFIED BY $(sql_str "$EXPORTER_PW") WITH MAX_USER_CONNECTIONS 6;"$'\n'
  sql+="GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR ON *.* TO 'blog_exporter'@'127.0.0.1';"$'\n'
  sql+="CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY $(sql_str "$REPL_PW");"$'\n'
  sql+="ALTER USER 'repl'@'127.0.0.1' IDENTIFIED BY $(sql_str "$REPL_PW");"$'\n'
  # BINLOG MONITOR: the binlog archiver (scripts/maintenance) lists the primary's binlogs with it.
  sql+="GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'repl'@'127.0.0.1';"$'\n'
  admin "$(writer)" <<<"$sql" || die "bootstrap SQL failed on $(writer)"
}

configure_replica() { # $1 = node: replicates from the writer
  # Re-pointing on every start keeps port/password changes effective. The applied position is
  # kept in mysql.gtid_slave_pos, so slave_pos makes this resume exactly where it stopped (a fresh
  # replica starts at the writer's first binlog, which holds the whole bootstrap).
  admin "$1" <<SQL || die "CHANGE MASTER failed on $1"
STOP SLAVE;
CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$(port_of "$(writer)"),
  MASTER_USER='repl', MASTER_PASSWORD=$(sql_str "$REPL_PW"),
  MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
START SLAVE;
SQL
}

wait_caught_up() { # $1 = replica node
  local gtid res
  gtid=$(admin "$(writer)" -e "SELECT @@GLOBAL.gtid_binlog_pos")
  # MASTER_GTID_WAIT: 0 = reached, -1 = timeout. Waiting on the writer's position (not on a
  # sleep or on Seconds_Behind_Master, which reads 0 while the IO thread is still connecting)
  # is what makes "ready" mean "a read on the replica sees everything written so far".
  res=$(admin "$1" -e "SELECT MASTER_GTID_WAIT('$gtid', $CATCHUP_TIMEOUT_S)")
  if [[ $res != 0 ]]; then
    admin "$1" --column-names -e "SHOW SLAVE STATUS\G" | grep -E 'Running|Last_.*Error|Gtid' >&2 || true
    die "$1 did not reach the writer's GTID '$gtid' within ${CATCHUP_TIMEOUT_S}s"
  fi
  echo "$gtid"
}

cmd_start() {
  mkdir -p "$BASE"
  # Unix socket paths are limited to 107 bytes; mariadbd would fail with an obscure error.
  (( ${#BASE} + 14 <= 107 )) || die "BLOG_DB_PAIR_DIR too long for a Unix socket path: $BASE"
  [[ $PRIMARY_PORT != "$REPLICA_PORT" ]] || die "primary and replica port are both $PRIMARY_PORT"

  local role to_start=() pid
  for role in primary replica; do
    if pid=$(running_pid "$role"); then
      log "$role already running (pid $pid)"
    else
      to_start+=("$role")
    fi
  done
  # "Running" is only "ready" if a start once got all the way through; a start interrupted after
  # launching (Ctrl-C, timeout) leaves live servers without accounts, so finish the job instead.
  if (( ${#to_start[@]} == 0 )) && [[ -f $READY_MARKER ]]; then
    echo "mariadb pair already running: primary 127.0.0.1:$PRIMARY_PORT replica 127.0.0.1:$REPLICA_PORT"
    exit 0
  fi

  # A former writer stays down until rejoin makes it a replica: started as it was, with the
  # services still listing it as a host, it would be a second copy of the data going its own way.
  for role in "${to_start[@]}"; do
    [[ ! -e $BASE/$role.fenced ]] || die "$role is fenced: it was the writer until $(writer) was promoted; scripts/maintenance/rejoin-replica.sh brings it back as a replica"
  done
  # Check before launching anything: a busy port makes mariadbd abort (errno 98) only after
  # InnoDB init, with the reason buried in its error log.
  for role in "${to_start[@]}"; do
    if port_busy "$(port_of "$role")"; then
      die "port $(port_of "$role") ($role) is already in use on this machine"
    fi
  done

  # First use: both datadirs in parallel (about 1-2 s here, mostly single-threaded work).
  local pids=()
  for role in "${to_start[@]}"; do init_datadir "$role" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || exit 1; done
  log "datadirs present ($(elapsed))"

  for role in "${to_start[@]}"; do
    rm -f "$BASE/$role.pid"   # stale from a crash; running_pid would reject it anyway
    launch "$role"
  done
  for role in primary replica; do wait_up "$role"; done
  log "both servers answer ($(elapsed))"

  local writer_node replica_node gtid
  writer_node=$(writer) replica_node=$(other_node "$(writer)")
  make_writer "$writer_node"
  bootstrap_writer
  configure_replica "$replica_node"
  gtid=$(wait_caught_up "$replica_node")
  log "$replica_node caught up with $writer_node to GTID $gtid ($(elapsed))"
  touch "$READY_MARKER"
  echo "mariadb pair ready: writer $writer_node 127.0.0.1:$(port_of "$writer_node"), replica $replica_node 127.0.0.1:$(port_of "$replica_node")"
}

# The writer is gone (crashed, killed, its host lost): the replica takes over. Everything it
# received is applied first, and with semi-synchronous replication that includes every commit a
# client was told about. The old writer is fenced before the new one takes a write.
cmd_promote() {
  local old new io_pos res pid
  old=$(writer) new=$(other_node "$(writer)")
  if pid=$(running_pid "$old"); then
    die "the writer ($old, pid $pid) is still running: promote only replaces a writer that is gone (stop or kill it first)"
  fi
  running_pid "$new" >/dev/null || die "$new is not running: there is no replica to promote"
  io_pos=$(admin "$new" --column-names -e "SHOW SLAVE STATUS\G" | awk '/^ *Gtid_IO_Pos:/{print $2}')
  admin "$new" -e "STOP SLAVE IO_THREAD" || die "could not stop $new's replication"
  if [[ -n $io_pos ]]; then
    res=$(admin "$new" -e "SELECT MASTER_GTID_WAIT('$io_pos', $CATCHUP_TIMEOUT_S)")
    [[ $res == 0 ]] || die "$new did not apply what it received (GTID $io_pos) within ${CATCHUP_TIMEOUT_S}s; it is left read-only"
  fi
  admin "$new" -e "STOP SLAVE; RESET SLAVE ALL" || die "could not end replication on $new"
  touch "$BASE/$old.fenced"
  echo "$new" >"$BASE/writer.new" && mv "$BASE/writer.new" "$BASE/writer"
  make_writer "$new"
  echo "$new is the writer (127.0.0.1:$(port_of "$new")) at GTID $(admin "$new" -e "SELECT @@GLOBAL.gtid_binlog_pos"); $old is fenced ($(elapsed))"
}

# A read-only replica of the writer, from its own last transaction: what a node wrote as the writer
# is in its binlog, not in its replica position, and the writer has all of it that was acknowledged.
follow_writer() { # $1 = node
  admin "$1" <<<"SET GLOBAL read_only = ON; SET GLOBAL rpl_semi_sync_master_enabled = OFF;
    STOP SLAVE; SET GLOBAL gtid_slave_pos = @@GLOBAL.gtid_binlog_pos;" || die "could not make $1 a read-only replica"
  configure_replica "$1"
}

# Closes the services' connections to a node that no longer takes writes: their pools check a
# connection before handing it out (validationTimeout), so each is replaced by one to the writer
# instead of failing a write. Replication and monitoring connections stay.
close_service_connections() { # $1 = node
  local accounts kills
  accounts=$(printf "'blog_%s'," "${SERVICE_SCHEMAS[@]}")
  kills=$(admin "$1" -e "SELECT CONCAT('KILL CONNECTION ', id, ';') FROM information_schema.processlist
    WHERE user IN (${accounts%,})") || die "could not list the services' connections on $1"
  # --force: one may have ended meanwhile, and its failed KILL must not skip the rest.
  [[ -z $kills ]] || admin "$1" --force <<<"$kills" 2>/dev/null || true
}

# After a promotion: the fenced former writer comes back as a replica of the new writer by GTID,
# and once it has caught up it takes the writer role back, so the nodes have their configured
# roles again. That is what the services expect: their write URL names the primary first, and a
# read-only primary answering first would turn writes away.
cmd_rejoin() {
  local node new_writer new_id gtid res
  new_writer=$(writer) node=$(other_node "$(writer)")
  running_pid "$new_writer" >/dev/null || die "the writer ($new_writer) is not running"
  [[ $new_writer != primary || -e $BASE/$node.fenced ]] || die "$node is not fenced: nothing to rejoin (status shows the roles)"
  new_id=$(( $(server_id primary) > $(server_id replica) ? $(server_id primary) + 1 : $(server_id replica) + 1 ))
  echo "$new_id" >"$BASE/$node.server-id"
  if ! running_pid "$node" >/dev/null; then
    port_busy "$(port_of "$node")" && die "port $(port_of "$node") ($node) is already in use on this machine"
    launch "$node"
    wait_up "$node"
  fi
  rm -f "$BASE/$node.fenced"
  admin "$node" -e "SET GLOBAL server_id = $new_id" || die "could not set $node's server id"
  follow_writer "$node"
  gtid=$(wait_caught_up "$node")
  log "$node replicates from $new_writer and has caught up to GTID $gtid ($(elapsed))"
  [[ $node == primary ]] || { echo "$node is a replica of $new_writer again ($(elapsed))"; return 0; }

  # Hand the writer role back: no write is taken while it moves (a few hundred milliseconds).
  admin "$new_writer" -e "SET GLOBAL read_only = ON" || die "could not make $new_writer read-only"
  gtid=$(admin "$new_writer" -e "SELECT @@GLOBAL.gtid_binlog_pos")
  res=$(admin "$node" -e "SELECT MASTER_GTID_WAIT('$gtid', $CATCHUP_TIMEOUT_S)")
  if [[ $res != 0 ]]; then
    admin "$new_writer" -e "SET GLOBAL read_only = OFF" || true
    die "$node did not reach $new_writer's GTID $gtid within ${CATCHUP_TIMEOUT_S}s; $new_writer stays the writer"
  fi
  admin "$node" -e "STOP SLAVE; RESET SLAVE ALL" || die "could not end replication on $node"
  echo "$node" >"$BASE/writer.new" && mv "$BASE/writer.new" "$BASE/writer"
  make_writer "$node"
  close_service_connections "$new_writer"
  follow_writer "$new_writer"
  gtid=$(wait_caught_up "$new_writer")
  # A service whose attempt on the primary failed shortly before (it was still starting) skips
  # it for the driver's deniedListTimeout, so in that window a new connection of its write pool
  # still reaches the demoted node; left there, it would fail a write minutes later. Once no
  # such denial can be left, those connections are closed too.
  sleep "$(( DENIED_LIST_TIMEOUT_MS / 1000 + 1 ))"
  close_service_connections "$new_writer"
  echo "$node is the writer again at GTID $gtid, $new_writer its replica ($(elapsed))"
}

cmd_stop() {
  local role pid pids=() roles=() i targets=("$@")
  (( ${#targets[@]} )) || targets=(replica primary)
  # Both at once (SIGTERM = clean InnoDB shutdown); order does not matter because the replica's
  # position is crash-safe in mysql.gtid_slave_pos and it reconnects with MASTER_CONNECT_RETRY=1.
  for role in "${targets[@]}"; do
    [[ $role == primary || $role == replica ]] || die "unknown server '$role' (primary or replica)"
    if pid=$(running_pid "$role"); then
      kill -TERM "$pid" && pids+=("$pid") && roles+=("$role")
    else
      log "$role not running"
    fi
  done
  for i in "${!pids[@]}"; do
    local deadline=$(( $(date +%s) + SHUTDOWN_TIMEOUT_S ))
    while alive "${pids[$i]}"; do
      (( $(date +%s) < deadline )) || die "${roles[$i]} (pid ${pids[$i]}) still running after ${SHUTDOWN_TIMEOUT_S}s; see $BASE/${roles[$i]}.err"
      sleep 0.1
    done
    rm -f "$BASE/${roles[$i]}.pid"
    log "${roles[$i]} stopped ($(elapsed))"
  done
  echo "mariadb ${targets[*]} stopped"
}

cmd_sql() {
  local role=${1:-} sql=${2:-}
  [[ $role == primary || $role == replica ]] && [[ -n $sql ]] || die "usage: $0 sql primary|replica \"SQL\""
  running_pid "$role" >/dev/null || die "$role is not running"
  admin "$role" -e "$sql"
}

cmd_status() {
  local role pid ok=0 st writer_node
  writer_node=$(writer)
  for role in primary replica; do
    if pid=$(running_pid "$role"); then
      echo "$role: running (pid $pid) on 127.0.0.1:$(port_of "$role"), $([[ $role == "$writer_node" ]] && echo writer || echo replica)"
    elif [[ -e $BASE/$role.fenced ]]; then
      echo "$role: stopped, fenced (rejoin it as a replica)"; ok=3
    else
      echo "$role: stopped"; ok=3
    fi
  done
  local replica_node
  replica_node=$(other_node "$writer_node")
  if running_pid "$replica_node" >/dev/null; then
    # \G output is only readable with column names, which admin() turns off for scalar queries.
    st=$(admin "$replica_node" --column-names -e "SHOW SLAVE STATUS\G" 2>/dev/null || true)
    grep -E '^ *(Slave_IO_Running|Slave_SQL_Running|Seconds_Behind_Master|Gtid_IO_Pos|Last_IO_Error|Last_SQL_Error):' <<<"$st" | sed "s/^ */  $replica_node /" || true
    grep -q 'Slave_IO_Running: Yes' <<<"$st" && grep -q 'Slave_SQL_Running: Yes' <<<"$st" || ok=3
  fi
  exit "$ok"   # 0 = both up and replicating, 3 = not (LSB "not running")
}

case ${1:-} in
  start) cmd_start ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  sql) shift; cmd_sql "$@" ;;
  writer) writer ;;
  promote) cmd_promote ;;
  rejoin) cmd_rejoin ;;
  *) echo "usage: $0 start|stop [primary|replica]|status|sql primary|replica SQL|writer|promote|rejoin" >&2; exit 2 ;;
esac
