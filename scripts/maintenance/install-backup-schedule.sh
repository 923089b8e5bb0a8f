#!/usr/bin/env bash
# Installs the daily backup schedule of the host topology as a cron.d file: backup-database.sh,
# then restore-database.sh latest --verify, at BLOG_BACKUP_SCHEDULE (env file, default
# "30 2 * * *", the host's time zone). Debian's cron runs it; on Kubernetes containers/k8s/base/backup-cronjob.yaml
# does the same.
#
#   scripts/maintenance/install-backup-schedule.sh [--cron-dir DIR]   # default /etc/cron.d
set -euo pipefail
usage() { echo "usage: $0 [--cron-dir DIR]" >&2; exit 2; }
die() { echo "install-backup-schedule: $*" >&2; exit 1; }
cron_dir=/etc/cron.d
while (( $# )); do
  case $1 in
    --cron-dir) [[ $# -ge 2 ]] || usage; cron_dir=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "install-backup-schedule: unknown argument '$1'" >&2; usage ;;
  esac
done
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
load_env
BLOG_BACKUP_SCHEDULE=${BLOG_BACKUP_SCHEDULE:-30 2 * * *}
[[ $BLOG_BACKUP_SCHEDULE =~ ^([^[:space:]]+[[:space:]]+){4}[^[:space:]]+$ ]] \
  || die "BLOG_BACKUP_SCHEDULE must be five cron fields, not '$BLOG_BACKUP_SCHEDULE'"
[[ -d $cron_dir ]] || die "no folder $cron_dir (install Debian's cron, or pass --cron-dir)"
mkdir -p "$BLOG_BACKUP_DIR"
BLOG_ENV_FILE=$(realpath "$BLOG_ENV_FILE") DEPLOY_ROOT=$DEPLOY_ROOT BLOG_BACKUP_DIR=$BLOG_BACKUP_DIR \
  BLOG_BACKUP_SCHEDULE=$BLOG_BACKUP_SCHEDULE \
  envsubst '${BLOG_ENV_FILE} ${DEPLOY_ROOT} ${BLOG_BACKUP_DIR} ${BLOG_BACKUP_SCHEDULE}' \
  <"$MAINTENANCE_DIR/blog-backups.cron.template" >"$cron_dir/blog-backups"
chmod 644 "$cron_dir/blog-backups"
echo "install-backup-schedule: $cron_dir/blog-backups runs the backup at '$BLOG_BACKUP_SCHEDULE'"
