#!/usr/bin/env bash
# The Gatling load test (system-tests/src/load/java, Maven profile load-test) against any
# deployment: a closed model of N visitors on the site at once, mostly anonymous readers, some
# searching, registering, commenting and writing, each from its own loopback address. Exit 0 when
# the design's targets hold (registration p95 < 500 ms, article list p95 < 200 ms, 99.9 % success),
# 1 when they do not; the HTML report is kept under system-tests/target/load-test/gatling/.
#
#   scripts/test/load-test.sh [--users N] [--duration SECONDS] [--ramp SECONDS] [--base URL]
#
# Defaults: 1100 visitors for 180 s after a 60 s ramp, against BLOG_PUBLIC_BASE_URL of the env file
# (BLOG_ENV_FILE). The load test makes its own authors and articles, which needs an administrator:
# BLOG_ADMIN_USERNAME and BLOG_ADMIN_PASSWORD from the environment or the env file. What it makes
# is named load-<run>-... and removed (articles) or disabled (accounts) at the end.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0 [--users N] [--duration SECONDS] [--ramp SECONDS] [--base URL]" >&2; exit 2; }

users=1100 duration=180 ramp=60 base=""
while (( $# )); do
  case $1 in
    --users | --duration | --ramp | --base) [[ -n ${2:-} ]] || usage; declare "${1#--}=$2"; shift ;;
    -h | --help) usage ;;
    *) test_log "unknown argument '$1'"; usage ;;
  esac
  shift
done
for number in users duration ramp; do
  [[ ${!number} =~ ^[0-9]+$ ]] || test_die "--$number must be a whole number, not '${!number}'"
done
(( users >= 1 && duration >= 1 )) || test_die "--users and --duration must be at least 1"
base=${base:-$(env_value BLOG_PUBLIC_BASE_URL)}
[[ $base =~ ^https?://[^/]+ ]] || test_die "no base URL: give --base http://host:port or set BLOG_PUBLIC_BASE_URL in BLOG_ENV_FILE"
base=${base%/}
BLOG_ADMIN_USERNAME=$(env_value BLOG_ADMIN_USERNAME) BLOG_ADMIN_PASSWORD=$(env_value BLOG_ADMIN_PASSWORD)
[[ -n $BLOG_ADMIN_USERNAME && -n $BLOG_ADMIN_PASSWORD ]] || test_die "no administrator: set BLOG_ADMIN_USERNAME and BLOG_ADMIN_PASSWORD"
export BLOG_ADMIN_USERNAME BLOG_ADMIN_PASSWORD
code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$base/api/posts?limit=1" || true)
[[ $code == 200 ]] || test_die "nothing answers at $base (HTTP ${code:-000} for /api/posts?limit=1)"

cd "$TEST_ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
results=$TEST_ROOT/system-tests/target/load-test/gatling
test_log "$users visitors for ${duration} s (ramp ${ramp} s) against $base"
status=0
./mvnw -B -ntp -q -pl system-tests -Pload-test test-compile gatling:test \
  -Dload.base="$base" -Dload.users="$users" -Dload.duration="$duration" -Dload.ramp="$ramp" || status=$?
report=$(ls -td "$results"/*/ 2>/dev/null | head -1)
[[ -n $report && -f $report/index.html ]] || test_die "Gatling wrote no report under $results (Maven exit $status)"
test_log "report: ${report}index.html"
(( status == 0 )) || test_die "the targets did not hold (see the assertions above and the report)"
test_log "the targets held"
