# Shared by the scripts in scripts/maintenance: the env file's settings (through
# scripts/deployment/lib.sh) and the backup code they all run. Sourced, not run.
MAINTENANCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../deployment/lib.sh
source "$MAINTENANCE_DIR/../deployment/lib.sh"

# Runs one command of blog_backup.py (backups, restores, the binlog archive) with the env file's
# settings; its errors are one line on stderr and exit 1.
backup_tool() {
  load_env
  command -v python3 >/dev/null || die "python3 is not installed (Debian: python3)"
  BLOG_BACKUP_PROG=$(basename "$0" .sh) exec python3 "$MAINTENANCE_DIR/blog_backup.py" "$@"
}
