#!/usr/bin/env bash
# The database writer is gone (crashed, killed, its host lost): makes the replica the writer.
# It applies everything it received first (with semi-synchronous replication that is every commit
# a client was told about), stops replicating, fences the old writer (it will not start again by
# itself; rejoin-replica.sh brings it back) and takes writes.
#
# The services need nothing: their write URL lists both nodes (MariaDB Connector/J's sequential
# mode), so new connections reach the promoted node as soon as the old one stops answering. Until
# this runs, writes fail with 503 and reads go on from the replica. An operator runs it, not a
# watchdog: only a person can tell a dead primary from one cut off but still writing.
#
#   scripts/maintenance/promote-replica.sh
#
# Refuses when the writer still runs: promotion replaces a dead writer, it never makes two.
set -euo pipefail
usage() { echo "usage: $0" >&2; exit 2; }
(( $# == 0 )) || usage
log() { echo "promote-replica: $*"; }
die() { echo "promote-replica: FAILED: $*" >&2; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"

old=$(scripts/dev/mariadb-pair.sh writer)
out=$(scripts/dev/mariadb-pair.sh promote 2>&1) || die "${out##*ERROR: }"
log "$out"
log "writes go to 127.0.0.1:$(db_port "$(scripts/dev/mariadb-pair.sh writer)") now; once $old's host is back, run scripts/maintenance/rejoin-replica.sh"
