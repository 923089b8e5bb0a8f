#!/usr/bin/env bash
# A performance report of the production topology over a time window, read from Prometheus:
# p50/p95/p99, throughput and error ratio per service and endpoint, saturation (CPU, heap,
# connection pools), cache hit ratio and search latency, as Markdown, as HTML with SVG charts and as CSV.
#
#   scripts/maintenance/performance-report.sh [--since 1h] [--out DIR]
#
#   --since   window ending now: a number with s, m, h or d (default 1h)
#   --out     folder for performance-report.md, .html (SVG charts) and .csv
#             (default $BLOG_PROD_DIR/reports/<UTC time>)
# Prometheus: BLOG_PROMETHEUS_URL, else 127.0.0.1:$BLOG_PROMETHEUS_PORT of the env file.
set -euo pipefail
usage() { echo "usage: $0 [--since 1h] [--out DIR]" >&2; exit 2; }
die() { echo "performance-report: $*" >&2; exit 1; }

since=1h out=""
while (( $# )); do
  case $1 in
    --since) [[ $# -ge 2 ]] || usage; since=$2; shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "performance-report: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ $since =~ ^[1-9][0-9]*[smhd]$ ]] || { echo "performance-report: --since must look like 30m, 1h or 7d, not '$since'" >&2; usage; }

if [[ -z ${BLOG_PROMETHEUS_URL:-} ]]; then
  # shellcheck source=lib.sh
  source "$(dirname "$0")/lib.sh"
  load_env
  BLOG_PROMETHEUS_URL=http://127.0.0.1:$BLOG_PROMETHEUS_PORT
fi
out=${out:-${BLOG_PROD_DIR:-.}/reports/$(date -u +%Y%m%dT%H%M%SZ)}
curl -sf -o /dev/null -m 5 "$BLOG_PROMETHEUS_URL/-/ready" || die "Prometheus does not answer at $BLOG_PROMETHEUS_URL"
mkdir -p "$out"
python3 "$(dirname "$0")/performance_report.py" "$BLOG_PROMETHEUS_URL" "$since" "$out"
