#!/usr/bin/env bash
# After promote-replica.sh, once the former primary's host is back: the primary rejoins as a
# replica of the promoted node by GTID, catches up, and takes the writer role back.
#
# Its crash recovery first rolls back what no replica had acknowledged (no client was told of it
# either); it then follows the promoted node from its own last transaction under a new server id,
# so the transactions it rolled back come back to it from there. When it has caught up, the
# promoted node stops taking writes for the moment the role moves (a few hundred milliseconds:
# writes meanwhile get 503), and becomes the primary's replica again.
#
# The services need nothing: their write URL names the primary first, and a connection of theirs
# that still leads to the demoted node is dropped at its first refused write (Liberty treats
# MariaDB's read-only error as a stale connection), so their next connections reach the primary.
#
#   scripts/maintenance/rejoin-replica.sh
set -euo pipefail
usage() { echo "usage: $0" >&2; exit 2; }
(( $# == 0 )) || usage
log() { echo "rejoin-replica: $*"; }
die() { echo "rejoin-replica: FAILED: $*" >&2; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
cd "$DEPLOY_ROOT"

out=$(scripts/dev/mariadb-pair.sh rejoin 2>&1) || die "${out##*ERROR: }"
while read -r line; do log "${line#mariadb-pair: }"; done <<<"$out"
writer=$(scripts/dev/mariadb-pair.sh writer)
log "writer $writer (:$(db_port "$writer")); scripts/deployment/health-check.sh shows both nodes"
