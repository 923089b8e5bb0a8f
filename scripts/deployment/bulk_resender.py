"""Sends again the bulk requests Elasticsearch refused as a whole for now, and hands what it
refused for good to the operator (logging.sh runs it beside rsyslogd).

rsyslog 8.2302's Elasticsearch output sends a request again when it cannot reach a node, and a
line of an accepted request that was answered 429 or 5xx (retryfailures). A request answered
with one error instead of a status per line, though, goes to its error file (bulk-errors.json)
and is dropped. Elasticsearch answers so while the cluster has no master: a request that waited
out its minute as nodes stopped comes back 503 as a whole, every line of it lost.

    bulk_resender.py run DIR ES_URLS     every few seconds until SIGTERM
    bulk_resender.py once DIR ES_URLS    one round (tests)
    bulk_resender.py pending DIR [FILE]  how many records of FILE (default bulk-errors.json: refused
                                         requests) wait to be handled

rsyslog writes into two files of DIR that only this reads, each from where the last round
stopped (bulk-errors.offset, refused-lines.offset):
- bulk-errors.json, requests refused as a whole. One answered 429 or 5xx is POSTed to _bulk
  again, to each node in turn, until Elasticsearch answers for each line. Lines keep their ids,
  so one indexed twice overwrites itself. A line of it refused for good goes to rejected.json.
  A request refused as a whole for good (a malformed request, a read-only cluster) goes to
  rejected-requests.json with the answer;
- refused-lines.json, lines refused for good (rsyslog's retry ruleset): copied to rejected.json.
health-check.sh fails while rejected.json or rejected-requests.json has lines. Those two are only
ever opened to append a record and closed, so an operator may remove them at any time; rsyslog
would keep writing into a file it has open, removed or not, where no one would see it.

A record not handled stops the round: records are taken in order, and the offset moves past one
only once it is handled, so a resender stopped halfway (SIGTERM ends it at once) sends it again
on its next start.

Standard library only: it runs wherever the shipper does.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request

REFUSED_REQUESTS = "bulk-errors.json"
REFUSED_LINES = "refused-lines.json"
REJECTED = "rejected.json"
REJECTED_REQUESTS = "rejected-requests.json"
ROUND_SECONDS = 5
# Longer than the minute Elasticsearch lets a bulk request wait for a master or a shard.
REQUEST_TIMEOUT = 90


def log(message):
    print(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "resender:", message, file=sys.stderr, flush=True)


def refused_for_now(status):
    """Whether an answer is worth the same request again: busy, or the cluster not whole."""
    return not isinstance(status, int) or status == 429 or status >= 500


# --- where the last round stopped --------------------------------------------------------------------

def offset_file(directory, inbox):
    # bulk-errors.offset: not bulk-errors.json.offset, which log retention takes for a rotated copy.
    return os.path.join(directory, os.path.splitext(inbox)[0] + ".offset")


def read_offset(directory, inbox, inbox_stat):
    """The offset into an inbox already handled; 0 for a new, replaced or truncated inbox."""
    try:
        with open(offset_file(directory, inbox)) as f:
            inode, offset = (int(v) for v in f.read().split())
    except (OSError, ValueError):
        return 0
    return offset if inode == inbox_stat.st_ino and offset <= inbox_stat.st_size else 0


def write_offset(directory, inbox, inode, offset):
    path = offset_file(directory, inbox)
    with open(path + ".new", "w") as f:
        f.write(f"{inode} {offset}\n")
    os.replace(path + ".new", path)


def unhandled(directory, inbox):
    """(inode, [(offset after it, record) ...]) of the records not handled yet, or None."""
    try:
        with open(os.path.join(directory, inbox), "rb") as f:
            st = os.fstat(f.fileno())
            start = read_offset(directory, inbox, st)
            f.seek(start)
            data = f.read()
    except FileNotFoundError:
        return None
    records, end = [], start
    for line in data.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break  # rsyslog is still writing it
        end += len(line)
        records.append((end, line))
    return st.st_ino, records


# --- Elasticsearch -----------------------------------------------------------------------------------

def post_bulk(urls, body):
    """(HTTP status, answer) from the first node that answers, or None when none does."""
    for url in urls:
        request = urllib.request.Request(url.rstrip("/") + "/_bulk", data=body, method="POST",
                                         headers={"Content-Type": "application/x-ndjson"})
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except (OSError, urllib.error.URLError):
            continue
    return None


def parse(answer):
    try:
        return json.loads(answer)
    except ValueError:
        return {"unparsable": answer.decode("utf-8", "replace")[:2000]}


def append_lines(directory, name, objects):
    if not objects:
        return
    with open(os.path.join(directory, name), "a") as f:
        for o in objects:
            f.write(json.dumps(o, separators=(",", ":")) + "\n")


def resend_request(directory, urls, line):
    """True once a request refused as a whole is handled for good; False when it must wait."""
    try:
        record = json.loads(line)
        postdata = record["request"]["postdata"]
        reply = record.get("reply")
    except (ValueError, KeyError, TypeError):
        log(f"a record of {REFUSED_REQUESTS} is not rsyslog's error record: kept in {REJECTED_REQUESTS}")
        append_lines(directory, REJECTED_REQUESTS, [{"unreadable": line.decode("utf-8", "replace")}])
        return True
    status = reply.get("status") if isinstance(reply, dict) else None
    if not refused_for_now(status):
        log(f"a request refused as a whole for good ({status}): kept in {REJECTED_REQUESTS}")
        append_lines(directory, REJECTED_REQUESTS, [record])
        return True

    sent = post_bulk(urls, postdata.encode("utf-8"))
    if sent is None:
        return False
    code, answer = sent
    answer = parse(answer)
    if code != 200:
        if refused_for_now(code):
            return False
        log(f"a request sent again was refused as a whole for good ({code}): kept in {REJECTED_REQUESTS}")
        append_lines(directory, REJECTED_REQUESTS, [{"request": record["request"], "reply": answer}])
        return True

    lines = postdata.splitlines()
    rejected = []
    for i, item in enumerate(answer.get("items", [])):
        operation, result = next(iter(item.items()))
        item_status = result.get("status")
        if isinstance(item_status, int) and 200 <= item_status < 300:
            continue
        if refused_for_now(item_status):
            return False  # the whole request again later: the lines already taken overwrite themselves
        document = json.loads(lines[2 * i + 1]) if 2 * i + 1 < len(lines) else None
        rejected.append({"response": {"writeoperation": operation, **result}, "document": document})
    if rejected:
        log(f"{len(rejected)} line(s) of a request sent again refused for good: kept in {REJECTED}")
        append_lines(directory, REJECTED, rejected)
    log(f"sent again a request of {len(lines) // 2} line(s) first refused as a whole ({status})")
    return True


# --- rounds ------------------------------------------------------------------------------------------

def keep_line(directory, urls, line):
    """A line refused for good, as rsyslog wrote it, to the operator's file."""
    with open(os.path.join(directory, REJECTED), "ab") as f:
        f.write(line)
    return True


def one_round(directory, urls):
    for inbox, handle in ((REFUSED_LINES, keep_line), (REFUSED_REQUESTS, resend_request)):
        found = unhandled(directory, inbox)
        if found is None:
            continue
        inode, records = found
        for end, line in records:
            if not handle(directory, urls, line):
                break
            write_offset(directory, inbox, inode, end)


def main(argv):
    if len(argv) in (3, 4) and argv[1] == "pending":
        found = unhandled(argv[2], argv[3] if len(argv) == 4 else REFUSED_REQUESTS)
        print(0 if found is None else len(found[1]))
        return 0
    if len(argv) != 4 or argv[1] not in ("run", "once"):
        print("usage: bulk_resender.py run|once DIR ES_URLS | pending DIR [FILE]", file=sys.stderr)
        return 2
    directory, urls = argv[2], argv[3].split(",")
    if argv[1] == "once":
        one_round(directory, urls)
        return 0
    log(f"watching {os.path.join(directory, REFUSED_REQUESTS)} and {os.path.join(directory, REFUSED_LINES)}")
    while True:
        try:
            one_round(directory, urls)
        except OSError as e:
            log(f"round failed, next in {ROUND_SECONDS} s: {e}")
        time.sleep(ROUND_SECONDS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
