#!/usr/bin/env python3
"""Backups of the production topology, the one implementation behind backup-database.sh,
restore-database.sh and binlog-archiver.sh (and so behind the operations console, which runs those
scripts with --progress=json and reads the catalogue they keep).

A backup is one folder under $BLOG_BACKUP_DIR named after its UTC start time:
  data.mbstream.zst   mariadb-backup's physical copy of the replica (all schemas, grants), zstd
  redis.rdb.zst       an RDB snapshot of the cache Redis (view totals not yet flushed; the
                      security-state Redis is not backed up: README, Backups); of a Redis
                      Cluster, one per primary: redis-<port>.rdb.zst, together every slot
  SHA256SUMS          one line per file above
  manifest.json       start, end, GTID, sizes, row counts and CHECKSUM TABLE per table, tool
                      versions, status, verification
Archived binlogs of the primary live beside them in $BLOG_BACKUP_DIR/binlogs, each closed file
with a .sha256 next to it.

Why the replica: the backup freezes the replica's SQL thread, copies it and counts and checksums
every table while nothing changes there, then lets it catch up; the primary (and every writer)
never waits. The GTID at which the replica stood is the backup's position in the primary's
binlogs, from which restores replay.

Every failure the operator can cause or meet (unknown or corrupt backup, a time outside what the
binlogs cover, a full disk, a missing tool, a busy target) ends as one line on stderr and exit 1.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SCHEMAS = ("blog_users", "blog_posts", "blog_comments")
DATA_FILE = "data.mbstream.zst"
# A replica-shaped server id for the binlog stream; the pair uses 1 (primary) and 2 (replica).
ARCHIVER_SERVER_ID = 1001
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class Fail(Exception):
    """An error the operator reads as one line."""


# --- environment ------------------------------------------------------------------------------

def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise Fail(f"{name} is not set (run through the scripts in scripts/maintenance, which read the env file)")
    return value


class Topology:
    def __init__(self):
        self.prod_dir = env("BLOG_PROD_DIR")
        self.pair_dir = env("BLOG_DB_PAIR_DIR")
        self.backup_dir = env("BLOG_BACKUP_DIR")
        self.archive_dir = os.path.join(self.backup_dir, "binlogs")
        self.restore_dir = os.path.join(self.prod_dir, "restores")
        self.metrics_dir = env("BLOG_METRICS_TEXTFILE_DIR")
        self.primary_host = env("BLOG_DB_PRIMARY_HOST", "127.0.0.1")
        self.node_ports = {"primary": int(env("BLOG_DB_PRIMARY_PORT")), "replica": int(env("BLOG_DB_REPLICA_PORT"))}
        self.redis_host = env("BLOG_REDIS_HOST", "127.0.0.1")
        self.redis_port = int(env("BLOG_REDIS_PORT"))
        # A Redis Cluster (scripts/deployment/lib.sh, BLOG_REDIS_MODE) is asked node by node.
        self.redis_cluster_ports = ([int(p) for p in env("BLOG_REDIS_CLUSTER_PORTS", "").split()]
                                    if env("BLOG_REDIS_MODE", "single") == "cluster" else [])
        self.redis_password = env("BLOG_REDIS_PASSWORD", "")
        self.repl_password = env("BLOG_REPL_PASSWORD", "")
        self.keep_daily = int(env("BLOG_BACKUP_KEEP_DAILY", "7"))
        self.keep_weekly = int(env("BLOG_BACKUP_KEEP_WEEKLY", "4"))

    def writer(self):
        """The node that takes writes. The pair's nodes are named after the role they started in;
        after a promotion the file "writer" names the other one (scripts/dev/mariadb-pair.sh)."""
        try:
            with open(os.path.join(self.pair_dir, "writer")) as f:
                return f.read().strip() or "primary"
        except FileNotFoundError:
            return "primary"

    def replica(self):
        return "replica" if self.writer() == "primary" else "primary"

    def primary_port(self):
        return self.node_ports[self.writer()]

    def socket(self, node):
        return os.path.join(self.pair_dir, f"{node}.sock")

    def datadir(self, role):
        return os.path.join(self.pair_dir, role)


PACKAGES = {"mariadb-backup": "mariadb-backup", "mbstream": "mariadb-backup", "mariadb": "mariadb-client",
            "mariadb-binlog": "mariadb-client", "mariadb-admin": "mariadb-client", "mariadbd": "mariadb-server",
            "zstd": "zstd", "redis-cli": "redis-tools"}


def need_tools(*tools):
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        packages = " ".join(dict.fromkeys(PACKAGES[t] for t in missing))
        raise Fail(f"missing tool(s): {' '.join(missing)} (Debian: apt-get install {packages})")


def now():
    return dt.datetime.now(dt.timezone.utc)


def stamp(moment):
    return moment.strftime(TIME_FORMAT)


def parse_time(text):
    """An instant in UTC: 2026-12-05T06:40:45Z, 2026-12-05 06:40:45 (UTC) or with an offset."""
    value = text.strip().replace(" ", "T")
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Fail(f"cannot read the time '{text}' (use UTC like 2026-12-05T06:40:45Z)")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


# --- progress ----------------------------------------------------------------------------------

class Progress:
    def __init__(self, mode, tool):
        self.mode, self.tool = mode, tool

    def __call__(self, step, message, **fields):
        if self.mode == "json":
            print(json.dumps({"time": stamp(now()), "step": step, "message": message, **fields}), flush=True)
        else:
            print(f"{self.tool}: {message}", flush=True)


# --- MariaDB -----------------------------------------------------------------------------------

def sql(sock, query):
    """Rows of a query run as root over the Unix socket, each a list of strings."""
    return run_sql(["--no-defaults", f"--socket={sock}", "-uroot"], sock, query)


def sql_as(cnf, query):
    """Rows of a query run with the account and address of an option file (the archiver's)."""
    return run_sql([f"--defaults-file={cnf}"], "the primary", query)


def run_sql(connection, where, query):
    done = subprocess.run(["mariadb", *connection, "--batch", "--skip-column-names", "-e", query],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise Fail(f"MariaDB ({where}): {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'no answer'}")
    return [line.split("\t") for line in done.stdout.splitlines()]


def replica_status(sock):
    cmd = ["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "-e", "SHOW SLAVE STATUS\\G"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise Fail(f"the replica does not answer on {sock}")
    status = {}
    for line in done.stdout.splitlines():
        if ":" in line:
            key, _, value = line.partition(":")
            status[key.strip()] = value.strip()
    return status


def table_facts(sock):
    """{"schema.table": {"rows": n, "checksum": c}} for every base table of the blog's schemas."""
    names = sql(sock, "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                      "AND table_schema IN ('" + "','".join(SCHEMAS) + "') ORDER BY 1, 2")
    facts = {}
    for schema, table in names:
        rows = int(sql(sock, f"SELECT COUNT(*) FROM `{schema}`.`{table}`")[0][0])
        checksum = sql(sock, f"CHECKSUM TABLE `{schema}`.`{table}` EXTENDED")[0][1]
        facts[f"{schema}.{table}"] = {"rows": rows, "checksum": checksum}
    return facts


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


class Scratch:
    """A throwaway mariadbd on a restored datadir: socket only, or 127.0.0.1:port when asked."""

    def __init__(self, datadir, port=None, log_bin=False):
        self.datadir = os.path.abspath(datadir)
        self.home = os.path.dirname(self.datadir)
        self.sock = os.path.join(self.home, "mysqld.sock")
        self.pid_file = os.path.join(self.home, "mysqld.pid")
        self.port = port
        self.log_bin = log_bin

    def start(self):
        network = [f"--port={self.port}", "--bind-address=127.0.0.1"] if self.port else ["--skip-networking"]
        binlog = [f"--log-bin={os.path.join(self.datadir, 'restored-bin')}", "--binlog-format=ROW"] if self.log_bin else []
        tmp = os.path.join(self.home, "tmp")
        os.makedirs(tmp, exist_ok=True)
        # --skip-slave-start: the copy comes from the replica, whose replication settings it keeps
        # until RESET SLAVE ALL below; it must never connect to the live primary.
        cmd = ["mariadbd", "--no-defaults", "--user=root", f"--datadir={self.datadir}", f"--socket={self.sock}",
               f"--pid-file={self.pid_file}", f"--log-error={os.path.join(self.home, 'mysqld.err')}", f"--tmpdir={tmp}",
               "--skip-slave-start", "--server-id=900", "--gtid-domain-id=0", "--skip-name-resolve",
               "--innodb-buffer-pool-size=128M", "--character-set-server=utf8mb4",
               "--collation-server=utf8mb4_general_ci", *network, *binlog]
        self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            ping = subprocess.run(["mariadb-admin", "--no-defaults", f"--socket={self.sock}", "-uroot", "ping"],
                                  capture_output=True)
            if ping.returncode == 0:
                sql(self.sock, "STOP SLAVE; RESET SLAVE ALL")
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise Fail(f"the restored server did not start (log: {os.path.join(self.home, 'mysqld.err')})")

    def stop(self):
        """A clean InnoDB shutdown (SIGTERM), waited for; never SIGKILL."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            raise Fail(f"the restored server (pid {self.process.pid}) did not stop within 120 s")


def port_busy(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


# --- files -------------------------------------------------------------------------------------

def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path, text):
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def megabytes(n):
    return f"{n / 1e6:.1f} MB"


# --- catalogue ---------------------------------------------------------------------------------

def manifest_path(topo, backup_id):
    return os.path.join(topo.backup_dir, backup_id, "manifest.json")


def catalogue(topo):
    """Every backup's manifest, newest first (failed ones included, partial ones not)."""
    found = []
    if os.path.isdir(topo.backup_dir):
        for name in os.listdir(topo.backup_dir):
            path = manifest_path(topo, name)
            if re.fullmatch(r"\d{8}T\d{6}Z", name) and os.path.isfile(path):
                try:
                    with open(path) as f:
                        found.append(json.load(f))
                except (OSError, ValueError):
                    found.append({"id": name, "status": "unreadable"})
    return sorted(found, key=lambda m: m["id"], reverse=True)


def find_backup(topo, ref):
    """A backup by id, folder path, 'latest' or 'latest-verified'; its manifest."""
    entries = [m for m in catalogue(topo) if m.get("status") == "ok"]
    if ref == "latest":
        if not entries:
            raise Fail(f"there is no successful backup in {topo.backup_dir}")
        return entries[0]
    if ref == "latest-verified":
        verified = [m for m in entries if (m.get("verification") or {}).get("verified")]
        if not verified:
            raise Fail(f"there is no verified backup in {topo.backup_dir}")
        return verified[0]
    backup_id = os.path.basename(os.path.normpath(ref))
    path = manifest_path(topo, backup_id)
    if not os.path.isfile(path):
        raise Fail(f"no backup '{ref}' in {topo.backup_dir} (list them with backup-database.sh --list)")
    try:
        with open(path) as f:
            manifest = json.load(f)
    except ValueError:
        raise Fail(f"backup {backup_id}: manifest.json is not valid JSON (corrupt backup)")
    if manifest.get("status") != "ok":
        raise Fail(f"backup {backup_id} did not complete (status {manifest.get('status')}): it cannot be restored")
    return manifest


def check_files(topo, manifest):
    """Fails on a missing file or a SHA-256 that differs from SHA256SUMS and the manifest."""
    folder = os.path.join(topo.backup_dir, manifest["id"])
    sums = {}
    try:
        with open(os.path.join(folder, "SHA256SUMS")) as f:
            for line in f:
                digest, _, name = line.strip().partition("  ")
                sums[name] = digest
    except OSError:
        raise Fail(f"backup {manifest['id']}: SHA256SUMS is missing (corrupt backup)")
    for name, expected in manifest["files"].items():
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise Fail(f"backup {manifest['id']}: {name} is missing (corrupt backup)")
        actual = sha256_of(path)
        if actual != expected["sha256"] or sums.get(name) != expected["sha256"]:
            raise Fail(f"backup {manifest['id']}: checksum mismatch on {name} (corrupt backup; restore an older one)")


def save_manifest(topo, manifest, folder=None):
    folder = folder or os.path.join(topo.backup_dir, manifest["id"])
    write_atomically(os.path.join(folder, "manifest.json"), json.dumps(manifest, indent=2) + "\n")


def write_metrics(topo):
    """The catalogue as Prometheus text for node-exporter's textfile collector (job="node")."""
    entries = catalogue(topo)
    lines = []

    def metric(name, help_text, value):
        lines.extend([f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f'{name}{{kind="database"}} {value}'])

    finished = [m for m in entries if m.get("status") in ("ok", "failed")]
    if finished:
        metric("blog_backup_last_status", "1 if the newest backup succeeded, 0 if it failed",
               1 if finished[0]["status"] == "ok" else 0)
    good = [m for m in entries if m.get("status") == "ok"]
    if good:
        last = good[0]
        metric("blog_backup_last_success_timestamp_seconds", "end of the newest successful backup",
               parse_time(last["end"]).timestamp())
        metric("blog_backup_last_duration_seconds", "duration of the newest successful backup", last["durationSeconds"])
        metric("blog_backup_last_size_bytes", "size of the newest successful backup",
               sum(f["bytes"] for f in last["files"].values()))
    checked = [m for m in good if m.get("verification")]
    if checked:
        newest = max(checked, key=lambda m: m["verification"]["at"])
        metric("blog_backup_last_verify_status", "1 if the newest verification restored matching data, 0 if not",
               1 if newest["verification"]["verified"] else 0)
        metric("blog_backup_last_verify_timestamp_seconds", "when the newest verification ran",
               parse_time(newest["verification"]["at"]).timestamp())
    metric("blog_backup_count", "backups in the catalogue", len(good))
    write_atomically(os.path.join(topo.metrics_dir, "blog_backup.prom"), "\n".join(lines) + "\n")


def retention(topo, say):
    """Keeps the newest backup of each of the last N days and M ISO weeks, and always the newest
    verified one; deletes other successful and failed backups, and archived binlogs that only
    hold events from before the oldest backup kept."""
    entries = catalogue(topo)
    good = [m for m in entries if m.get("status") == "ok"]
    keep = set()
    days, weeks = [], []
    for m in good:
        start = parse_time(m["start"])
        day, week = start.date(), start.isocalendar()[:2]
        if day not in days and len(days) < topo.keep_daily:
            days.append(day)
            keep.add(m["id"])
        if week not in weeks and len(weeks) < topo.keep_weekly:
            weeks.append(week)
            keep.add(m["id"])
    verified = [m for m in good if (m.get("verification") or {}).get("verified")]
    if verified:
        keep.add(verified[0]["id"])
    if good:
        keep.add(good[0]["id"])
    newest_good = good[0]["id"] if good else ""
    for m in entries:
        failed_and_old = m.get("status") != "ok" and m["id"] < newest_good
        if (m.get("status") == "ok" and m["id"] not in keep) or failed_and_old:
            shutil.rmtree(os.path.join(topo.backup_dir, m["id"]))
            say("retention", f"deleted backup {m['id']} ({m.get('status')})", backup=m["id"])
    kept = [m for m in good if m["id"] in keep]
    if kept and os.path.isdir(topo.archive_dir):
        oldest_start = min(parse_time(m["start"]) for m in kept).timestamp()
        files = archived_binlogs(topo)
        # The newest file is never deleted (the archiver writes to it); a closed file whose last
        # write came before the oldest kept backup started holds nothing a restore replays.
        for path in files[:-1]:
            if os.path.getmtime(path) < oldest_start - 3600:
                os.unlink(path)
                if os.path.exists(path + ".sha256"):
                    os.unlink(path + ".sha256")
                say("retention", f"deleted archived binlog {os.path.basename(path)}")


# --- backup ------------------------------------------------------------------------------------

def cmd_backup(topo, args):
    say = Progress(args.progress, "backup-database")
    need_tools("mariadb-backup", "mariadb", "zstd", "redis-cli")
    replica = topo.socket(topo.replica())
    status = replica_status(replica)
    if status.get("Slave_IO_Running") != "Yes" or status.get("Slave_SQL_Running") != "Yes":
        raise Fail("the replica is not replicating (IO " + status.get("Slave_IO_Running", "?") + ", SQL "
                   + status.get("Slave_SQL_Running", "?") + "); mend it first (health-check.sh), a backup of a stale copy would mislead")
    os.makedirs(topo.backup_dir, exist_ok=True)
    needed = sum(du(os.path.join(topo.datadir("replica"), s)) for s in SCHEMAS + ("mysql",))
    free = shutil.disk_usage(topo.backup_dir).free
    if free < needed:
        raise Fail(f"not enough space in {topo.backup_dir}: about {megabytes(needed)} needed, {megabytes(free)} free")

    started = now()
    backup_id = stamp(started).replace("-", "").replace(":", "")
    if os.path.exists(os.path.join(topo.backup_dir, backup_id)):
        raise Fail(f"a backup {backup_id} exists already; try again in a second")
    folder = os.path.join(topo.backup_dir, backup_id + ".partial")
    os.makedirs(folder)
    manifest = {"id": backup_id, "status": "running", "start": stamp(started), "source": "replica",
                "schemas": list(SCHEMAS)}
    say("start", f"backup {backup_id} of {', '.join(SCHEMAS)} from the replica into {topo.backup_dir}", backup=backup_id)
    try:
        run_backup(topo, manifest, folder, say)
    except BaseException as failure:
        manifest.update(status="failed", end=stamp(now()), error=str(failure) or type(failure).__name__)
        # A failed backup keeps its manifest and logs, not half-written copies.
        for name in os.listdir(folder):
            if name.endswith((".zst", ".rdb")):
                os.unlink(os.path.join(folder, name))
        final = os.path.join(topo.backup_dir, backup_id)
        try:
            os.replace(folder, final)
            save_manifest(topo, manifest)
            write_metrics(topo)
        except OSError:
            pass
        say("failed", f"backup {backup_id} failed: {manifest['error']}", backup=backup_id)
        if isinstance(failure, OSError) and failure.errno == 28:
            raise Fail(f"disk full in {topo.backup_dir} while writing backup {backup_id}; nothing else was touched")
        raise
    os.replace(folder, os.path.join(topo.backup_dir, backup_id))
    save_manifest(topo, manifest)
    total = sum(f["bytes"] for f in manifest["files"].values())
    say("done", f"backup {backup_id} ok: {megabytes(total)} in {manifest['durationSeconds']:.1f} s, GTID {manifest['gtid']}",
        backup=backup_id, bytes=total, durationSeconds=manifest["durationSeconds"], gtid=manifest["gtid"])
    retention(topo, say)
    write_metrics(topo)


def run_backup(topo, manifest, folder, say):
    replica = topo.socket(topo.replica())
    t0 = time.monotonic()
    # Freeze the replica: from here until START SLAVE nothing changes its data, so the copy, the
    # row counts and the checksums all describe the same GTID. The IO thread keeps fetching.
    sql(replica, "STOP SLAVE SQL_THREAD")
    try:
        for _ in range(100):
            if replica_status(replica).get("Slave_SQL_Running") == "No":
                break
            time.sleep(0.1)
        gtid = sql(replica, "SELECT @@GLOBAL.gtid_slave_pos")[0][0]
        manifest.update(gtid=gtid, consistentAt=stamp(now()))
        say("freeze", f"replica paused at GTID {gtid}", gtid=gtid)
        copy_database(replica, os.path.join(folder, DATA_FILE), say)
        say("tables", "counting rows and checksumming every table")
        manifest["tables"] = table_facts(replica)
    finally:
        sql(replica, "START SLAVE SQL_THREAD")
    say("resume", "replica replicating again")

    names = [DATA_FILE] + redis_snapshots(topo, folder, say)
    files = {}
    for name in names:
        path = os.path.join(folder, name)
        files[name] = {"bytes": os.path.getsize(path), "sha256": sha256_of(path)}
    write_atomically(os.path.join(folder, "SHA256SUMS"), "".join(f"{v['sha256']}  {k}\n" for k, v in files.items()))
    ended = now()
    manifest.update(status="ok", end=stamp(ended), durationSeconds=round(time.monotonic() - t0, 3), files=files,
                    tools={"mariadb-backup": tool_version(["mariadb-backup", "--version"]),
                           "zstd": tool_version(["zstd", "--version"]),
                           "redis": tool_version(["redis-cli", "--version"])},
                    verification=None)


def redis_cli(topo, port, *args, **kwargs):
    return subprocess.run(["redis-cli", "-h", topo.redis_host, "-p", str(port), *args],
                          env={**os.environ, "REDISCLI_AUTH": topo.redis_password}, capture_output=True, text=True, **kwargs)


def redis_snapshots(topo, folder, say):
    """The cache Redis's RDB, taken as a replica would take it; of a cluster, every primary's
    (each holds a third of the slots). Returns the files written."""
    if topo.redis_cluster_ports:
        roles = {port: redis_cli(topo, port, "role", timeout=10).stdout.split("\n", 1)[0].strip()
                 for port in topo.redis_cluster_ports}
        primaries = [port for port, role in roles.items() if role == "master"]
        # Three primaries cover every slot; fewer answering means a failover is under way or the
        # cluster is down, and a snapshot of part of it would not say so.
        if len(primaries) != 3:
            raise Fail(f"Redis snapshot failed: {len(primaries)} of the cluster's nodes answer as primaries, not 3 "
                       f"(scripts/deployment/redis.sh status)")
        snapshots = [(port, f"redis-{port}.rdb") for port in primaries]
    else:
        snapshots = [(topo.redis_port, "redis.rdb")]
    names = []
    for port, name in snapshots:
        say("redis", f"Redis snapshot (RDB) of :{port}")
        rdb = os.path.join(folder, name)
        redis = redis_cli(topo, port, "--rdb", rdb)
        if redis.returncode != 0 or not os.path.isfile(rdb):
            raise Fail(f"Redis snapshot of :{port} failed: {(redis.stderr or redis.stdout).strip()}")
        subprocess.run(["zstd", "-q", "--rm", "-3", rdb, "-o", rdb + ".zst"], check=True)
        names.append(name + ".zst")
    return names


def copy_database(sock, target, say):
    """mariadb-backup's stream, compressed, into target; bytes written reported every second."""
    log_path = target + ".log"
    with open(target, "wb") as out, open(log_path, "w") as log:
        backup = subprocess.Popen(["mariadb-backup", "--no-defaults", "--backup", f"--socket={sock}", "--user=root",
                                   "--stream=mbstream", f"--target-dir={os.path.dirname(target)}"],
                                  stdout=subprocess.PIPE, stderr=log)
        compress = subprocess.Popen(["zstd", "-q", "-3", "-T0"], stdin=backup.stdout, stdout=out,
                                    stderr=subprocess.PIPE)
        backup.stdout.close()
        while compress.poll() is None:
            time.sleep(1)
            if compress.poll() is None:
                say("copy", f"copied {megabytes(os.path.getsize(target))} (compressed) so far",
                    bytes=os.path.getsize(target))
        backup.wait()
        out.flush()
        os.fsync(out.fileno())
    if compress.returncode != 0:
        err = compress.stderr.read().decode().strip()
        if "No space" in err:
            raise OSError(28, "No space left on device")
        raise Fail(f"zstd failed: {err}")
    if backup.returncode != 0:
        tail = open(log_path).read().strip().splitlines()[-1:]
        raise Fail(f"mariadb-backup failed: {tail[0] if tail else 'exit ' + str(backup.returncode)} (log {log_path})")
    os.unlink(log_path)


def cmd_list(topo, args):
    entries = catalogue(topo)
    if args.json:
        print(json.dumps(entries, indent=2))
        return
    if not entries:
        print(f"no backups in {topo.backup_dir}")
        return
    print(f"{'backup':<18} {'status':<8} {'size':>10} {'duration':>9}  {'GTID':<14} verified")
    for m in entries:
        size = sum(f["bytes"] for f in m.get("files", {}).values())
        v = m.get("verification") or {}
        verified = ("yes " + v["at"]) if v.get("verified") else ("FAILED " + v["at"] if v else "not yet")
        print(f"{m['id']:<18} {m.get('status', '?'):<8} {megabytes(size):>10} {m.get('durationSeconds', 0):>8.1f}s  "
              f"{m.get('gtid', '-'):<14} {verified}")


# --- binlog archive ----------------------------------------------------------------------------

def archived_binlogs(topo):
    """The archived binlogs of the node that is the writer now, in order. After a promotion the
    archive also holds the other node's files (numbered on their own, and the one cut off by the
    crash ahead of what it kept); the writer's own binlog holds the whole history (each node logs
    what it applies), so a restore reads that line alone."""
    if not os.path.isdir(topo.archive_dir):
        return []
    prefix = re.escape(f"{topo.writer()}-bin")
    names = [n for n in os.listdir(topo.archive_dir) if re.fullmatch(prefix + r"\.\d{6}", n)]
    return [os.path.join(topo.archive_dir, n) for n in sorted(names, key=lambda n: int(n.rsplit(".", 1)[1]))]


def archive_status(topo):
    try:
        with open(os.path.join(topo.archive_dir, "status.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def binlog_events(paths):
    """(time, gtid) of each transaction in the given binlog files, in order."""
    if not paths:
        return []
    out = subprocess.run(["mariadb-binlog", "--no-defaults", *paths], capture_output=True, text=True,
                         env={**os.environ, "TZ": "UTC"})
    events = []
    for match in re.finditer(r"^#(\d{6})\s+(\d{1,2}:\d{2}:\d{2}) server id \d+ .*GTID (\d+-\d+-\d+)", out.stdout, re.M):
        moment = dt.datetime.strptime(match.group(1) + " " + match.group(2), "%y%m%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)
        events.append((moment, match.group(3)))
    return events


def archive_coverage(topo):
    """(last archived transaction (time, gtid) or None, the time up to which the archive is
    complete: when the archiver last saw it equal to the primary, else that last transaction)."""
    files = [p for p in archived_binlogs(topo) if os.path.getsize(p) > 0]
    last = None
    for path in reversed(files):
        events = binlog_events([path])
        if events:
            last = events[-1]
            break
    complete_until = last[0] if last else None
    caught_up = archive_status(topo).get("caughtUpAt")
    if caught_up:
        caught = parse_time(caught_up)
        complete_until = max(complete_until, caught) if complete_until else caught
    return last, complete_until


def cmd_archive(topo, args):
    """Streams the primary's binlogs into the archive until stopped (binlog-archiver.sh runs it).
    It needs no access to the primary's host: the account repl (REPLICATION SLAVE to stream,
    BINLOG MONITOR to list the binlogs) over TCP, so it runs beside the database or in a pod."""
    need_tools("mariadb-binlog", "mariadb")
    os.makedirs(topo.archive_dir, exist_ok=True)
    cnf = os.path.join(topo.archive_dir, ".client.cnf")

    def point_at_writer():
        # Again before each connection: after a promotion the writer is the other node.
        # The replication account's password goes through a file only root reads, never argv.
        fd = os.open(cnf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"[client]\nuser=repl\npassword={topo.repl_password}\nhost={topo.primary_host}\nport={topo.primary_port()}\n")
    point_at_writer()
    stop = threading.Event()
    child = [None]

    def on_term(*_):
        stop.set()
        if child[0] and child[0].poll() is None:
            child[0].terminate()
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    write_metrics(topo)
    while not stop.is_set():
        point_at_writer()
        streaming_from = topo.writer()
        try:
            on_primary = [row[0] for row in sql_as(cnf, "SHOW BINARY LOGS")]
        except Fail as failure:
            log_line(f"primary not reachable ({failure}); retrying")
            stop.wait(5)
            continue
        files = archived_binlogs(topo)
        first = os.path.basename(files[-1]) if files else on_primary[0]
        if first not in on_primary:
            log_line(f"the primary no longer has {first}; archiving from {on_primary[0]} (events in between are not archived)")
            first = on_primary[0]
        log_line(f"streaming from {first}")
        child[0] = subprocess.Popen(["mariadb-binlog", f"--defaults-file={cnf}", "--read-from-remote-server", "--raw",
                                     "--stop-never", f"--stop-never-slave-server-id={ARCHIVER_SERVER_ID}",
                                     f"--result-file={topo.archive_dir}/", first],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while child[0].poll() is None and not stop.is_set():
            if topo.writer() != streaming_from:
                # A promotion or a rejoin moved the writer role: the old stream may go on (a
                # replica logs what it applies) but is no longer the writer's binlog.
                log_line(f"the writer is now {topo.writer()}; following it")
                child[0].terminate()
                child[0].wait()
                break
            archive_tick(topo, cnf)
            stop.wait(2)
        if not stop.is_set():
            log_line(f"stream ended ({(child[0].stderr.read() or '').strip() or 'exit ' + str(child[0].returncode)}); reconnecting")
            stop.wait(2)
    if child[0] and child[0].poll() is None:
        child[0].terminate()
        child[0].wait()
    archive_tick(topo, cnf)


def log_line(message):
    print(f"{stamp(now())} binlog-archiver: {message}", flush=True)


def archive_tick(topo, cnf):
    """Checksums closed files, notes whether the archive holds everything the primary wrote."""
    files = archived_binlogs(topo)
    for path in files[:-1]:
        if not os.path.exists(path + ".sha256"):
            write_atomically(path + ".sha256", f"{sha256_of(path)}  {os.path.basename(path)}\n")
    status = archive_status(topo)
    try:
        row = sql_as(cnf, "SHOW MASTER STATUS")[0]
        current, position = row[0], int(row[1])
        archived = os.path.join(topo.archive_dir, current)
        if os.path.exists(archived) and os.path.getsize(archived) >= position:
            status["caughtUpAt"] = stamp(now())
        status.update(primaryFile=current, primaryPosition=position,
                      archivedBytes=os.path.getsize(archived) if os.path.exists(archived) else 0)
    except (Fail, IndexError, ValueError, OSError):
        pass
    status["checkedAt"] = stamp(now())
    write_atomically(os.path.join(topo.archive_dir, "status.json"), json.dumps(status) + "\n")
    if status.get("caughtUpAt"):
        write_atomically(os.path.join(topo.metrics_dir, "blog_binlog_archive.prom"),
                         "# HELP blog_binlog_archive_caught_up_timestamp_seconds last time the archive held every binlog event of the primary\n"
                         "# TYPE blog_binlog_archive_caught_up_timestamp_seconds gauge\n"
                         f"blog_binlog_archive_caught_up_timestamp_seconds {parse_time(status['caughtUpAt']).timestamp()}\n")


def check_archive(topo, paths):
    for path in paths[:-1]:
        sums = path + ".sha256"
        if os.path.exists(sums) and open(sums).read().split()[0] != sha256_of(path):
            raise Fail(f"archived binlog {os.path.basename(path)}: checksum mismatch (corrupt archive)")


# --- restore -----------------------------------------------------------------------------------

def cmd_restore(topo, args):
    say = Progress(args.progress, "restore-database")
    need_tools("mariadb-backup", "mbstream", "zstd", "mariadb", "mariadb-admin", "mariadbd", "mariadb-binlog")
    if args.verify and (args.to_time or args.to_gtid or args.target):
        raise Fail("--verify restores the backup alone into a scratch instance; it takes no --to-time, --to-gtid or --target")
    manifest = find_backup(topo, args.backup)
    say("check", f"checking the files of backup {manifest['id']}")
    check_files(topo, manifest)
    if args.verify:
        return verify(topo, manifest, say)

    until = None
    binlogs = []
    if args.to_time or args.to_gtid:
        binlogs = archived_binlogs(topo)
        check_archive(topo, binlogs)
        last, complete_until = archive_coverage(topo)
        if args.to_time:
            until = parse_time(args.to_time)
            start = parse_time(manifest["consistentAt"])
            if until < start:
                raise Fail(f"{stamp(until)} is before backup {manifest['id']} (consistent at {stamp(start)}); restore an older backup")
            if complete_until is None or until > complete_until:
                raise Fail(f"{stamp(until)} is after what the archived binlogs cover "
                           f"(up to {stamp(complete_until) if complete_until else 'nothing yet'})")
        else:
            wanted = parse_gtid(args.to_gtid)
            base = parse_gtid(manifest["gtid"]) if manifest.get("gtid") else (wanted[0], wanted[1], 0)
            if wanted[2] < base[2]:
                raise Fail(f"GTID {args.to_gtid} is before backup {manifest['id']} (GTID {manifest['gtid']})")
            known = {g for _, g in binlog_events(binlogs)}
            if args.to_gtid not in known and wanted[2] != base[2]:
                raise Fail(f"GTID {args.to_gtid} is not in the archived binlogs (last: {last[1] if last else 'none'})")

    datadir, port = target_of(topo, args, manifest)
    t0 = time.monotonic()
    say("extract", f"restoring backup {manifest['id']} into {datadir}")
    extract(topo, manifest, datadir)
    server = None
    if binlogs or port:
        server = Scratch(datadir, port=port, log_bin=bool(binlogs)).start()
    if binlogs:
        say("replay", f"replaying archived binlogs from GTID {manifest['gtid']} up to "
                      f"{stamp(until) if until else 'GTID ' + args.to_gtid}")
        replay(server.sock, manifest["gtid"], binlogs, until, args.to_gtid)
    reached = sql(server.sock, "SELECT @@GLOBAL.gtid_binlog_pos")[0][0] if binlogs else manifest["gtid"]
    seconds = round(time.monotonic() - t0, 3)
    result = {"backup": manifest["id"], "datadir": datadir, "gtid": reached or manifest["gtid"],
              "toTime": stamp(until) if until else None, "seconds": seconds}
    if port:
        result.update(port=port, socket=server.sock, pidFile=server.pid_file)
        say("done", f"restored in {seconds:.1f} s to GTID {result['gtid']}: running on 127.0.0.1:{port} "
                    f"(socket {server.sock}); stop it with: kill $(cat {server.pid_file})", **result)
    else:
        if server:
            server.stop()
        say("done", f"restored in {seconds:.1f} s to GTID {result['gtid']}: datadir {datadir} "
                    f"(start it with: mariadbd --no-defaults --user=root --datadir={datadir} --skip-slave-start)", **result)


def parse_gtid(text):
    match = re.fullmatch(r"(\d+)-(\d+)-(\d+)", text.strip())
    if not match:
        raise Fail(f"'{text}' is not a GTID like 0-1-1234")
    return tuple(int(x) for x in match.groups())


def target_of(topo, args, manifest):
    """(the restored datadir, port or None). Never a folder in use: a live server's datadir only
    with --force while that server is stopped (its old data moved aside, not deleted)."""
    port = None
    if args.target and re.fullmatch(r"\d+", args.target):
        port = int(args.target)
        if not 1024 <= port <= 65535:
            raise Fail(f"port {port} is outside 1024-65535")
        if port_busy(port):
            raise Fail(f"port {port} is busy; pick a free one for the restored server")
        folder = None
    else:
        folder = os.path.abspath(args.target) if args.target else None
    if folder is None:
        folder = os.path.join(topo.restore_dir, f"{manifest['id']}-restored-{stamp(now()).replace(':', '').replace('-', '')}")
    real = os.path.realpath(folder)
    for role in ("primary", "replica"):
        datadir = os.path.realpath(topo.datadir(role))
        if real == datadir:
            if not args.force:
                raise Fail(f"{folder} is the {role}'s datadir; restore elsewhere, or stop the topology and use --force")
            if subprocess.run(["mariadb-admin", "--no-defaults", f"--socket={topo.socket(role)}", "-uroot", "ping"],
                              capture_output=True).returncode == 0:
                raise Fail(f"the {role} is running: stop the topology (stop-production.sh) before restoring over its datadir")
            move_aside(folder)
            os.makedirs(folder)
            return folder, port
        if datadir.startswith(real + os.sep) or real.startswith(datadir + os.sep):
            raise Fail(f"{folder} overlaps the {role}'s datadir {datadir}; choose a folder of its own")
    if os.path.exists(folder) and os.listdir(folder):
        if not args.force:
            raise Fail(f"{folder} exists and is not empty; choose a new target (or --force to move it aside)")
        move_aside(folder)
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, "data"), port


def move_aside(folder):
    aside = folder + ".before-restore-" + stamp(now()).replace(":", "").replace("-", "")
    os.replace(folder, aside)
    print(f"{os.environ.get('BLOG_BACKUP_PROG', 'blog_backup')}: moved {folder} aside to {aside}", file=sys.stderr)


def extract(topo, manifest, datadir):
    if os.path.exists(datadir) and os.listdir(datadir):
        raise Fail(f"{datadir} is not empty")
    os.makedirs(datadir, exist_ok=True)
    source = os.path.join(topo.backup_dir, manifest["id"], "data.mbstream.zst")
    unzip = subprocess.Popen(["zstd", "-dcq", source], stdout=subprocess.PIPE)
    unpack = subprocess.run(["mbstream", "-x", "-C", datadir], stdin=unzip.stdout, capture_output=True, text=True)
    unzip.stdout.close()
    if unzip.wait() != 0 or unpack.returncode != 0:
        raise Fail(f"unpacking {source} failed: {unpack.stderr.strip()[-200:]}")
    prepare = subprocess.run(["mariadb-backup", "--no-defaults", "--prepare", f"--target-dir={datadir}"],
                             capture_output=True, text=True)
    if prepare.returncode != 0:
        raise Fail(f"mariadb-backup --prepare failed: {prepare.stderr.strip().splitlines()[-1]}")


def replay(sock, from_gtid, binlogs, until, to_gtid):
    cmd = ["mariadb-binlog", "--no-defaults", f"--start-position={from_gtid}"]
    if until:
        cmd.append(f"--stop-datetime={until.strftime('%Y-%m-%d %H:%M:%S')}")
    if to_gtid:
        cmd.append(f"--stop-position={to_gtid}")
    decode = subprocess.Popen([*cmd, *binlogs], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "TZ": "UTC"})
    apply = subprocess.run(["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "--binary-mode"],
                           stdin=decode.stdout, capture_output=True, text=True)
    decode.stdout.close()
    if decode.wait() != 0 or apply.returncode != 0:
        raise Fail(f"replaying the binlogs failed: {(apply.stderr or decode.stderr.read().decode()).strip()[-300:]}")


def verify(topo, manifest, say):
    t0 = time.monotonic()
    folder = tempfile.mkdtemp(prefix=f"verify-{manifest['id']}-", dir=ensure(topo.restore_dir))
    datadir = os.path.join(folder, "data")
    server = None
    try:
        say("extract", f"restoring backup {manifest['id']} into a scratch instance")
        extract(topo, manifest, datadir)
        server = Scratch(datadir).start()
        say("compare", "comparing row counts and CHECKSUM TABLE with the manifest")
        restored = table_facts(server.sock)
        expected = manifest["tables"]
        differences = [name for name in sorted(set(expected) | set(restored)) if expected.get(name) != restored.get(name)]
    finally:
        if server:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    seconds = round(time.monotonic() - t0, 3)
    manifest["verification"] = {"verified": not differences, "at": stamp(now()), "durationSeconds": seconds,
                                "tables": len(expected), "differences": differences}
    save_manifest(topo, manifest)
    write_metrics(topo)
    if differences:
        say("failed", f"backup {manifest['id']} does NOT match its manifest: {', '.join(differences)}",
            backup=manifest["id"], differences=differences)
        raise Fail(f"verification of {manifest['id']} failed on {len(differences)} table(s)")
    say("done", f"backup {manifest['id']} verified in {seconds:.1f} s: {len(expected)} tables, rows and checksums match",
        backup=manifest["id"], seconds=seconds, tables=len(expected))


def ensure(folder):
    os.makedirs(folder, exist_ok=True)
    return folder


# --- entry point -------------------------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(prog=os.environ.get("BLOG_BACKUP_PROG", "blog_backup.py"))
    sub = parser.add_subparsers(dest="command", required=True)
    backup = sub.add_parser("backup")
    backup.add_argument("--progress", choices=("plain", "json"), default="plain")
    backup.add_argument("--list", action="store_true")
    backup.add_argument("--json", action="store_true")
    backup.add_argument("--retention-only", action="store_true")
    restore = sub.add_parser("restore")
    restore.add_argument("backup")
    group = restore.add_mutually_exclusive_group()
    group.add_argument("--to-time")
    group.add_argument("--to-gtid")
    restore.add_argument("--target")
    restore.add_argument("--verify", action="store_true")
    restore.add_argument("--force", action="store_true")
    restore.add_argument("--progress", choices=("plain", "json"), default="plain")
    sub.add_parser("archive")
    sub.add_parser("archive-status")
    args = parser.parse_args(argv)
    topo = Topology()
    if args.command == "backup":
        if args.list:
            return cmd_list(topo, args)
        if args.retention_only:
            retention(topo, Progress(args.progress, "backup-database"))
            return write_metrics(topo)
        return cmd_backup(topo, args)
    if args.command == "restore":
        return cmd_restore(topo, args)
    if args.command == "archive":
        return cmd_archive(topo, args)
    if args.command == "archive-status":
        status = archive_status(topo)
        files = archived_binlogs(topo)
        print(json.dumps({**status, "files": len(files)}))
        return None
    return None


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Fail as failure:
        print(f"{os.environ.get('BLOG_BACKUP_PROG', 'blog_backup')}: {failure}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print(f"{os.environ.get('BLOG_BACKUP_PROG', 'blog_backup')}: interrupted", file=sys.stderr)
        sys.exit(130)
