"""Writes performance-report.md and performance-report.html for performance-report.sh.

    python3 performance_report.py PROMETHEUS_URL WINDOW OUT_DIR

Only the standard library: the report must run on any host that runs the topology.
"""
import csv
import datetime
import html
import json
import sys
import urllib.parse
import urllib.request

REQ = 'http_server_requests_seconds'
SERVICES = 'job="services"'


class PrometheusError(Exception):
    pass


def api(base, path, **params):
    url = f"{base}/api/v1/{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = json.load(response)
    except Exception as e:
        raise PrometheusError(f"{path} failed: {e}") from e
    if body.get("status") != "success":
        raise PrometheusError(f"{path}: {body.get('error', body)}")
    return body["data"]["result"]


def instant(base, query):
    """{labels tuple: value} of an instant query."""
    return {tuple(sorted(r["metric"].items())): float(r["value"][1]) for r in api(base, "query", query=query)}


def by(base, query, *labels):
    return {tuple(dict(k).get(label, "") for label in labels): v for k, v in instant(base, query).items()}


def seconds(window):
    return int(window[:-1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[window[-1]]


def fmt_ms(v):
    return "–" if v is None or v != v else f"{v * 1000:.1f} ms"


def fmt_pct(v):
    return "–" if v is None or v != v else f"{v * 100:.2f} %"


def fmt_num(v, digits=2):
    return "–" if v is None or v != v else f"{v:.{digits}f}"


def collect(base, w):
    n = seconds(w)
    data = {"window": w}
    key = ("service", "endpoint")
    total = by(base, f'sum by (service, endpoint) (increase({REQ}_count{{{SERVICES}}}[{w}]))', *key)
    errors = by(base, f'sum by (service, endpoint) (increase({REQ}_count{{{SERVICES}, status="5xx"}}[{w}]))', *key)
    quantiles = {q: by(base, f'histogram_quantile({q}, sum by (service, endpoint, le) (increase({REQ}_bucket{{{SERVICES}}}[{w}])))', *key)
                 for q in (0.5, 0.95, 0.99)}
    rows = []
    for k in sorted(total):
        count = total[k]
        rows.append({"service": k[0], "endpoint": k[1], "requests": count, "rps": count / n,
                     "error_ratio": (errors.get(k, 0.0) / count) if count > 0 else 0.0,
                     "p50": quantiles[0.5].get(k), "p95": quantiles[0.95].get(k), "p99": quantiles[0.99].get(k)})
    data["endpoints"] = rows
    svc_total = by(base, f'sum by (service) (increase({REQ}_count{{{SERVICES}}}[{w}]))', "service")
    svc_err = by(base, f'sum by (service) (increase({REQ}_count{{{SERVICES}, status="5xx"}}[{w}]))', "service")
    svc_q = {q: by(base, f'histogram_quantile({q}, sum by (service, le) (increase({REQ}_bucket{{{SERVICES}}}[{w}])))', "service")
             for q in (0.5, 0.95, 0.99)}
    data["services"] = [{"service": s[0], "requests": c, "rps": c / n, "error_ratio": (svc_err.get(s, 0.0) / c) if c > 0 else 0.0,
                         "p50": svc_q[0.5].get(s), "p95": svc_q[0.95].get(s), "p99": svc_q[0.99].get(s)}
                        for s, c in sorted(svc_total.items())]
    data["cpu"] = next(iter(instant(base, f'1 - avg(rate(node_cpu_seconds_total{{job="node", mode="idle"}}[{w}]))').values()), None)
    data["heap"] = by(base, f'max_over_time((memory_usedHeap_bytes{{{SERVICES}}} / memory_maxHeap_bytes{{{SERVICES}}})[{w}:1m])', "instance")
    data["pool_in_use"] = by(base, f'max_over_time((connectionpool_managedConnections{{{SERVICES}}} - connectionpool_freeConnections{{{SERVICES}}})[{w}:1m])', "instance", "datasource")
    data["pool_wait"] = by(base, f'increase(connectionpool_waitTime_total_seconds{{{SERVICES}}}[{w}])', "instance", "datasource")
    hits = by(base, f'sum by (cache) (increase(cache_hits_total{{{SERVICES}}}[{w}]))', "cache")
    misses = by(base, f'sum by (cache) (increase(cache_misses_total{{{SERVICES}}}[{w}]))', "cache")
    data["cache"] = [{"cache": c[0], "hits": hits.get(c, 0.0), "misses": misses.get(c, 0.0),
                      "ratio": hits.get(c, 0.0) / (hits.get(c, 0.0) + misses.get(c, 0.0)) if hits.get(c, 0.0) + misses.get(c, 0.0) > 0 else None}
                     for c in sorted(set(hits) | set(misses))]
    data["search"] = {q: by(base, f'histogram_quantile({q}, sum by (backend, le) (increase(posts_search_duration_seconds_bucket{{{SERVICES}}}[{w}])))', "backend")
                      for q in (0.5, 0.95, 0.99)}
    # The search index's lag: articles written but not yet sent to Elasticsearch (post-war's outbox).
    data["outbox"] = by(base, f'max_over_time(posts_outbox_backlog{{{SERVICES}}}[{w}])', "instance")
    data["outbox_age"] = by(base, f'max_over_time(posts_outbox_oldest_age_seconds{{{SERVICES}}}[{w}])', "instance")
    end = datetime.datetime.now(datetime.timezone.utc)
    start = end - datetime.timedelta(seconds=n)
    step = max(15, n // 120)
    rng = {"start": start.timestamp(), "end": end.timestamp(), "step": step}
    rate_w = f"{max(60, step * 2)}s"
    data["charts"] = [
        ("Requests per second by service", "req/s", api(base, "query_range", query=f'sum by (service) (rate({REQ}_count{{{SERVICES}}}[{rate_w}]))', **rng), "service"),
        ("p95 latency by service (s)", "s", api(base, "query_range", query=f'histogram_quantile(0.95, sum by (service, le) (rate({REQ}_bucket{{{SERVICES}}}[{rate_w}])))', **rng), "service"),
        ("Host CPU busy", "ratio", api(base, "query_range", query=f'1 - avg(rate(node_cpu_seconds_total{{job="node", mode="idle"}}[{rate_w}]))', **rng), None),
        ("Heap used ÷ max by instance", "ratio", api(base, "query_range", query=f'memory_usedHeap_bytes{{{SERVICES}}} / memory_maxHeap_bytes{{{SERVICES}}}', **rng), "instance"),
        ("Search outbox backlog by instance", "entries", api(base, "query_range", query=f'posts_outbox_backlog{{{SERVICES}}}', **rng), "instance"),
    ]
    data["generated"] = end.strftime("%Y-%m-%d %H:%M:%S UTC")
    data["from"] = start.strftime("%Y-%m-%d %H:%M:%S UTC")
    return data


def markdown(d):
    out = [f"# Performance report — last {d['window']}", "", f"{d['from']} to {d['generated']}, from Prometheus.", "",
           "## Services", "", "| service | requests | req/s | 5xx ratio | p50 | p95 | p99 |", "|---|---:|---:|---:|---:|---:|---:|"]
    out += [f"| {r['service']} | {r['requests']:.0f} | {fmt_num(r['rps'])} | {fmt_pct(r['error_ratio'])} | {fmt_ms(r['p50'])} | {fmt_ms(r['p95'])} | {fmt_ms(r['p99'])} |"
            for r in d["services"]]
    out += ["", "## Endpoints", "", "| service | endpoint | requests | req/s | 5xx ratio | p50 | p95 | p99 |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    out += [f"| {r['service']} | `{r['endpoint']}` | {r['requests']:.0f} | {fmt_num(r['rps'])} | {fmt_pct(r['error_ratio'])} | {fmt_ms(r['p50'])} | {fmt_ms(r['p95'])} | {fmt_ms(r['p99'])} |"
            for r in d["endpoints"]]
    out += ["", "## Saturation", "", f"Host CPU busy (average over the window): {fmt_pct(d['cpu'])}", "",
            "| instance | max heap used ÷ max |", "|---|---:|"]
    out += [f"| {k[0]} | {fmt_pct(v)} |" for k, v in sorted(d["heap"].items())]
    out += ["", "| instance | datasource | max connections in use | time waited for a connection |", "|---|---|---:|---:|"]
    out += [f"| {k[0]} | {k[1]} | {v:.0f} | {fmt_ms(d['pool_wait'].get(k))} |" for k, v in sorted(d["pool_in_use"].items())]
    out += ["", "## Cache", "", "| cache | hits | misses | hit ratio |", "|---|---:|---:|---:|"]
    out += [f"| {c['cache']} | {c['hits']:.0f} | {c['misses']:.0f} | {fmt_pct(c['ratio'])} |" for c in d["cache"]]
    out += ["", "## Search latency", "", "| backend | p50 | p95 | p99 |", "|---|---:|---:|---:|"]
    out += [f"| {b[0]} | {fmt_ms(d['search'][0.5].get(b))} | {fmt_ms(d['search'][0.95].get(b))} | {fmt_ms(d['search'][0.99].get(b))} |"
            for b in sorted(d["search"][0.5])]
    out += ["", "## Search outbox", "", "Articles written but not yet in the search index (post-war's outbox), the most over the window.", "",
            "| instance | max backlog | max age of the oldest entry |", "|---|---:|---:|"]
    out += [f"| {k[0]} | {v:.0f} | {fmt_num(d['outbox_age'].get(k, 0.0), 1)} s |" for k, v in sorted(d["outbox"].items())]
    return "\n".join(out) + "\n"


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def svg_chart(title, series, label):
    """A line chart as inline SVG: one line per series, axes with min/max, a legend."""
    w, h, left, top, bottom = 640, 220, 56, 24, 28
    lines = [(r["metric"].get(label, "value") if label else "value",
              [(float(t), float(v)) for t, v in r["values"] if v not in ("NaN", "+Inf", "-Inf")]) for r in series]
    lines = [(name, pts) for name, pts in lines if pts]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h + 20 * ((len(lines) + 3) // 4)}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="{left}" y="16" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    if not lines:
        parts.append(f'<text x="{left}" y="{h // 2}" font-size="12">no data in this window</text></svg>')
        return "".join(parts)
    xs = [t for _, pts in lines for t, _ in pts]
    ys = [v for _, pts in lines for _, v in pts]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = 0.0, max(ys) * 1.1 if max(ys) > 0 else 1.0
    sx = lambda t: left + (t - x0) / (x1 - x0) * (w - left - 10)
    sy = lambda v: top + (1 - (v - y0) / (y1 - y0)) * (h - top - bottom)
    parts.append(f'<line x1="{left}" y1="{sy(y0)}" x2="{w - 10}" y2="{sy(y0)}" stroke="#999"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{sy(y0)}" stroke="#999"/>')
    parts.append(f'<text x="4" y="{top + 10}" font-size="11">{y1:.3g}</text><text x="4" y="{sy(y0)}" font-size="11">0</text>')
    fmt = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%H:%M")
    parts.append(f'<text x="{left}" y="{h - 8}" font-size="11">{fmt(x0)}</text><text x="{w - 50}" y="{h - 8}" font-size="11">{fmt(x1)}</text>')
    for i, (name, pts) in enumerate(lines):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{sx(t):.1f},{sy(v):.1f}" for t, v in pts)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{path}"/>')
        lx, ly = left + (i % 4) * 150, h + 6 + 20 * (i // 4)
        parts.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colour}"/><text x="{lx + 14}" y="{ly + 9}" font-size="11">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html_report(d, md):
    """The Markdown report as HTML, with the charts before the first section."""
    body, in_table = [], False
    for line in md.splitlines():
        if line.startswith("|---"):
            continue
        if line.startswith("| "):
            cells = [html.escape(c.strip().strip("`")) for c in line.strip("|").split("|")]
            tag = "td" if in_table else "th"
            if not in_table:
                body.append("<table>")
                in_table = True
            body.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
            continue
        if in_table:
            body.append("</table>")
            in_table = False
        if line.startswith("## "):
            if line == "## Services":
                body.append("<h2>Charts</h2>")
                body += [f"<figure>{svg_chart(t, s, label)}</figure>" for t, _, s, label in d["charts"]]
            body.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line:
            body.append(f"<p>{html.escape(line)}</p>")
    if in_table:
        body.append("</table>")
    style = ("body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
             "td:first-child,th:first-child,td:nth-child(2){text-align:left}figure{margin:1em 0}")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Performance report — last {html.escape(d['window'])}</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def main():
    base, window, out = sys.argv[1:4]
    try:
        data = collect(base.rstrip("/"), window)
    except PrometheusError as e:
        sys.exit(f"performance-report: Prometheus at {base}: {e}")
    md = markdown(data)
    with open(f"{out}/performance-report.md", "w", encoding="utf-8") as f:
        f.write(md)
    with open(f"{out}/performance-report.html", "w", encoding="utf-8") as f:
        f.write(html_report(data, md))
    with open(f"{out}/performance-report.csv", "w", encoding="utf-8", newline="") as f:
        write_csv(data, f)
    print(f"performance-report: {len(data['services'])} services, {len(data['endpoints'])} endpoints over {window}: "
          f"{out}/performance-report.md, .html and .csv")


def write_csv(d, f):
    """One row per service (endpoint "*") and per endpoint, milliseconds for latencies."""
    rows = csv.writer(f)
    rows.writerow(["window", "service", "endpoint", "requests", "requests_per_second", "error_ratio", "p50_ms", "p95_ms", "p99_ms"])
    ms = lambda v: "" if v is None or v != v else f"{v * 1000:.1f}"
    for r in d["services"]:
        rows.writerow([d["window"], r["service"], "*", f"{r['requests']:.0f}", f"{r['rps']:.3f}", f"{r['error_ratio']:.5f}",
                       ms(r["p50"]), ms(r["p95"]), ms(r["p99"])])
    for r in d["endpoints"]:
        rows.writerow([d["window"], r["service"], r["endpoint"], f"{r['requests']:.0f}", f"{r['rps']:.3f}", f"{r['error_ratio']:.5f}",
                       ms(r["p50"]), ms(r["p95"]), ms(r["p99"])])


if __name__ == "__main__":
    main()
