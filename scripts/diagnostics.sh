#!/usr/bin/env bash
# A support bundle of the production topology, safe to hand over: versions, the rendered
# configuration of every component with each secret redacted, health and status, the last error
# lines of every log, a thread dump of each Liberty server, replication status and key metrics.
# Prints where it wrote the bundle and its size; exits 1 when it could not write one.
#
#   scripts/diagnostics.sh [--out FILE]      # default: $BLOG_PROD_DIR/diagnostics/blog-diagnostics-<UTC time>.tar.gz
#
# Redaction: every value of the env file and the servers' environments whose name speaks of a
# password, secret, token, key or credential is replaced wherever it appears (also URL- and
# base64-encoded); so are "password=..."-like settings, passwords in URLs, bearer tokens, JWTs
# and PEM private keys. Key and keystore files are never copied.
set -euo pipefail
log() { echo "diagnostics: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { echo "usage: $0 [--out FILE]" >&2; exit 2; }
# shellcheck source=deployment/lib.sh
source "$(dirname "$0")/deployment/lib.sh"

out=""
while (( $# )); do
  case $1 in
    --out) [[ -n ${2:-} ]] || usage; out=$2; shift ;;
    -h | --help) usage ;;
    *) log "unknown argument '$1'"; usage ;;
  esac
  shift
done
load_env
cd "$DEPLOY_ROOT"
command -v python3 >/dev/null || die "python3 is not installed (Debian: python3)"
ERROR_LINES=${BLOG_DIAGNOSTICS_ERROR_LINES:-200}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${out:-$BLOG_PROD_DIR/diagnostics/blog-diagnostics-$stamp.tar.gz}
[[ $out == *.tar.gz ]] || die "--out must name a .tar.gz file: $out"
mkdir -p "$(dirname "$out")" 2>/dev/null || die "cannot create the folder of $out"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=$work/blog-diagnostics-$stamp
mkdir -p "$bundle"/{config,logs,threads,metrics}

# Each part is best-effort: a component that is down is part of the diagnosis, not a reason to
# write no bundle. What a part could not gather is said in its file.
capture() { # $1 file in the bundle, then the command
  local file=$bundle/$1
  shift
  mkdir -p "$(dirname "$file")"
  { "$@" || echo "(exit $?: $*)"; } >"$file" 2>&1
}

sql_on() { # $1 node, $2 statement
  mariadb --no-defaults --socket="$BLOG_DB_PAIR_DIR/$1.sock" -u"$(id -un)" -e "$2"
}

versions() {
  echo "bundle: $stamp"
  echo "commit: $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "host:   $(uname -srm); $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "cpus:   $(nproc); memory: $(awk '/MemTotal/{printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java:   $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "liberty: $(sed -n 's/^com.ibm.websphere.productVersion=//p' "$WLP/lib/versions/openliberty.properties" 2>/dev/null)"
  echo "nginx:  $(nginx -v 2>&1)"
  echo "mariadb: $(mariadb --version)"
  echo "redis:  $(redis-server --version)"
  echo "elasticsearch: $(curl -sf -m 5 "$(es_url)/_nodes/_local?filter_path=nodes.*.version" | grep -o '"version":"[^"]*"' || echo 'no answer')"
  echo "prometheus: $(prometheus --version 2>&1 | head -1)"
  echo "rsyslog: $(rsyslogd -v 2>/dev/null | head -1)"
}

replication() {
  local node
  echo "writer: $(scripts/dev/mariadb-pair.sh writer)"
  for node in primary replica; do
    echo
    echo "== $node (:$(db_port "$node"))$([[ -e $BLOG_DB_PAIR_DIR/$node.fenced ]] && echo ' FENCED')"
    sql_on "$node" "SELECT @@server_id, @@read_only, @@gtid_binlog_pos, @@gtid_slave_pos, @@gtid_current_pos;
      SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync%'; SHOW MASTER STATUS; SHOW SLAVE STATUS\G" || echo "(no answer)"
  done
}

thread_dumps() {
  local server pid
  for server in $(ls "$WLP/usr/servers" 2>/dev/null); do
    pid=$(cat "$WLP/usr/servers/.pid/$server.pid" 2>/dev/null) && [[ -d /proc/$pid ]] || { echo "$server: not running" >"$bundle/threads/$server.txt"; continue; }
    capture "threads/$server.txt" "$JAVA_HOME/bin/jcmd" "$pid" Thread.print -l
  done
}

# Text configuration as the topology runs it; key stores, keys and data are left out.
configs() {
  local server file
  cp "$BLOG_ENV_FILE" "$bundle/config/env-file"
  for server in $(ls "$WLP/usr/servers" 2>/dev/null); do
    for file in server.xml server.env bootstrap.properties jvm.options; do
      [[ -f $WLP/usr/servers/$server/$file ]] && install -D -m 600 "$WLP/usr/servers/$server/$file" "$bundle/config/liberty/$server/$file"
    done
  done
  cp -r liberty-config/fragments "$bundle/config/liberty/fragments"
  # Redis: one server's config in the store's folder, or each cluster node's config and its view
  # of the cluster (nodes.conf) in node-<port>/.
  for file in "$GATEWAY_DIR"/*.conf "$REDIS_DIR"/{,node-*/}{redis,nodes}.conf "$REDIS_SECURITY_DIR"/{,node-*/}{redis,nodes}.conf \
              "$BLOG_LOGGING_DIR/rsyslog.conf"; do
    [[ -f $file ]] && install -D -m 600 "$file" "$bundle/config/${file#"$BLOG_PROD_DIR"/}"
  done
  if [[ -d $BLOG_PROD_DIR/monitoring/config ]]; then
    cp -r "$BLOG_PROD_DIR/monitoring/config" "$bundle/config/monitoring"
  fi
  for file in "$BLOG_PROD_DIR"/monitoring/*/my.cnf; do
    [[ -f $file ]] && install -D -m 600 "$file" "$bundle/config/${file#"$BLOG_PROD_DIR"/}"
  done
  sql_on "$(scripts/dev/mariadb-pair.sh writer)" "SHOW GLOBAL VARIABLES" >"$bundle/config/mariadb-variables.tsv" 2>&1 || true
}

# The last error lines of every component's logs: Liberty's E/W messages and exceptions, nginx's
# [error]..[emerg], MariaDB's [ERROR], Redis's warnings (#), JSON logs' error level, and others' ERROR.
error_lines() {
  local file name
  while IFS= read -r file; do
    name=${file#"$BLOG_PROD_DIR"/}
    name=${name//\//_}
    grep -aE ' [EW] [A-Z]{4,5}[0-9]{4}[EW]|Exception|\[(error|crit|alert|emerg)\]|\[ERROR\]|^[0-9]+:[A-Z] .* # |"level":"(error|ERROR|warn|WARN|fatal)"|\b(ERROR|SEVERE|FATAL|PANIC)\b' "$file" \
      | tail -n "$ERROR_LINES" >"$bundle/logs/$name.txt" || true
    [[ -s $bundle/logs/$name.txt ]] || rm -f "$bundle/logs/$name.txt"
  done < <(find "$BLOG_PROD_DIR" -path "$BLOG_BACKUP_DIR" -prune -o -path "$BLOG_PROD_DIR/diagnostics" -prune -o -type f \
             \( -name '*.log' -o -name '*.err' \) ! -name 'http_access.log' ! -name 'access*.log' -print 2>/dev/null)
}

metrics() {
  local svc n port query
  while read -r svc _ n port; do
    capture "metrics/$svc-$n.prom" curl -sf -m 5 "http://127.0.0.1:$port/metrics"
  done < <(instances)
  # The RED figures per service as Prometheus computed them over the last 5 minutes.
  for query in service:http_requests:rate5m service:http_error_ratio:rate5m service:http_latency_seconds:p95_5m \
               service:http_latency_seconds:p99_5m 'ALERTS{alertstate="firing"}'; do
    echo "# $query"
    curl -sf -m 5 -G "http://127.0.0.1:$BLOG_PROMETHEUS_PORT/api/v1/query" --data-urlencode "query=$query" || echo "(Prometheus did not answer)"
    echo
  done >"$bundle/metrics/prometheus.txt"
}

log "gathering into $out"
capture versions.txt versions
capture health-check.txt scripts/deployment/health-check.sh
capture status.txt scripts/maintenance/system-status.sh
capture status.json scripts/maintenance/system-status.sh --json
capture replication.txt replication
capture backups.txt scripts/maintenance/backup-database.sh --list
thread_dumps
configs
error_lines
metrics

python3 - "$bundle" "$BLOG_ENV_FILE" "$WLP/usr/servers" <<'PY'
import base64, os, re, sys, urllib.parse

bundle, env_file, servers = sys.argv[1:4]
SECRET_NAME = re.compile(r"(?i)(password|passwd|secret|token|credential|private|_key$|apikey|auth)")

def settings(path):
    found = {}
    try:
        for line in open(path, errors="replace"):
            m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_.]*)=(.*)$", line.rstrip("\n"))
            if m:
                found[m.group(1)] = m.group(2).strip().strip('"')
    except OSError:
        pass
    return found

values = {}
values.update(os.environ)
values.update(settings(env_file))
for server in os.listdir(servers) if os.path.isdir(servers) else []:
    values.update(settings(os.path.join(servers, server, "server.env")))
    values.update(settings(os.path.join(servers, server, "bootstrap.properties")))
secrets = {v for k, v in values.items() if SECRET_NAME.search(k) and len(v) >= 6}
forms = set()
for s in secrets:
    forms |= {s, urllib.parse.quote(s, safe=""), base64.b64encode(s.encode()).decode().rstrip("=")}
forms = sorted(forms, key=len, reverse=True)

MARK = "[REDACTED]"
PATTERNS = [
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.S), MARK),
    # name=value, name: value, "name": "value", on one line; prose that merely mentions a password keeps
    # its words, and a ${variable} reference (Liberty's configuration) is no secret.
    (re.compile(r"(?i)\b([\w.-]*(?:password|passwd|secret|token|credential)[\w.-]*\"?[ \t]*[=:][ \t]*)(\"?)(?!\$\{)([^\"\s,;<>]+)"),
     lambda m: m.group(1) + m.group(2) + MARK),
    # Redis's "requirepass <value>" and "masterauth <value>".
    (re.compile(r"(?im)^([ \t]*(?:requirepass|masterauth)[ \t]+)(\"?)([^\"\s]+)"), lambda m: m.group(1) + m.group(2) + MARK),
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]*:)[^@/\s]+@"), lambda m: m.group(1) + MARK + "@"),
    (re.compile(r"(?i)\b(bearer[ \t]+)[A-Za-z0-9._~+/=-]{16,}"), lambda m: m.group(1) + MARK),
    (re.compile(r"(?i)(authorization[\"']?[ \t]*[:=][ \t]*[\"']?basic[ \t]+)[A-Za-z0-9+/=]{8,}"), lambda m: m.group(1) + MARK),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), MARK),
    (re.compile(r"\{(xor|aes|hash)\}[A-Za-z0-9+/=]+"), MARK),
]

for root, _, files in os.walk(bundle):
    for name in files:
        path = os.path.join(root, name)
        text = open(path, encoding="utf-8", errors="replace").read()
        for form in forms:
            text = text.replace(form, MARK)
        for pattern, replacement in PATTERNS:
            text = pattern.sub(replacement, text)
        open(path, "w", encoding="utf-8").write(text)
PY

tar -C "$work" -czf "$out.partial" "$(basename "$bundle")" || die "could not write $out"
mv "$out.partial" "$out"
chmod 600 "$out"
log "wrote $out ($(du -h "$out" | cut -f1), $(tar -tzf "$out" | grep -vc '/$') files)"
echo "$out"
