#!/usr/bin/env bash
# Starts (start) or stops (stop) the one-command run's server, blog-dev, for OneCommandRunIT: the
# same server.xml, WARs and environment as `./mvnw -Prun`, created in the system tests' Liberty
# runtime with a port of its own and fresh embedded databases.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
: "${SYSTEM_TOPOLOGY_DIR:?}" "${SYSTEM_DEV_PORT:?}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WLP=$SYSTEM_TOPOLOGY_DIR/wlp
DIR=$WLP/usr/servers/blog-dev

case ${1:-} in
  start)
    [[ -x $WLP/bin/server ]] || { echo "dev-run: no Liberty runtime at $WLP (start the topology first)" >&2; exit 1; }
    rm -rf "$DIR" && mkdir -p "$DIR/apps"
    cp "$ROOT/liberty-config/src/main/liberty/config/server.xml" "$ROOT/liberty-config/jvm.options" "$DIR/"
    # This server lives in the production topology's runtime, whose log shipper reads every server's
    # messages.log: JSON from the first line, as the topology's own servers.
    cp "$ROOT/liberty-config/bootstrap.properties" "$DIR/"
    for war in user-war post-war comment-war frontend admin-console; do cp "$ROOT/$war/target/$war.war" "$DIR/apps/"; done
    cp "$ROOT"/user-war/target/liberty/wlp/usr/shared/resources/jdbc/h2-*.jar "$WLP/usr/shared/resources/jdbc/"
    # Exactly the server.env the Liberty plugin writes for `./mvnw -Prun` (the liberty.env.*
    # properties of liberty-config/pom.xml), with this test's port instead of 8080.
    sed -n 's#.*<liberty\.env\.\([A-Za-z_]*\)>\(.*\)</liberty\.env\..*#\1=\2#p' "$ROOT/liberty-config/pom.xml" \
      | sed "s/\${dev\.http\.port}/$SYSTEM_DEV_PORT/g" >"$DIR/server.env"
    "$WLP/bin/server" start blog-dev >/dev/null
    ;;
  stop)
    [[ -d $DIR ]] && "$WLP/bin/server" stop blog-dev >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
