#!/usr/bin/env bash
# A smoke test of the public API through the gateway of any deployment: register, sign in, write,
# publish, read, list, search, comment, moderate, feeds, sign out. One line per step with its
# time; stops at the first failure with a one-line reason and exit 1.
#
#   scripts/test/api-test.sh [BASE_URL]
#
# BASE_URL defaults to BLOG_PUBLIC_BASE_URL of the env file (BLOG_ENV_FILE, as the deployment
# scripts read it). Making the test account an author needs an administrator: BLOG_API_TEST_ADMIN
# and BLOG_API_TEST_ADMIN_PASSWORD, else the env file's BLOG_ADMIN_USERNAME and
# BLOG_ADMIN_PASSWORD.
#
# What it creates is marked and removed: two accounts named api-test-<time>-<random> (there is no
# account deletion in the API, so they are disabled at the end), one article (deleted) and one
# comment (deleted with it). Clean-up runs on failure too.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0 [BASE_URL]" >&2; exit 2; }
(( $# <= 1 )) || usage
[[ ${1:-} != -* ]] || usage
command -v jq >/dev/null || test_die "jq is not installed (Debian: jq)"
command -v curl >/dev/null || test_die "curl is not installed (Debian: curl)"

BASE=${1:-$(env_value BLOG_PUBLIC_BASE_URL)}
[[ $BASE =~ ^https?://[^/]+ ]] || test_die "no base URL: give one (http://host:port) or set BLOG_PUBLIC_BASE_URL in BLOG_ENV_FILE"
BASE=${BASE%/}
ADMIN=${BLOG_API_TEST_ADMIN:-$(env_value BLOG_ADMIN_USERNAME)}
ADMIN_PASSWORD=${BLOG_API_TEST_ADMIN_PASSWORD:-$(env_value BLOG_ADMIN_PASSWORD)}
[[ -n $ADMIN && -n $ADMIN_PASSWORD ]] || test_die "no administrator: set BLOG_API_TEST_ADMIN and BLOG_API_TEST_ADMIN_PASSWORD"

RUN=api-test-$(date +%s)-$RANDOM
PASSWORD="Smoke-$RANDOM-$RANDOM-test"
BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT

# request METHOD PATH TOKEN [JSON] → sets STATUS and MILLIS, the body in $BODY (ACCEPT: another type)
request() {
  local method=$1 path=$2 token=$3 data=${4:-} out
  local args=(-sS -o "$BODY" -w '%{http_code} %{time_total}' -m 30 -X "$method" -H "Accept: ${ACCEPT:-application/json}")
  [[ -z $token ]] || args+=(-H "Authorization: Bearer $token")
  [[ -z $data ]] || args+=(-H 'Content-Type: application/json' --data "$data")
  out=$(curl "${args[@]}" "${@:5}" "$BASE$path" 2>&1) || { STATUS=000; MILLIS=0; echo "$out" >"$BODY"; return 0; }
  STATUS=${out%% *}
  MILLIS=$(awk -v s="${out#* }" 'BEGIN { printf "%d", s * 1000 }')
}

STEP_STARTED=0
step() { STEP_NAME=$1; STEP_STARTED=$(date +%s%N); }
pass() { printf 'ok    %-28s %5d ms  %s\n' "$STEP_NAME" $(( ($(date +%s%N) - STEP_STARTED) / 1000000 )) "${1:-}"; }
fail() { # one line: the step, what was expected, what came back
  local got
  got=$(jq -r '.detail // .title // empty' "$BODY" 2>/dev/null || true)
  [[ -n $got ]] || got=$(head -c 200 "$BODY" | tr '\n' ' ')
  printf 'FAIL  %-28s %s (HTTP %s: %s)\n' "$STEP_NAME" "$1" "$STATUS" "$got"
  cleanup
  exit 1
}
expect() { [[ $STATUS == "$1" ]] || fail "expected HTTP $1"; }
field() { jq -r "$1 // empty" "$BODY"; }

ADMIN_TOKEN="" AUTHOR_TOKEN="" AUTHOR_REFRESH="" READER_TOKEN="" SLUG="" TOKEN="" REFRESH=""
CLEANUP_PROBLEMS=""
cleanup() {
  # In full, whatever fails: a failed clean-up step must not hide the failure that led here.
  if [[ -n $ADMIN_TOKEN ]]; then
    if [[ -n $SLUG ]]; then
      request DELETE "/api/posts/$SLUG" "$ADMIN_TOKEN"
      [[ $STATUS == 204 ]] || CLEANUP_PROBLEMS+=" deleting $SLUG: HTTP $STATUS;"
    fi
    local who
    for who in "$RUN-author" "$RUN-reader"; do
      request PUT "/api/users/$who/status" "$ADMIN_TOKEN" '{"status":"DISABLED"}'
      [[ $STATUS == 200 || $STATUS == 404 ]] || CLEANUP_PROBLEMS+=" disabling $who: HTTP $STATUS;"
    done
  fi
  rm -f "$BODY"
}

sign_in() { # $1 login, $2 password → TOKEN, REFRESH
  request POST /api/users/login "" "$(jq -nc --arg l "$1" --arg p "$2" '{login: $l, password: $p}')"
  expect 200
  TOKEN=$(field .accessToken) REFRESH=$(field .refreshToken)
  [[ -n $TOKEN && -n $REFRESH ]] || fail "no token pair in the answer"
}
holds() { # $1 jq path to an array of ids or slugs, $2 the one looked for
  [[ $(jq -r --arg x "$2" "[$1 | tostring] | index(\$x) // empty" "$BODY") != "" ]]
}

step "gateway answers"
request GET "/api/posts?limit=1" ""
[[ $STATUS != 000 ]] || { printf 'FAIL  %-28s %s\n' "$STEP_NAME" "nothing answers at $BASE ($(head -c 150 "$BODY" | tr '\n' ' '))"; exit 1; }
expect 200
pass "$BASE"

step "sign in as administrator"
sign_in "$ADMIN" "$ADMIN_PASSWORD"
ADMIN_TOKEN=$TOKEN
pass "$ADMIN"

step "register"
for who in author reader; do
  request POST /api/users "" "$(jq -nc --arg u "$RUN-$who" --arg p "$PASSWORD" \
    '{username: $u, email: ($u + "@example.invalid"), password: $p, displayName: ("API smoke test " + $u)}')"
  expect 201
done
pass "$RUN-author, $RUN-reader"

step "make the author an AUTHOR"
request PUT "/api/users/$RUN-author/roles" "$ADMIN_TOKEN" '{"roles":["READER","AUTHOR"]}'
expect 200
pass

step "sign in"
sign_in "$RUN-author" "$PASSWORD"
AUTHOR_TOKEN=$TOKEN AUTHOR_REFRESH=$REFRESH
sign_in "$RUN-reader" "$PASSWORD"
READER_TOKEN=$TOKEN
pass "both accounts"

WORD=smoke$RANDOM$RANDOM
step "write a draft"
request POST /api/posts "$AUTHOR_TOKEN" "$(jq -nc --arg w "$WORD" \
  '{title: ("API smoke test " + $w), body: ("Written by scripts/test/api-test.sh: " + $w), tags: ["api-test"], status: "DRAFT"}')"
expect 201
SLUG=$(field .slug) VERSION=$(field .version)
[[ -n $SLUG && -n $VERSION ]] || fail "no slug or version in the answer"
request GET "/api/posts/$SLUG" ""
expect 404
pass "$SLUG (hidden from readers)"

step "publish"
request PUT "/api/posts/$SLUG" "$AUTHOR_TOKEN" "$(jq -nc --arg w "$WORD" --argjson v "$VERSION" \
  '{title: ("API smoke test " + $w), body: ("Written by scripts/test/api-test.sh: " + $w), tags: ["api-test"], status: "PUBLISHED", version: $v}')"
expect 200
pass

step "read"
request GET "/api/posts/$SLUG" ""
expect 200
[[ $(field .title) == "API smoke test $WORD" ]] || fail "the article's title is not the one written"
pass

step "list"
request GET "/api/posts?author=$RUN-author&limit=5" ""
expect 200
holds '.items[].slug' "$SLUG" || fail "the author's list does not hold the article"
pass

step "search"
for _ in $(seq 1 60); do
  request GET "/api/posts/search?q=$WORD" ""
  [[ $STATUS == 200 ]] && holds '.items[].slug' "$SLUG" && break
  sleep 0.5
done
expect 200
holds '.items[].slug' "$SLUG" || fail "not found by search within 30 s"
pass "from $(jq -r 'if .degraded then "the database (search index away)" else "the search index" end' "$BODY")"

step "comment"
request POST /api/comments "$READER_TOKEN" "$(jq -nc --arg s "$SLUG" '{post: $s, body: "A smoke test comment."}')"
expect 201
COMMENT=$(field .id)
[[ $(field .status) == PENDING ]] || fail "a new reader's comment should wait for moderation, not be $(field .status)"
pass "$COMMENT pending"

step "moderate"
request POST /api/comments/moderation "$AUTHOR_TOKEN" "$(jq -nc --arg id "$COMMENT" '{ids: [$id], action: "APPROVE"}')"
expect 200
request GET "/api/comments?post=$SLUG" ""
expect 200
holds '.. | objects | select(has("id")) | .id' "$COMMENT" || fail "the approved comment is not in the thread"
pass "approved by the article's author"

step "feeds"
ACCEPT=application/rss+xml request GET "/api/posts/feed.rss?author=$RUN-author" ""
expect 200
grep -q "$SLUG" "$BODY" || fail "the RSS feed does not link the article"
ACCEPT=application/atom+xml request GET "/api/posts/feed.atom?author=$RUN-author" ""
expect 200
grep -q "$SLUG" "$BODY" || fail "the Atom feed does not link the article"
pass "RSS and Atom"

step "sign out"
request POST /api/users/logout "$AUTHOR_TOKEN" "$(jq -nc --arg r "$AUTHOR_REFRESH" '{refreshToken: $r}')"
expect 204
request GET /api/users/me "$AUTHOR_TOKEN"
expect 401
pass "the token is refused afterwards"

step "clean up"
cleanup
if [[ -n $CLEANUP_PROBLEMS ]]; then
  printf 'FAIL  %-28s %s\n' "$STEP_NAME" "${CLEANUP_PROBLEMS% ;}"
  exit 1
fi
pass "article deleted, accounts disabled"
echo "api-test: every step passed against $BASE"
