#!/usr/bin/env bash
# Builds the container images of the platform on a local Docker engine (DOCKER_HOST or the default
# socket), from the modules' build output: run `./mvnw package -DskipTests` first.
#
#   scripts/deployment/build-images.sh [TAG]      # TAG defaults to latest
#
#   blog-base:bookworm     Debian bookworm minbase, made here with mmdebstrap (no registry is
#                          needed); set BLOG_IMAGE_BASE=debian:bookworm-slim to use a public one
#   blog-liberty:TAG       jlink-ed Java 25 + Open Liberty minified to the features in use
#   blog-users:TAG, blog-posts:TAG, blog-comments:TAG, blog-console:TAG
#                          one Liberty server each, on blog-liberty
#   blog-gateway:TAG       nginx with the gateway template and the front end
#   blog-mariadb:TAG, blog-redis:TAG, blog-elasticsearch:TAG
#                          the data tier, from the packages and distribution the host uses
#   blog-monitoring:TAG    Prometheus, Alertmanager and the exporters (Debian's packages)
#   blog-logging:TAG       the log shipper (rsyslog) and log retention
#
# Prints each image's size and the build's time. Layers are reused between runs: the runtime layer
# changes only with the JDK, Liberty or the feature list.
set -euo pipefail
usage() { echo "usage: $0 [TAG]" >&2; exit 2; }
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
(( $# <= 1 )) || usage
TAG=${1:-latest}
[[ $TAG =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "build-images: not a valid image tag: $TAG" >&2; exit 2; }
log() { echo "build-images: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$DEPLOY_ROOT"

command -v docker >/dev/null || die "no docker client (apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd, or set DOCKER_HOST)"
WLP_BUILT=user-war/target/liberty/wlp
for module in user-war post-war comment-war admin-console; do
  [[ -f $module/target/$module.war ]] || die "$module is not built: run ./mvnw package -DskipTests first"
done
[[ -x $WLP_BUILT/bin/server ]] || die "no Liberty runtime at $WLP_BUILT: run ./mvnw package -DskipTests first"

T0=$(date +%s%N)
STAGE=$DEPLOY_ROOT/containers/target/images
rm -rf "$STAGE"
mkdir -p "$STAGE"

# --- base ------------------------------------------------------------------------------------------
BASE=${BLOG_IMAGE_BASE:-blog-base:bookworm}
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  [[ $BASE == blog-base:bookworm ]] || die "base image $BASE is not on this engine (docker pull it first)"
  command -v mmdebstrap >/dev/null || die "mmdebstrap is needed to build the base (apt-get install mmdebstrap)"
  # The machine's own Debian mirror; documentation, manuals and apt's lists stay out of the image.
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  mirror=${mirror:-http://deb.debian.org/debian}
  mmdebstrap --quiet --variant=minbase --include=ca-certificates \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm - "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
    "deb ${mirror%/debian}/debian-security bookworm-security main" \
    | docker import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null || die "could not build $BASE"
  log "built $BASE"
fi

build_image() { # $1 image name, $2 context, the rest docker build's options; its output only on failure
  docker build "${@:3}" -t "$1:$TAG" "$2" >"$STAGE/$1.log" 2>&1 || { tail -30 "$STAGE/$1.log" >&2; die "$1 did not build"; }
  log "built $1:$TAG"
}

# --- runtime layer: Java and Liberty ----------------------------------------------------------------
RUNTIME=$STAGE/runtime
mkdir -p "$RUNTIME"
# The modules Liberty and the applications load (java.desktop for java.beans, java.naming and
# java.rmi for JNDI and JMX, jdk.jfr and jdk.jcmd to profile a live container).
"$JAVA_HOME/bin/jlink" --output "$RUNTIME/jre" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.attach,jdk.crypto.cryptoki,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# Liberty's minify keeps only the bundles of the features a server.xml names: one throwaway server
# naming every feature of the services (features.xml) and of the console.
MINIFY=$STAGE/minify
mkdir -p "$MINIFY"
tar -C "$WLP_BUILT" --exclude=./usr/servers -cf - . | tar -C "$MINIFY" -xf -
mkdir -p "$MINIFY/usr/servers/images"
{
  echo '<server>'
  sed -n '/<featureManager>/,/<\/featureManager>/p' liberty-config/fragments/features.xml
  sed -n '/<featureManager>/,/<\/featureManager>/p' admin-console/src/main/liberty/config/server.xml
  echo '</server>'
} >"$MINIFY/usr/servers/images/server.xml"
"$MINIFY/bin/server" package images --include=minify --archive="$STAGE/liberty.zip" >"$STAGE/minify.log" 2>&1 \
  || { cat "$STAGE/minify.log" >&2; die "Liberty minify failed"; }
unzip -q "$STAGE/liberty.zip" -d "$STAGE/unzipped"
mv "$STAGE/unzipped/wlp" "$RUNTIME/wlp"
rm -rf "$RUNTIME/wlp/usr/servers/images" "$MINIFY" "$STAGE/unzipped" "$STAGE/liberty.zip"
mkdir -p "$RUNTIME/wlp/usr/shared/config/blog" "$RUNTIME/wlp/usr/shared/resources/jdbc"
cp liberty-config/fragments/*.xml "$RUNTIME/wlp/usr/shared/config/blog/"
cp "$WLP_BUILT"/usr/shared/resources/jdbc/*.jar "$RUNTIME/wlp/usr/shared/resources/jdbc/"
cp containers/liberty/healthcheck.sh "$RUNTIME/"
build_image blog-liberty "$RUNTIME" -f containers/liberty/Dockerfile --build-arg BASE="$BASE"

# --- one image per Liberty server -------------------------------------------------------------------
server_image() { # $1 image name, $2 module, $3 health path
  local dir=$STAGE/$1
  mkdir -p "$dir/server/apps"
  cp "$2/src/main/liberty/config/server.xml" liberty-config/jvm.options liberty-config/bootstrap.properties "$dir/server/"
  cp "$2/target/$2.war" "$dir/server/apps/"
  build_image "$1" "$dir" -f containers/liberty/Dockerfile.server --build-arg RUNTIME="blog-liberty:$TAG" \
    --build-arg HEALTH_PATH="$3"
}
server_image blog-users user-war /health/ready
server_image blog-posts post-war /health/ready
server_image blog-comments comment-war /health/ready
server_image blog-console admin-console /login

# --- gateway ----------------------------------------------------------------------------------------
GW=$STAGE/gateway
mkdir -p "$GW/blog/scripts/deployment" "$GW/blog/containers"
cp scripts/deployment/gateway.sh scripts/deployment/lib.sh "$GW/blog/scripts/deployment/"
cp -r containers/gateway "$GW/blog/containers/"
cp -r frontend/src/main/webapp "$GW/blog/frontend"
build_image blog-gateway "$GW" -f containers/gateway/Dockerfile --build-arg BASE="$BASE"

# --- data tier: Debian's packages as on the host, Elasticsearch from Maven Central ---------------------
build_image blog-mariadb containers/mariadb --build-arg BASE="$BASE"
build_image blog-redis containers/redis --build-arg BASE="$BASE"
ES=$STAGE/elasticsearch
ES_VERSION=${BLOG_ES_VERSION:-9.5.3}
ES_ZIP=$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip
if [[ ! -f $ES_ZIP ]]; then
  (cd "$STAGE" && "$DEPLOY_ROOT/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip") || die "could not fetch Elasticsearch $ES_VERSION"
fi
mkdir -p "$ES"
unzip -q "$ES_ZIP" -d "$ES"
mv "$ES/elasticsearch-$ES_VERSION" "$ES/elasticsearch"
chmod -R a+rX,go-w "$ES/elasticsearch"   # the zip's config files are readable by their owner only
cp containers/elasticsearch/elasticsearch.yml containers/elasticsearch/docker-entrypoint.sh "$ES/"
# The whole JDK, not a jlink-ed runtime: Elasticsearch's entitlement layer requires jdk.jlink,
# which a JDK without packaged modules (Temurin 25) cannot link into another image.
mkdir -p "$ES/jre"
tar -C "$JAVA_HOME" --exclude=./lib/src.zip --exclude=./man --exclude=./include -cf - . | tar -C "$ES/jre" -xf -
build_image blog-elasticsearch "$ES" -f containers/elasticsearch/Dockerfile --build-arg BASE="$BASE"

# --- monitoring: one image, the component chosen by the container's command ------------------------------
MON=$STAGE/monitoring
mkdir -p "$MON/blog/scripts/deployment" "$MON/blog/containers"
cp scripts/deployment/monitoring.sh scripts/deployment/lib.sh "$MON/blog/scripts/deployment/"
cp -r monitoring "$MON/blog/"
cp -r containers/monitoring "$MON/blog/containers/"
build_image blog-monitoring "$MON" -f containers/monitoring/Dockerfile --build-arg BASE="$BASE"

# --- logging: the host's shipper and retention scripts with their rsyslog configuration -------------------
LOGS=$STAGE/logging
mkdir -p "$LOGS/blog/scripts/deployment" "$LOGS/blog/scripts/maintenance" "$LOGS/blog/containers"
cp scripts/deployment/logging.sh scripts/deployment/bulk_resender.py scripts/deployment/lib.sh "$LOGS/blog/scripts/deployment/"
cp scripts/maintenance/cleanup-logs.sh scripts/maintenance/lib.sh "$LOGS/blog/scripts/maintenance/"
cp -r logging "$LOGS/blog/"
cp -r containers/logging "$LOGS/blog/containers/"
build_image blog-logging "$LOGS" -f containers/logging/Dockerfile --build-arg BASE="$BASE"

for image in blog-liberty blog-users blog-posts blog-comments blog-console blog-gateway blog-mariadb blog-redis blog-elasticsearch blog-monitoring blog-logging; do
  printf '%-22s %4d MB\n' "$image:$TAG" $(( $(docker image inspect -f '{{.Size}}' "$image:$TAG") / 1000000 ))
done
log "done in $(( ($(date +%s%N) - T0) / 1000000000 )) s"
