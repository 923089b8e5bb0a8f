#!/usr/bin/env bash
# A hot backup of all three schemas and of Redis while the services keep writing: the replica is
# paused, copied with mariadb-backup, its tables counted and checksummed, and resumed (the primary
# never waits). One folder per backup under $BLOG_BACKUP_DIR with the compressed data, SHA256SUMS
# and manifest.json; then retention (BLOG_BACKUP_KEEP_DAILY / _WEEKLY, never the newest verified
# backup) and the metrics Prometheus reads. Everything lives in blog_backup.py.
#
#   scripts/maintenance/backup-database.sh [--progress=plain|json]   # back up now
#   scripts/maintenance/backup-database.sh --list [--json]           # the catalogue
#   scripts/maintenance/backup-database.sh --retention-only          # apply retention, nothing else
set -euo pipefail
usage() { echo "usage: $0 [--progress=plain|json] | --list [--json] | --retention-only" >&2; exit 2; }
die() { echo "backup-database: $*" >&2; exit 1; }
for arg in "$@"; do
  case $arg in
    --progress=plain | --progress=json | --list | --json | --retention-only) ;;
    -h | --help) usage ;;
    *) echo "backup-database: unknown argument '$arg'" >&2; usage ;;
  esac
done
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
backup_tool backup "$@"
