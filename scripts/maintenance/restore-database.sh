#!/usr/bin/env bash
# Restores a backup into a new data directory or a scratch server, never over a live one:
# checks its SHA-256 sums, unpacks and prepares the copy, and replays the archived binlogs of the
# primary up to a point in time or a GTID. --verify restores it into a throwaway server, compares
# row counts and CHECKSUM TABLE with the manifest and records the result there.
#
#   scripts/maintenance/restore-database.sh BACKUP [--to-time T | --to-gtid G] [--target DIR|PORT] [--force]
#   scripts/maintenance/restore-database.sh BACKUP --verify
#
#   BACKUP      an id from backup-database.sh --list, its folder, latest or latest-verified
#   --to-time   UTC, e.g. 2026-12-05T06:40:45Z: every transaction committed before that second
#   --to-gtid   up to and including that GTID of the primary (e.g. 0-1-4711)
#   --target    a new folder (gets data/), or a free port: the restored server keeps running there
#               (default: a new folder under $BLOG_PROD_DIR/restores)
#   --force     move a non-empty target folder aside instead of refusing
#   --progress=plain|json
set -euo pipefail
usage() { echo "usage: $0 BACKUP [--to-time T | --to-gtid G] [--target DIR|PORT] [--force] [--verify] [--progress=plain|json]" >&2; exit 2; }
(( $# )) || usage
die() { echo "restore-database: $*" >&2; exit 1; }
[[ $1 == -h || $1 == --help ]] && usage
[[ $1 == -* ]] && { echo "restore-database: the first argument is the backup, not '$1'" >&2; usage; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
backup_tool restore "$@"
