# Shared by the scripts in scripts/test. Sourced, not run.
TEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
test_log() { echo "$(basename "$0"): $*" >&2; }
test_die() { test_log "FAILED: $*"; exit 1; }

# The env file is optional for these tests: a base URL and an administrator from the environment
# suffice.
env_value() { # $1 name: from the environment, else from BLOG_ENV_FILE
  if [[ -n ${!1:-} ]]; then echo "${!1}"; return; fi
  local file=${BLOG_ENV_FILE:-$TEST_ROOT/scripts/deployment/.env.production}
  [[ -r $file ]] && sed -n "s/^$1=//p" "$file" | tail -1 | sed 's/^"//; s/"$//'
}
