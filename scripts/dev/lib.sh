# Shared by the scripts in scripts/dev: the tools the test command needs, and installing the
# Debian packages that provide them. Sourced, not run.
#
# Every later component adds its tool and package here (one list), never to .ci/run.

# tool:package — the command the scripts or tests run, and the Debian package that provides it.
TEST_TOOLS=(
  # The services' integration tests: a MariaDB primary + replica, Redis.
  mariadbd:mariadb-server
  mariadb-install-db:mariadb-server
  mariadb:mariadb-client
  redis-server:redis-server
  redis-cli:redis-tools
  ss:iproute2
  # The Elasticsearch node (scripts/dev/elasticsearch.sh): unpacked, probed, run unprivileged.
  unzip:unzip
  curl:curl
  setpriv:util-linux
  flock:util-linux
  # The production topology of the system tests: nginx gateway (config rendered with envsubst),
  # secrets and the JWT key made with openssl, health-check.sh reads JSON with python3.
  nginx:nginx-light
  envsubst:gettext-base
  openssl:openssl
  python3:python3
  # The operator's API smoke test (scripts/test/api-test.sh) reads JSON with jq.
  jq:jq
  # Monitoring of the production topology (scripts/deployment/monitoring.sh) and its checks.
  prometheus:prometheus
  promtool:prometheus
  prometheus-alertmanager:prometheus-alertmanager
  amtool:prometheus-alertmanager
  prometheus-node-exporter:prometheus-node-exporter
  prometheus-mysqld-exporter:prometheus-mysqld-exporter
  prometheus-redis-exporter:prometheus-redis-exporter
  prometheus-nginx-exporter:prometheus-nginx-exporter
  prometheus-elasticsearch-exporter:prometheus-elasticsearch-exporter
  # Backups (scripts/maintenance/backup-database.sh, restore-database.sh): hot physical copies,
  # compressed with zstd, binlogs replayed with mariadb-binlog.
  mariadb-backup:mariadb-backup
  mbstream:mariadb-backup
  zstd:zstd
  mariadb-binlog:mariadb-client
  # Log shipping (scripts/deployment/logging.sh): rsyslog follows the files into Elasticsearch.
  rsyslogd:rsyslog
  # The container images and the compose deployment (scripts/deployment/build-images.sh,
  # scripts/test/compose-test.sh): Debian's Docker engine and compose v1, the base made by mmdebstrap.
  dockerd:docker.io
  docker:docker.io
  docker-compose:docker-compose
  mmdebstrap:mmdebstrap
  # Browser tests and the Lighthouse audit: Debian's Chromium and its driver, Node for Lighthouse.
  chromium:chromium
  chromedriver:chromium-driver
  npm:npm
)
# file:package — what is not a command: a CJK font, so zh-CN screenshots show characters.
TEST_FILES=(
  /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:fonts-wqy-zenhei
  # rsyslog's Elasticsearch output module.
  /usr/lib/x86_64-linux-gnu/rsyslog/omelasticsearch.so:rsyslog-elasticsearch
)

dev_log() { echo "$(basename "$0"): $*" >&2; }
dev_die() { dev_log "$*"; exit 1; }

# Prints the packages (once each) whose tool or file is missing, space-separated.
missing_test_packages() {
  local entry missing=()
  for entry in "${TEST_TOOLS[@]}"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
  done
  for entry in "${TEST_FILES[@]}"; do
    [[ -e ${entry%%:*} ]] || missing+=("${entry#*:}")
  done
  (( ${#missing[@]} )) && printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | paste -sd' '
  return 0
}

# Installs the missing packages with apt-get, saying so first; one line and exit 1 when it cannot.
ensure_test_packages() {
  local missing
  missing=$(missing_test_packages)
  [[ -z $missing ]] && return 0
  if (( EUID != 0 )) || ! command -v apt-get >/dev/null 2>&1; then
    dev_die "missing Debian packages: $missing (installing them needs root and apt-get; as root run: apt-get install $missing)"
  fi
  dev_log "installing Debian packages the tests need: $missing"
  local started=$SECONDS
  # shellcheck disable=SC2086 # one word per package
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >&2 \
    || dev_die "apt-get could not install: $missing"
  missing=$(missing_test_packages)
  [[ -z $missing ]] || dev_die "still missing after installing (is PATH complete?): $missing"
  dev_log "installed in $(( SECONDS - started )) s"
}
