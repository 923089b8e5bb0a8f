"""Measures the log shipper of a running topology (see log-shipping-benchmark.sh for usage).

Writes synthetic lines, in the formats the topology writes, into the log files of a fake Liberty
server "logbench-1" that the shipper already watches (its wildcard covers every server), then asks
Elasticsearch when they became searchable:
  throughput  LINES lines written as fast as possible (half access-log, half JSON messages): lines
              per second from the first write until the last line is searchable
  delay       lines written at RATE per second for SECONDS: write → searchable, p50/p95/p99/max
  size        index growth per line (after a force-merge), as MiB per million lines
"""
import json
import os
import random
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone

es, logs_dir, lines, rate, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
run = "b" + format(int(time.time()), "x")


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(es + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.load(reply)


def count(prefix):
    query = {"query": {"prefix": {"http.request.id": prefix}}}
    return call("POST", "/blog-logs/_count", query)["count"]


def index_size():
    call("POST", "/blog-logs/_refresh")
    call("POST", "/blog-logs/_forcemerge?max_num_segments=1")
    time.sleep(11)  # Elasticsearch caches store sizes for 10 s (index.store.stats_refresh_interval)
    stats = call("GET", "/blog-logs/_stats/store,docs")["_all"]["primaries"]
    return stats["store"]["size_in_bytes"], stats["docs"]["count"]


# Varied like real traffic, so the size per line is not that of one line compressed a million times.
PATHS = ["/api/posts", "/api/posts/search", "/api/comments", "/api/users/login", "/api/posts/tags/java",
         "/api/comments/counts", "/api/users/me", "/api/posts/feed.xml"]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile Safari/604.1",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "curl/7.88.1",
          "Java-http-client/25.0.3"]
MESSAGES = ["Comment %d accepted for article %s after moderation check",
            "Article %d published: %s", "Search for %d words in %s answered from the cache",
            "Outbox entry %d for %s sent to the search index", "Sign-in refused for account %d: %s"]
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar".split()


def slug():
    return "-".join(random.choices(WORDS, k=random.randint(2, 5)))


def access_line(request_id):
    when = datetime.now(timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000")
    path = random.choice(PATHS)
    query = "?limit=%d&cursor=%x" % (random.choice([5, 10, 20]), random.getrandbits(48)) if random.random() < 0.5 else "-"
    return '127.0.%d.%d %s - [%s] "%s" "%s" "%s" %d %d %d "%s"\n' % (
        random.randint(0, 255), random.randint(1, 254), request_id, when, random.choice(["GET", "GET", "GET", "POST"]),
        path + ("/" + slug() if random.random() < 0.4 else ""), query, random.choice([200, 200, 200, 201, 304, 404]),
        random.randint(0, 60000), random.randint(300, 900000), random.choice(AGENTS))


def message_line(request_id, sequence):
    now = datetime.now(timezone.utc)
    return json.dumps({
        "type": "liberty_message", "host": "localhost", "ibm_userDir": "/var/lib/blog/wlp/usr/",
        "ibm_serverName": "logbench-1", "message": random.choice(MESSAGES) % (random.randint(1, 10**7), slug()),
        "ibm_threadId": "%08x" % random.randint(0x20, 0x90), "ibm_datetime": now.strftime("%Y-%m-%dT%H:%M:%S.")
        + "%03d+0000" % (now.microsecond // 1000),
        "module": random.choice(["io.blog.comments.comment.CommentService", "io.blog.posts.article.ArticleService",
                                 "io.blog.posts.search.SearchOutbox", "io.blog.users.session.SessionService"]),
        "loglevel": random.choice(["INFO", "INFO", "INFO", "WARNING"]),
        "ibm_sequence": "%d_%013X" % (time.time() * 1000, sequence),
        "ext_traceId": "%032x" % random.getrandbits(128), "ext_spanId": "%016x" % random.getrandbits(64),
        "ext_requestId": request_id, "ext_thread": "Default Executor-thread-%d" % random.randint(1, 40)}) + "\n"


os.makedirs(logs_dir, exist_ok=True)
access = open(os.path.join(logs_dir, "http_access.log"), "a", buffering=1)
messages = open(os.path.join(logs_dir, "messages.log"), "a", buffering=1)

# --- size and throughput ------------------------------------------------------------------------
size_before, docs_before = index_size()
prefix = run + "-t-"
start = time.time()
for i in range(lines):
    request_id = "%s%08d" % (prefix, i)
    if i % 2:
        messages.write(message_line(request_id, i))
    else:
        access.write(access_line(request_id))
written = time.time()
deadline = written + 600
while count(prefix) < lines:
    if time.time() > deadline:
        sys.exit("log-shipping-benchmark: only %d of %d lines searchable after 10 minutes" % (count(prefix), lines))
    time.sleep(0.2)
done = time.time()
searchable = count(prefix)
size_after, docs_after = index_size()
per_line = (size_after - size_before) / max(1, docs_after - docs_before)

# --- delay at a steady rate -----------------------------------------------------------------------
prefix = run + "-d-"
written_at = {}
seen_at = {}
stop = threading.Event()


def watch():
    while not stop.is_set() or len(seen_at) < len(written_at):
        reply = call("POST", "/blog-logs/_search", {
            "size": 10000, "_source": ["http.request.id"], "query": {"prefix": {"http.request.id": prefix}}})
        now = time.time()
        for hit in reply["hits"]["hits"]:
            seen_at.setdefault(hit["_source"]["http.request.id"], now)
        if stop.is_set() and time.time() > stopped_at[0] + 60:
            break
        time.sleep(0.05)


stopped_at = [0.0]
watcher = threading.Thread(target=watch)
watcher.start()
for i in range(rate * seconds):
    request_id = "%s%06d" % (prefix, i)
    written_at[request_id] = time.time()
    if i % 2:
        messages.write(message_line(request_id, i))
    else:
        access.write(access_line(request_id))
    time.sleep(max(0.0, written_at[request_id] + 1.0 / rate - time.time()))
stopped_at[0] = time.time()
stop.set()
watcher.join()
delays = sorted((seen_at[k] - written_at[k]) * 1000 for k in written_at if k in seen_at)
lost = len(written_at) - len(delays)


def pct(p):
    return delays[min(len(delays) - 1, int(len(delays) * p))] if delays else float("nan")


print("lines written                 %d (half access log, half JSON messages)" % lines)
print("searchable                    %d of %d" % (searchable, lines))
print("throughput                    %.0f lines/s (write of all %d took %.1f s, searchable after %.1f s)"
      % (lines / (done - start), lines, written - start, done - start))
print("delay at %d lines/s for %d s   p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (%d lines, %d not seen)"
      % (rate, seconds, pct(0.5), pct(0.95), pct(0.99), delays[-1] if delays else float("nan"), len(written_at), lost))
print("index size                    %.0f bytes per line = %.0f MiB per million lines (force-merged, best_compression)"
      % (per_line, per_line * 1e6 / 2**20))
if lost or searchable != lines:
    sys.exit(1)
