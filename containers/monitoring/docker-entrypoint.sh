#!/bin/bash
# blog-monitoring's entry point: runs one component of the monitoring tier in the foreground.
#
#   prometheus | alertmanager      config rendered by the host topology's monitoring.sh (same
#                                  templates and rules), with this deployment's targets
#                                  (containers/monitoring/targets: each component by its name;
#                                  no node exporter, since host metrics need the host's /proc)
#   mysqld-exporter | redis-exporter | nginx-exporter | elasticsearch-exporter
#                                  the flags of monitoring.sh's exporters, addresses from the
#                                  environment (BLOG_EXPORTER_TARGET)
set -euo pipefail
die() { echo "blog-monitoring: ERROR: $*" >&2; exit 1; }
ROOT=/opt/blog

render() {
  # The environment holds every setting: the env file monitoring.sh insists on is empty.
  export BLOG_ENV_FILE=/tmp/monitoring.env BLOG_MONITORING_TARGETS=$ROOT/containers/monitoring/targets
  : >"$BLOG_ENV_FILE"
  chmod 600 "$BLOG_ENV_FILE"
  "$ROOT/scripts/deployment/monitoring.sh" render /tmp/config
}

target() { [[ -n ${BLOG_EXPORTER_TARGET:-} ]] || die "BLOG_EXPORTER_TARGET is not set"; echo "$BLOG_EXPORTER_TARGET"; }

case ${1:-} in
  prometheus)
    render
    exec prometheus --config.file=/tmp/config/prometheus.yml --storage.tsdb.path=/prometheus \
      --storage.tsdb.retention.time="${BLOG_PROMETHEUS_RETENTION:-15d}" --web.listen-address=0.0.0.0:9090 \
      --web.enable-lifecycle --log.format=json ;;
  alertmanager)
    render
    exec prometheus-alertmanager --config.file=/tmp/config/alertmanager/alertmanager.yml --storage.path=/alertmanager \
      --web.listen-address=0.0.0.0:9093 --cluster.listen-address= --log.format=json ;;
  mysqld-exporter)
    [[ -n ${BLOG_EXPORTER_DB_PASSWORD:-} ]] || die "BLOG_EXPORTER_DB_PASSWORD is not set"
    # The password goes through a file only this user can read, never the command line.
    (umask 077 && printf '[client]\nuser=blog_exporter\npassword=%s\nhost=%s\nport=3306\n' "$BLOG_EXPORTER_DB_PASSWORD" "$(target)" >/tmp/my.cnf)
    exec prometheus-mysqld-exporter --config.my-cnf=/tmp/my.cnf --web.listen-address=:9104 \
      --collect.slave_status --collect.global_status --collect.global_variables --collect.info_schema.processlist \
      --log.format=json ;;
  redis-exporter)
    [[ -n ${REDIS_PASSWORD:-} ]] || die "REDIS_PASSWORD is not set"
    exec prometheus-redis-exporter -redis.addr="redis://$(target):6379" -web.listen-address=:9121 ;;
  nginx-exporter)
    exec prometheus-nginx-exporter -nginx.scrape-uri="http://$(target)/stub_status" -web.listen-address=:9113 ;;
  elasticsearch-exporter)
    exec prometheus-elasticsearch-exporter --es.uri="http://$(target):9200" --es.indices --web.listen-address=:9114 \
      --log.format=json ;;
  *) die "usage: docker-entrypoint.sh prometheus|alertmanager|mysqld-exporter|redis-exporter|nginx-exporter|elasticsearch-exporter" ;;
esac
