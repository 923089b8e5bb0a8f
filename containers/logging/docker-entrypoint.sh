#!/bin/bash
# blog-logging's entry point: log retention every BLOG_LOG_CLEANUP_INTERVAL seconds (default an
# hour) in the background, and the log shipper in the foreground; SIGTERM stops the shipper as
# `logging.sh stop` does on a host (what Elasticsearch has not taken yet stays in the spool).
set -euo pipefail
interval=${BLOG_LOG_CLEANUP_INTERVAL:-3600}
[[ $interval =~ ^[1-9][0-9]*$ ]] || { echo "blog-logging: ERROR: BLOG_LOG_CLEANUP_INTERVAL must be seconds, not '$interval'" >&2; exit 1; }
# The environment holds every setting: the env file the scripts insist on is empty.
: >"$BLOG_ENV_FILE"
chmod 600 "$BLOG_ENV_FILE"
(
  while sleep "$interval"; do
    /opt/blog/scripts/maintenance/cleanup-logs.sh || echo "blog-logging: log retention failed (above)" >&2
  done
) &
exec /opt/blog/scripts/deployment/logging.sh run
