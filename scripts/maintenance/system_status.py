"""The production topology's status on one screen, or as one JSON document (system-status.sh).

system-status.sh hands over what the topology is made of (STATUS_COMPONENTS: "name kind port
pidfile" per line, from scripts/deployment/lib.sh) and where things live; this asks each component
in the way its kind answers, with short timeouts, so that one hung component costs seconds and
shows as down instead of hanging the screen. Standard library only: it runs wherever the topology
does. Exit status 1 when any component is down or not ready.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 3
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- asking components ----------------------------------------------------------------------------

def http(url, timeout=TIMEOUT):
    """The body of a GET, or None when it does not answer 2xx."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as reply:
            return reply.status, reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None, None


def http_json(url):
    body = http(url)
    try:
        return json.loads(body) if body is not None else None
    except ValueError:
        return None


def redis_info(port, password):
    """INFO (and CLUSTER INFO on a cluster's node) as one dict, over RESP by hand: the topology's
    Redis needs no client library here."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
            reader = s.makefile("rb")

            def command(*words):
                s.sendall(b"*%d\r\n" % len(words) + b"".join(
                    b"$%d\r\n%s\r\n" % (len(w.encode()), w.encode()) for w in words))
                header = reader.readline()
                if not header.startswith(b"$"):
                    return None
                body = reader.read(int(header[1:]) + 2).decode("utf-8", "replace")
                return dict(line.split(":", 1) for line in body.splitlines() if ":" in line and not line.startswith("#"))

            if password:
                s.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n" % (len(password.encode()), password.encode()))
                if not reader.readline().startswith(b"+OK"):
                    return None
            info = command("INFO")
            if info is not None and info.get("cluster_enabled") == "1":
                info.update(command("CLUSTER", "INFO") or {})
            return info
    except (OSError, ValueError):
        return None


def sql(node, query):
    """One row of a query on a database node, through its socket as the local admin user."""
    try:
        out = subprocess.run(
            ["mariadb", "--no-defaults", "--socket=" + os.path.join(os.environ["STATUS_DB_PAIR_DIR"], node + ".sock"),
             "-u" + os.environ.get("USER", "root"), "--batch", "--skip-column-names", "-e", query],
            capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return out.stdout.rstrip("\n").split("\t")


def slave_status(node):
    try:
        out = subprocess.run(
            ["mariadb", "--no-defaults", "--socket=" + os.path.join(os.environ["STATUS_DB_PAIR_DIR"], node + ".sock"),
             "-u" + os.environ.get("USER", "root"), "-e", "SHOW SLAVE STATUS\\G"],
            capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return dict((k.strip(), v.strip()) for k, v in
                (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line and not line.startswith("*")))


# --- processes ------------------------------------------------------------------------------------

def listeners():
    """port -> (address, pid) of every listening TCP socket, from one call of ss."""
    found = {}
    try:
        out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, timeout=TIMEOUT).stdout
    except (OSError, subprocess.TimeoutExpired):
        return found
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        address = fields[3]
        port = address.rsplit(":", 1)[-1]
        pid = re.search(r"pid=(\d+)", line)
        found.setdefault(port, (address, int(pid.group(1)) if pid else None))
    return found


def pid_from_file(path):
    try:
        pid = int(open(path).read().strip())
    except (OSError, ValueError):
        return None
    return pid if os.path.exists("/proc/%d" % pid) else None


def uptime_of(pid):
    """Seconds since the process started, from /proc (field 22 of stat is the start in ticks)."""
    if pid is None:
        return None
    try:
        stat = open("/proc/%d/stat" % pid).read()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        system_uptime = float(open("/proc/uptime").read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0, int(system_uptime - start_ticks / CLOCK_TICKS))


def build_info_version(metrics_text):
    """The version an exporter reports in its *_build_info metric."""
    if not metrics_text:
        return None
    found = re.search(r'^\w+_build_info\{[^}]*\bversion="([^"]+)"', metrics_text, re.M)
    return found.group(1) if found else None


def liberty_version():
    try:
        text = open(os.path.join(os.environ["STATUS_WLP"], "lib/versions/openliberty.properties")).read()
    except OSError:
        return None
    found = re.search(r"^com\.ibm\.websphere\.productVersion=(.+)$", text, re.M)
    return "Open Liberty " + found.group(1).strip() if found else None


def nginx_version():
    try:
        out = subprocess.run(["nginx", "-v"], capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"nginx/(\S+)", out.stderr + out.stdout)
    return "nginx " + found.group(1) if found else None


def rsyslog_version():
    try:
        out = subprocess.run(["rsyslogd", "-v"], capture_output=True, text=True, timeout=TIMEOUT).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"rsyslogd\s+([\d.]+)", out)
    return "rsyslog " + found.group(1) if found else None


# --- the components ---------------------------------------------------------------------------------

class Status:
    def __init__(self):
        self.listening = listeners()
        self.writer = os.environ.get("STATUS_WRITER", "primary")
        self.process_details = {}
        for line in os.environ.get("STATUS_PROCESS_DETAILS", "").splitlines():
            parts = line.split(None, 2)
            if len(parts) >= 2:
                self.process_details[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
        self.request_rates = self.prometheus_vector(
            'sum by (instance) (rate(http_server_requests_seconds_count{job="services"}[1m]))')

    def prometheus_vector(self, query):
        """instance -> value of a Prometheus query, or None when Prometheus does not answer."""
        url = os.environ["STATUS_PROMETHEUS"] + "/api/v1/query?query=" + urllib.request.quote(query)
        reply = http_json(url)
        if not reply or reply.get("status") != "success":
            return None
        return {r["metric"].get("instance", ""): float(r["value"][1]) for r in reply["data"]["result"]}

    def component(self, name, kind, port, pidfile):
        address, pid = self.listening.get(port, (None, None)) if port != "-" else (None, None)
        if address:
            # Java listens on IPv6 sockets that take IPv4 too; the address is the IPv4 one.
            address = re.sub(r"^\[::ffff:([\d.]+)\]", r"\1", address)
        if pid is None and pidfile != "-":
            pid = pid_from_file(pidfile)
        entry = {"name": name, "kind": kind, "state": "down", "version": None, "uptimeSeconds": uptime_of(pid),
                 "listen": address, "pid": pid, "detail": ""}
        probe = getattr(self, "probe_" + kind.replace("-", "_"))
        probe(entry, port)
        return entry

    def probe_gateway(self, e, port):
        status, _ = http_status("http://127.0.0.1:%s/api/users/jwks" % port)
        e["version"] = nginx_version()
        if status == 200:
            e["state"], e["detail"] = "up", "the public API answers"
        else:
            e["detail"] = "HTTP %s from /api/users/jwks" % status if status else "no answer on :%s" % port

    def probe_gateway_internal(self, e, port):
        body = http("http://127.0.0.1:%s/stub_status" % port)
        e["version"] = nginx_version()
        if body:
            e["state"] = "up"
            active = re.search(r"Active connections:\s*(\d+)", body)
            e["detail"] = "%s client connection(s) open" % (active.group(1) if active else "?")
        else:
            e["detail"] = "no stub_status on :%s" % port

    def probe_service(self, e, port):
        status, body = http_status("http://127.0.0.1:%s/health/ready" % port)
        e["version"] = liberty_version()
        if self.request_rates is not None:
            e["requestsPerSecond"] = round(self.request_rates.get(e["name"], 0.0), 2)
        if status == 200:
            e["state"] = "ready"
            e["detail"] = "ready"
        elif status is None:
            e["detail"] = "no answer on :%s" % port
        else:
            e["state"] = "not-ready"
            try:
                down = [c["name"] for c in json.loads(body).get("checks", []) if c.get("status") != "UP"]
            except (ValueError, AttributeError, TypeError):
                down = []
            e["detail"] = "HTTP %s%s" % (status, " (down: %s)" % ", ".join(down) if down else "")

    def probe_console(self, e, port):
        status, _ = http_status("http://127.0.0.1:%s/login" % port)
        e["version"] = liberty_version()
        if status == 200:
            e["state"], e["detail"] = "up", "sign-in page answers"
        else:
            e["detail"] = "HTTP %s" % status if status else "no answer on :%s" % port

    def probe_mariadb(self, e, port):
        node = e["name"].removeprefix("mariadb-")
        row = sql(node, "SELECT VERSION(), @@read_only, @@server_id, "
                        "(SELECT variable_value FROM information_schema.global_status WHERE variable_name = 'UPTIME')")
        fenced = os.path.exists(os.path.join(os.environ["STATUS_DB_PAIR_DIR"], node + ".fenced"))
        if row is None:
            e["detail"] = ("fenced: the writer before a promotion; rejoin-replica.sh brings it back" if fenced
                           else "no answer on :%s" % port)
            return
        version, read_only, server_id, uptime = row
        e["version"] = "MariaDB " + version.split("-")[0]
        e["uptimeSeconds"] = int(uptime)
        e["role"] = "writer" if node == self.writer else "replica"
        if node == self.writer:
            e["state"] = "up" if read_only == "0" else "degraded"
            e["detail"] = "the writer" + ("" if read_only == "0" else ", but read-only")
        else:
            status = slave_status(node) or {}
            running = status.get("Slave_IO_Running") == "Yes" and status.get("Slave_SQL_Running") == "Yes"
            lag = status.get("Seconds_Behind_Master")
            e["lagSeconds"] = int(lag) if lag and lag.isdigit() else None
            e["state"] = "up" if running else "degraded"
            e["detail"] = ("replicating from %s, %s s behind" % (self.writer, lag) if running
                           else "not replicating (io=%s, sql=%s)" % (status.get("Slave_IO_Running"), status.get("Slave_SQL_Running")))

    def probe_redis(self, e, port):
        security = e["name"].startswith("redis-security")
        password = os.environ.get("BLOG_REDIS_SECURITY_PASSWORD" if security else "BLOG_REDIS_PASSWORD", "")
        info = redis_info(int(port), password)
        if info is None:
            e["detail"] = "no answer on :%s" % port
            return
        e["state"] = "up"
        e["version"] = "Redis " + info.get("redis_version", "?")
        e["uptimeSeconds"] = int(info.get("uptime_in_seconds", 0))
        used, limit = int(info.get("used_memory", 0)), int(info.get("maxmemory", 0))
        e["memory"] = {"usedBytes": used, "maxBytes": limit, "policy": info.get("maxmemory_policy")}
        e["detail"] = "%s used of %s (%s)" % (size(used), size(limit) if limit else "no limit", info.get("maxmemory_policy"))
        if "cluster_state" in info:
            # A cluster's node: which side of its pair it is, and whether it sees every slot served.
            e["role"] = "primary" if info.get("role") == "master" else "replica"
            e["clusterState"] = info["cluster_state"]
            e["detail"] = "%s, cluster %s, %s" % (e["role"], info["cluster_state"], e["detail"])
            if info["cluster_state"] != "ok":
                e["state"] = "degraded"

    def probe_elasticsearch(self, e, port):
        # The node's own view (not GET /, which this topology's nodes refuse with 405).
        nodes = http_json("http://127.0.0.1:%s/_nodes/_local/stats/jvm?filter_path=nodes.*.name,nodes.*.jvm" % port)
        info = http_json("http://127.0.0.1:%s/_nodes/_local?filter_path=nodes.*.version" % port)
        if not nodes or not nodes.get("nodes"):
            e["detail"] = "no answer on :%s" % port
            return
        e["state"] = "up"
        node = next(iter(nodes["nodes"].values()))
        version = next(iter((info or {}).get("nodes", {}).values()), {}).get("version")
        e["version"] = "Elasticsearch " + version if version else None
        e["uptimeSeconds"] = node["jvm"]["uptime_in_millis"] // 1000
        e["detail"] = "node %s, heap %d %% used" % (node.get("name", "?"), node["jvm"]["mem"]["heap_used_percent"])

    def probe_monitoring(self, e, port):
        name = e["name"]
        if name in ("prometheus", "alertmanager"):
            ready = http("http://127.0.0.1:%s/-/ready" % port) is not None
            if name == "prometheus":
                build = http_json("http://127.0.0.1:%s/api/v1/status/buildinfo" % port) or {}
                version = build.get("data", {}).get("version")
            else:
                build = http_json("http://127.0.0.1:%s/api/v2/status" % port) or {}
                version = build.get("versionInfo", {}).get("version")
        else:
            metrics = http("http://127.0.0.1:%s/metrics" % port)
            ready, version = metrics is not None, build_info_version(metrics)
        e["version"] = "%s %s" % (re.sub(r"-(primary|replica|\d+)$", "", name), version) if version else None
        if ready:
            e["state"], e["detail"] = "up", "answers"
        else:
            e["detail"] = "no answer on :%s" % port

    def probe_process(self, e, _port):
        state, detail = self.process_details.get(e["name"], ("FAIL", "no status"))
        e["version"] = rsyslog_version() if e["name"] == "log-shipper" else None
        e["state"] = "up" if state == "ok" else ("down" if e["pid"] is None else "degraded")
        e["detail"] = detail


# --- the rest of the screen -----------------------------------------------------------------------------

def elasticsearch_cluster(components):
    for c in components:
        if c["kind"] == "elasticsearch" and c["state"] == "up":
            port = c["listen"].rsplit(":", 1)[-1] if c["listen"] else None
            health = http_json("http://127.0.0.1:%s/_cluster/health" % port) if port else None
            if health:
                return {"status": health["status"], "nodes": health["number_of_nodes"],
                        "activeShards": health["active_shards"], "unassignedShards": health["unassigned_shards"]}
    return {"status": "unreachable", "nodes": 0}


def disk_use():
    """Bytes under each top-level folder of the deployment, and what the file system has left."""
    root = os.environ["STATUS_PROD_DIR"]
    folders = []
    try:
        names = sorted(os.listdir(root))
    except OSError:
        names = []
    for name in names:
        path = os.path.join(root, name)
        if not os.path.isdir(path) or os.path.islink(path):
            continue
        try:
            out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, timeout=30).stdout
            folders.append({"folder": name, "bytes": int(out.split()[0])})
        except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
            folders.append({"folder": name, "bytes": None})
    usage = shutil.disk_usage(root) if os.path.isdir(root) else None
    return {"root": root, "folders": folders,
            "freeBytes": usage.free if usage else None, "totalBytes": usage.total if usage else None}


def last_backup():
    """From the metrics the backup tool writes for Prometheus (blog_backup.py write_metrics)."""
    path = os.path.join(os.environ["STATUS_TEXTFILE_DIR"], "blog_backup.prom")
    try:
        text = open(path).read()
    except OSError:
        return {"ageSeconds": None, "lastStatusOk": None}
    success = re.search(r'^blog_backup_last_success_timestamp_seconds\{kind="database"\} (\S+)', text, re.M)
    status = re.search(r'^blog_backup_last_status\{kind="database"\} (\S+)', text, re.M)
    age = int(time.time() - float(success.group(1))) if success else None
    return {"ageSeconds": age, "lastStatusOk": status.group(1) == "1" if status else None}


def firing_alerts():
    reply = http_json(os.environ["STATUS_ALERTMANAGER"] + "/api/v2/alerts?active=true&silenced=false&inhibited=false")
    if reply is None:
        return None
    return sorted(({"name": a["labels"].get("alertname"), "severity": a["labels"].get("severity"),
                    "since": a.get("startsAt"), "summary": a.get("annotations", {}).get("summary", "")} for a in reply),
                  key=lambda a: (a["severity"] != "page", a["name"] or ""))


# --- rendering ---------------------------------------------------------------------------------------

def size(n):
    if n is None:
        return "?"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return ("%d %s" % (n, unit)) if unit == "B" else ("%.1f %s" % (n, unit))
        n /= 1024


def duration(seconds):
    if seconds is None:
        return "-"
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return "%dd%02dh" % (days, hours)
    if hours:
        return "%dh%02dm" % (hours, minutes)
    return "%dm%02ds" % (minutes, secs) if minutes else "%ds" % secs


def render_text(doc):
    lines = ["Blog production topology, %s (%s)" % (doc["time"], "healthy" if doc["healthy"] else
                                                       "%d component(s) down or not ready" % len(doc["unhealthy"])), ""]
    lines.append("%-26s %-9s %-30s %-8s %-21s %s" % ("COMPONENT", "STATE", "VERSION", "UPTIME", "LISTEN", "DETAIL"))
    for c in doc["components"]:
        detail = c["detail"]
        if "requestsPerSecond" in c and c["state"] == "ready":
            detail += ", %.2f req/s" % c["requestsPerSecond"]
        lines.append("%-26s %-9s %-30s %-8s %-21s %s" % (c["name"], c["state"], (c["version"] or "-")[:30],
                                                        duration(c["uptimeSeconds"]), c["listen"] or "-", detail))
    lines.append("")
    repl = doc["replication"]
    lines.append("Replication:   writer %s; %s" % (repl["writer"], "replica %s s behind" % repl["lagSeconds"]
                                                    if repl["lagSeconds"] is not None else "no replica replicating"))
    for r in doc["redis"]:
        lines.append("Redis:         %-15s %s" % (r["name"], r["detail"]))
    es = doc["elasticsearch"]
    lines.append("Elasticsearch: cluster %s, %s node(s)%s" % (es["status"], es["nodes"],
                 ", %d shard(s) unassigned" % es["unassignedShards"] if es.get("unassignedShards") else ""))
    disk = doc["disk"]
    lines.append("Disk:          %s: %s; %s free of %s" % (
        disk["root"], ", ".join("%s %s" % (f["folder"], size(f["bytes"])) for f in disk["folders"]) or "nothing yet",
        size(disk["freeBytes"]), size(disk["totalBytes"])))
    backup = doc["backup"]
    lines.append("Last backup:   %s" % ("none yet" if backup["ageSeconds"] is None else "%s ago%s" % (
        duration(backup["ageSeconds"]), "" if backup["lastStatusOk"] else ", and the latest attempt FAILED")))
    alerts = doc["alerts"]
    if alerts is None:
        lines.append("Alerts:        Alertmanager does not answer")
    elif not alerts:
        lines.append("Alerts:        none firing")
    else:
        lines.append("Alerts:        %d firing" % len(alerts))
        lines.extend("  %-6s %-32s since %s  %s" % (a["severity"], a["name"], a["since"], a["summary"]) for a in alerts)
    return "\n".join(lines)


def main(argv):
    fmt = argv[1] if len(argv) > 1 else "text"
    status = Status()
    rows = [line.split() for line in os.environ.get("STATUS_COMPONENTS", "").splitlines() if line.strip()]
    # Asked side by side: a screen costs the slowest component's time, not the sum.
    with ThreadPoolExecutor(max_workers=8) as pool:
        components = list(pool.map(lambda row: status.component(*row), rows))
    unhealthy = [c["name"] for c in components if c["state"] not in ("up", "ready")]
    replica = next((c for c in components if c["kind"] == "mariadb" and c.get("role") == "replica"), {})
    doc = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "healthy": not unhealthy,
        "unhealthy": unhealthy,
        "components": components,
        "replication": {"writer": status.writer, "lagSeconds": replica.get("lagSeconds")},
        "redis": [{"name": c["name"], "detail": c["detail"], **c.get("memory", {}),
                   **({"role": c["role"], "clusterState": c["clusterState"]} if "clusterState" in c else {})}
                  for c in components if c["kind"] == "redis"],
        "elasticsearch": elasticsearch_cluster(components),
        "disk": disk_use(),
        "backup": last_backup(),
        "alerts": firing_alerts(),
    }
    print(json.dumps(doc, indent=2) if fmt == "json" else render_text(doc))
    return 0 if doc["healthy"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
