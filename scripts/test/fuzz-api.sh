#!/usr/bin/env bash
# The full API fuzzing run (system-tests' FuzzIT, which CI runs with 1,000 requests per service)
# against a running production topology: requests generated from the services' OpenAPI documents,
# through the gateway and straight to the instances, with and without valid tokens.
#
#   BLOG_ENV_FILE=/path/to/env [FUZZ_SEED=n] scripts/test/fuzz-api.sh [requests-per-service=10000]
#
# FUZZ_SEED repeats a run (a failure prints its seed).
#
# Needs the topology of BLOG_ENV_FILE running (scripts/deployment/start-production.sh) and the
# build done (./mvnw install -DskipTests). Prints the statuses seen per service; exits non-zero on
# any 5xx, any error that is not problem+json, or any change to the data that existed before.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$TEST_ROOT"
usage() { echo "usage: BLOG_ENV_FILE=FILE $0 [requests-per-service=10000]" >&2; exit 2; }
[[ $# -le 1 ]] || usage
tries=${1:-10000}
[[ $tries =~ ^[1-9][0-9]*$ ]] || { test_log "requests per service must be a positive number, not '$tries'"; usage; }
[[ -n ${BLOG_ENV_FILE:-} && -f $BLOG_ENV_FILE ]] || test_die "set BLOG_ENV_FILE to the running topology's env file"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

started=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
./mvnw -B -ntp -o -pl system-tests test-compile failsafe:integration-test failsafe:verify \
  -Dit.test=FuzzIT -Dfuzz.requests="$tries" ${FUZZ_SEED:+-Dfuzz.seed="$FUZZ_SEED"} -Dsystem.env.file="$(realpath "$BLOG_ENV_FILE")" >"$log" 2>&1 \
  || { grep -E "ERROR|FAIL|answered|fuzz:" "$log" | head -40 >&2; test_die "FuzzIT (reports: system-tests/target/failsafe-reports)"; }
grep -h "fuzz: " "$log" || true
test_log "$tries requests per service passed in $(( $(date +%s) - started )) s"
