#!/bin/bash
# blog-gateway's entry point: renders the configuration with the host topology's gateway.sh (the
# environment holds every setting, so its env file is empty), sends both logs to the container's
# output, and runs nginx in the foreground as PID 1 (open files capped at the hard limit the
# engine gives, as on a host).
set -euo pipefail
DIR=/tmp/gateway
mkdir -p "$DIR/logs"
ln -sf /dev/stdout "$DIR/logs/access.json"
ln -sf /dev/stderr "$DIR/logs/error.log"
export BLOG_ENV_FILE=/tmp/gateway.env
: >"$BLOG_ENV_FILE"
chmod 600 "$BLOG_ENV_FILE"
exec /opt/blog/scripts/deployment/gateway.sh run "$DIR"
