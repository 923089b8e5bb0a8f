#!/usr/bin/env bash
# Measures the log shipper (scripts/deployment/logging.sh) of a running production topology
# (BLOG_ENV_FILE): lines per second it sustains, the delay from a line's write until it is
# searchable (p50/p95/p99), and the log index's size per million lines.
#
#   BLOG_ENV_FILE=... scripts/load/log-shipping-benchmark.sh [LINES] [RATE] [SECONDS]
#       LINES    written as fast as possible for the throughput (default 200000)
#       RATE     lines per second for the delay measurement (default 50), for SECONDS (default 30)
#
# The lines go to the files of a fake Liberty server "logbench-1" (removed afterwards); their
# documents stay in the log index (service.name logbench), so run it on a test topology.
set -euo pipefail
usage() { echo "usage: BLOG_ENV_FILE=FILE $0 [LINES] [RATE] [SECONDS]" >&2; exit 2; }
die() { echo "log-shipping-benchmark: $*" >&2; exit 1; }
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
LINES=${1:-200000} RATE=${2:-50} SECONDS_AT_RATE=${3:-30}
for n in "$LINES" "$RATE" "$SECONDS_AT_RATE"; do [[ $n =~ ^[1-9][0-9]*$ ]] || usage; done
cd "$(dirname "$0")/../.."
# shellcheck source=../deployment/lib.sh
source scripts/deployment/lib.sh
load_env
scripts/deployment/logging.sh status >/dev/null || die "the log shipper is not running (scripts/deployment/logging.sh start)"
BENCH=$WLP/usr/servers/logbench-1
trap 'rm -rf "$BENCH"' EXIT
python3 scripts/load/log_shipping_benchmark.py "http://127.0.0.1:$BLOG_ES_PORT" "$BENCH/logs" "$LINES" "$RATE" "$SECONDS_AT_RATE"
