# Shared by the scripts in scripts/test. Sourced, not run.
TEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
test_log() { echo "$(basename "$0"): $*" >&2; }
test_die() { test_log "FAILED: $*"; exit 1; }
