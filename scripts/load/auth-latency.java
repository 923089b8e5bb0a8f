/*
 * Registration and login latency of the user service, at concurrency 1 and 16.
 *
 *   $JAVA_HOME/bin/java scripts/load/auth-latency.java [baseUrl] [requestsPerLevel]
 *
 *   baseUrl           default http://127.0.0.1:9101 (loopback only, see checkLoopback)
 *   requestsPerLevel  default 200
 *
 * Needs JDK 25 (single-file source launch, no dependencies beyond the JDK).
 *
 * What it does: a short uncounted warm-up, then four levels in order, each a fixed number of
 * requests spread over N worker threads that send back-to-back (closed loop):
 *   register c=1, register c=16, login c=1, login c=16.
 * Logins reuse the accounts this run registered successfully, so they measure the real
 * password-verification path rather than the cheap "unknown user" path.
 *
 * Non-2xx responses are counted by status and printed, never hidden: the service rate-limits
 * registrations per client IP (expect 429s at these volumes from one address) and failed logins.
 * Latency percentiles are over 2xx responses only, because a fast 429 would otherwise make the
 * service look quicker than it is; the error columns show how much was rejected.
 *
 * Output: a table on stdout, then one line starting with "JSON " holding the summary.
 * Exit status: 0 every request got a 2xx; 1 some did not or a level hit its time limit
 * (results still printed); 2 bad arguments or the service could not be reached at all.
 */

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

public class AuthLatency {

    static final String DEFAULT_BASE = "http://127.0.0.1:9101";
    static final int DEFAULT_REQUESTS = 200;
    static final int[] CONCURRENCY = {1, 16};
    // A level stops starting requests after this, and in-flight ones time out at the same moment
    // (see post), so a hung service cannot stretch a run much beyond 4 x 120 s.
    static final Duration LEVEL_LIMIT = Duration.ofSeconds(120);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final int WARMUP_REGISTRATIONS = 5;   // few: they count against the per-IP registration limit
    static final int WARMUP_LOGINS = 20;
    static final Duration WARMUP_LIMIT = Duration.ofSeconds(30);
    static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    /** Aborts the run with a one-line message instead of a stack trace. */
    static final class Fatal extends RuntimeException {
        Fatal(String message) { super(message, null, false, false); }
    }

    record Outcome(int status, long nanos, String errorKind, String body) {
        boolean ok() { return status >= 200 && status < 300; }
        String key() { return errorKind != null ? errorKind : Integer.toString(status); }
    }

    record LevelResult(String operation, int concurrency, int planned, int sent, int ok,
                       Map<String, Integer> errors, Map<String, String> errorSamples,
                       long[] okNanosSorted, double seconds, boolean aborted, String skipped) {
        double pMs(double p) {
            if (okNanosSorted.length == 0) return Double.NaN;
            // nearest-rank: the smallest value with at least p of the samples at or below it
            int rank = (int) Math.ceil(p * okNanosSorted.length);
            return okNanosSorted[Math.max(0, rank - 1)] / 1e6;
        }
        double maxMs() { return okNanosSorted.length == 0 ? Double.NaN : okNanosSorted[okNanosSorted.length - 1] / 1e6; }
        double rps() { return seconds > 0 ? sent / seconds : 0; }
        double okRps() { return seconds > 0 ? ok / seconds : 0; }
        int errorCount() { return errors.values().stream().mapToInt(Integer::intValue).sum(); }
    }

    final URI base;
    final int requestsPerLevel;
    final HttpClient client;
    // Unique per run so repeated runs never collide with accounts from earlier runs.
    final String runId = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString((int) (Math.random() * 36 * 36), 36);
    // >= 10 chars, unique per run, so it cannot be on any common-password list.
    final String password = "Lt-" + runId + "-Vq7!pw";
    final AtomicInteger userSeq = new AtomicInteger();
    final List<String> registered = new CopyOnWriteArrayList<>();
    // End of the current level's (or the warm-up's) time budget in System.nanoTime(), 0 = none.
    volatile long levelDeadline;

    AuthLatency(URI base, int requestsPerLevel) {
        this.base = base;
        this.requestsPerLevel = requestsPerLevel;
        this.client = HttpClient.newBuilder()
                // HTTP/1.1 explicitly: the h2c upgrade dance would add a round trip to the first
                // request on each connection and measure the protocol negotiation, not the service.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Fatal e) {
            System.err.println("auth-latency: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length > 2 || (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))) {
            throw new Fatal("usage: java scripts/load/auth-latency.java [baseUrl] [requestsPerLevel]");
        }
        URI base = parseBase(args.length > 0 ? args[0] : DEFAULT_BASE);
        int n;
        try {
            n = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_REQUESTS;
        } catch (NumberFormatException e) {
            throw new Fatal("requestsPerLevel must be a whole number, got '" + args[1] + "'");
        }
        if (n < 1 || n > 100_000) throw new Fatal("requestsPerLevel must be 1..100000, got " + n);

        AuthLatency load = new AuthLatency(base, n);
        try (load.client) {
            return load.measure();
        }
    }

    static URI parseBase(String raw) {
        URI uri;
        try {
            uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (URISyntaxException e) {
            throw new Fatal("not a valid URL: " + raw);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new Fatal("base URL must be http:// or https://, got " + raw);
        }
        checkLoopback(uri);
        return uri;
    }

    /**
     * Load tests only ever target this machine: a typo or a copied URL must not send hundreds of
     * account registrations to a shared or production service. Checks the name and also what it
     * resolves to, so an odd /etc/hosts entry for "localhost" cannot redirect the load.
     */
    static void checkLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null || !LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new Fatal("refusing non-loopback target '" + host + "': only 127.0.0.1, localhost or [::1] are allowed");
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    throw new Fatal("refusing target: '" + host + "' resolves to non-loopback " + a.getHostAddress());
                }
            }
        } catch (IOException e) {
            throw new Fatal("cannot resolve '" + host + "': " + e.getMessage());
        }
    }

    int measure() {
        System.err.printf("auth-latency: target %s, %d requests per level, run id %s%n", base, requestsPerLevel, runId);
        warmUp();

        List<LevelResult> results = new ArrayList<>();
        for (int c : CONCURRENCY) {
            results.add(runLevel("register", c, i -> register()));
        }
        // Snapshot: logins cycle over accounts that exist now (warm-up + both registration levels).
        List<String> users = List.copyOf(registered);
        for (int c : CONCURRENCY) {
            if (users.isEmpty()) {
                results.add(new LevelResult("login", c, requestsPerLevel, 0, 0, Map.of(), Map.of(),
                        new long[0], 0, false, "no account could be registered"));
                continue;
            }
            results.add(runLevel("login", c, i -> login(users.get(i % users.size()))));
        }

        printTable(results);
        System.out.println("JSON " + toJson(results));
        boolean clean = results.stream().allMatch(r -> r.skipped() == null && !r.aborted() && r.errorCount() == 0);
        return clean ? 0 : 1;
    }

    /**
     * Not counted: lets the service JIT its hot paths, fill connection pools and caches, and gives
     * a clear failure up front if nothing listens, instead of 800 identical connection errors.
     */
    void warmUp() {
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        long deadline = System.nanoTime() + WARMUP_LIMIT.toNanos();
        levelDeadline = deadline;   // bounded like a level: a hanging service must not stall it
        for (int i = 0; i < WARMUP_REGISTRATIONS && System.nanoTime() < deadline; i++) {
            Outcome o = register();
            if (i == 0 && o.errorKind() != null) {
                throw new Fatal("cannot reach " + base + ": " + o.body());
            }
            tally(statuses, samples, "register", o);
        }
        if (!registered.isEmpty()) {
            for (int i = 0; i < WARMUP_LOGINS && System.nanoTime() < deadline; i++) {
                tally(statuses, samples, "login", login(registered.get(i % registered.size())));
            }
        }
        levelDeadline = 0;
        System.err.println("auth-latency: warm-up done " + statuses
                + (samples.isEmpty() ? "" : ", first non-2xx bodies: " + samples));
    }

    static void tally(Map<String, Integer> statuses, Map<String, String> samples, String op, Outcome o) {
        statuses.merge(op + " " + o.key(), 1, Integer::sum);
        if (!o.ok()) samples.putIfAbsent(op + " " + o.key(), o.body());
    }

    LevelResult runLevel(String operation, int concurrency, IntFunction<Outcome> call) {
        System.err.printf("auth-latency: %s, concurrency %d, %d requests ...%n", operation, concurrency, requestsPerLevel);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + LEVEL_LIMIT.toNanos();
        AtomicLong lastEnd = new AtomicLong(start);
        levelDeadline = deadline;

        // Platform threads, one per simulated client: the clients block in send(), and this keeps
        // the measured concurrency exactly N regardless of carrier-thread scheduling.
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            pool.execute(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < requestsPerLevel) {
                    outcomes.add(call.apply(i));
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }
            });
        }
        pool.shutdown();
        try {
            // Requests time out at the deadline themselves; the slack only covers their 1 s floor.
            if (!pool.awaitTermination(LEVEL_LIMIT.toSeconds() + 10, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        levelDeadline = 0;
        double seconds = (lastEnd.get() - start) / 1e9;

        Map<String, Integer> errors = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        List<Long> okNanos = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.ok()) {
                okNanos.add(o.nanos());
            } else {
                errors.merge(o.key(), 1, Integer::sum);
                samples.putIfAbsent(o.key(), o.body());
            }
        }
        long[] sorted = okNanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int sent = outcomes.size();
        boolean aborted = sent < requestsPerLevel;
        if (aborted) {
            System.err.printf("auth-latency: %s c=%d hit the %d s limit after %d of %d requests%n",
                    operation, concurrency, LEVEL_LIMIT.toSeconds(), sent, requestsPerLevel);
        }
        return new LevelResult(operation, concurrency, requestsPerLevel, sent, sorted.length, errors, samples,
                sorted, seconds, aborted, null);
    }

    Outcome register() {
        int n = userSeq.incrementAndGet();
        String username = "load_" + runId + "_" + n;   // [a-z0-9_-], ~16 chars + digits: fits {3,32}
        String body = json(Map.of(
                "username", username,
                "email", username + "@example.com",
                "password", password,
                "displayName", "Load Test " + n));
        Outcome o = post("/api/users", body);
        if (o.ok()) registered.add(username);
        return o;
    }

    Outcome login(String username) {
        return post("/api/users/login", json(Map.of("login", username, "password", password)));
    }

    Outcome post(String path, String jsonBody) {
        Duration timeout = REQUEST_TIMEOUT;
        long deadline = levelDeadline;
        if (deadline != 0) {
            long left = Math.max(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime());
            if (left < timeout.toNanos()) timeout = Duration.ofNanos(left);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> resp = client.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - t0;
            return new Outcome(resp.statusCode(), nanos, null, resp.statusCode() / 100 == 2 ? null : abbreviate(resp.body()));
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(0, System.nanoTime() - t0, "connect-timeout", describe(e));
        } catch (HttpTimeoutException e) {
            return new Outcome(0, System.nanoTime() - t0, "timeout", describe(e));
        } catch (ConnectException e) {
            return new Outcome(0, System.nanoTime() - t0, "connect-error", describe(e));
        } catch (IOException e) {
            return new Outcome(0, System.nanoTime() - t0, "io-error", describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, System.nanoTime() - t0, "interrupted", "interrupted");
        }
    }

    /**
     * HttpClient sometimes buries the useful message a few causes deep, and for a refused
     * connection has none at all (ConnectException -> ClosedChannelException, all messages null).
     */
    static String describe(Throwable e) {
        Throwable t = e;
        String msg = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) msg = t.getMessage();
            t = t.getCause();
        }
        if (msg == null && e instanceof ConnectException) msg = "connection refused (is the service running on that port?)";
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    // ---- output ------------------------------------------------------------------------------

    static void printTable(List<LevelResult> results) {
        System.out.println();
        System.out.println("Latency of 2xx responses in ms; req/s counts every response, ok/s only 2xx.");
        String fmt = "%-9s %5s %6s %6s %8s %8s %8s %8s %8s %8s  %s%n";
        System.out.printf(fmt, "operation", "conc", "sent", "ok", "p50", "p90", "p99", "max", "req/s", "ok/s", "non-2xx by status / transport failures");
        for (LevelResult r : results) {
            if (r.skipped() != null) {
                System.out.printf("%-9s %5d  skipped: %s%n", r.operation(), r.concurrency(), r.skipped());
                continue;
            }
            String errs = r.errors().isEmpty() ? "-" : r.errors().toString();
            if (r.aborted()) errs += "  [time limit: " + r.sent() + "/" + r.planned() + " sent]";
            System.out.printf(fmt, r.operation(), r.concurrency(), r.sent(), r.ok(),
                    ms(r.pMs(0.50)), ms(r.pMs(0.90)), ms(r.pMs(0.99)), ms(r.maxMs()),
                    String.format(Locale.ROOT, "%.1f", r.rps()), String.format(Locale.ROOT, "%.1f", r.okRps()), errs);
        }
        boolean anyErrors = false;
        for (LevelResult r : results) {
            for (Map.Entry<String, String> e : r.errorSamples().entrySet()) {
                if (!anyErrors) { System.out.println(); System.out.println("First response body per non-2xx status:"); anyErrors = true; }
                System.out.printf("  %s c=%d %s: %s%n", r.operation(), r.concurrency(), e.getKey(), e.getValue());
            }
        }
        System.out.println();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    String toJson(List<LevelResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"tool\":\"auth-latency\",\"runId\":").append(q(runId))
          .append(",\"baseUrl\":").append(q(base.toString()))
          .append(",\"requestsPerLevel\":").append(requestsPerLevel)
          .append(",\"levelLimitSeconds\":").append(LEVEL_LIMIT.toSeconds())
          .append(",\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            LevelResult r = results.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"operation\":").append(q(r.operation()))
              .append(",\"concurrency\":").append(r.concurrency())
              .append(",\"planned\":").append(r.planned())
              .append(",\"sent\":").append(r.sent())
              .append(",\"ok\":").append(r.ok())
              .append(",\"errors\":{");
            int j = 0;
            for (Map.Entry<String, Integer> e : r.errors().entrySet()) {
                if (j++ > 0) sb.append(',');
                sb.append(q(e.getKey())).append(':').append(e.getValue());
            }
            sb.append("},\"p50Ms\":").append(num(r.pMs(0.50)))
              .append(",\"p90Ms\":").append(num(r.pMs(0.90)))
              .append(",\"p99Ms\":").append(num(r.pMs(0.99)))
              .append(",\"maxMs\":").append(num(r.maxMs()))
              .append(",\"throughputRps\":").append(num(r.rps()))
              .append(",\"okThroughputRps\":").append(num(r.okRps()))
              .append(",\"seconds\":").append(num(r.seconds()))
              .append(",\"aborted\":").append(r.aborted())
              .append(",\"skipped\":").append(r.skipped() == null ? "null" : q(r.skipped()))
              .append('}');
        }
        return sb.append("]}").toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String json(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(fields).entrySet()) {
            if (sb.length() > 1) sb.append(',');
            sb.append(q(e.getKey())).append(':').append(q(e.getValue()));
        }
        return sb.append('}').toString();
    }

    static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
