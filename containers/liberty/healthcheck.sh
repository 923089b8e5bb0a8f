#!/bin/bash
# Docker HEALTHCHECK of a Liberty image: 200 from BLOG_HEALTH_PATH on the server's own port. Bash's
# /dev/tcp instead of curl keeps an HTTP client (and its libraries) out of the image.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${HTTP_PORT:-9080}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${BLOG_HEALTH_PATH:-/health/ready}" >&3
read -r -t 3 _ status _ <&3
[[ $status == 200 ]]
