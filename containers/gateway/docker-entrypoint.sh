#!/bin/bash
# blog-gateway's entry point: renders the configuration with the host topology's gateway.sh (the
# environment holds every setting, so its env file is empty) and runs nginx in the foreground as
# PID 1 (open files capped at the hard limit the engine gives, as on a host).
#
# Both logs go to the container's output, or with BLOG_GATEWAY_LOG_DIR (the compose deployment's
# shared log volume) to access.json and error.log there, which the log shipper follows.
set -euo pipefail
DIR=/tmp/gateway
mkdir -p "$DIR"
if [[ -n ${BLOG_GATEWAY_LOG_DIR:-} ]]; then
  mkdir -p "$BLOG_GATEWAY_LOG_DIR"
  ln -sfn "$BLOG_GATEWAY_LOG_DIR" "$DIR/logs"
else
  mkdir -p "$DIR/logs"
  ln -sf /dev/stdout "$DIR/logs/access.json"
  ln -sf /dev/stderr "$DIR/logs/error.log"
fi
export BLOG_ENV_FILE=/tmp/gateway.env
: >"$BLOG_ENV_FILE"
chmod 600 "$BLOG_ENV_FILE"
exec /opt/blog/scripts/deployment/gateway.sh run "$DIR"
