package io.blog.common.testing;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * HTTP calls to the real test servers. Each call comes from its own client address
 * (X-Forwarded-For, which the servers trust from loopback as they do behind the gateway), so the
 * rate-limit buckets of different tests never mix; redirects are never followed, so tests see them.
 */
public final class TestHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger ADDRESS = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 24));
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    private TestHttp() {
    }

    public record Reply(int status, HttpHeaders headers, String body) {

        public Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(body);
            } catch (JoseException e) {
                throw new AssertionError("Not a JSON object (status " + status + "): " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The {@code errors} of a validation problem (field, message), empty if there are none. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> fieldErrors() {
            Object errors = json().get("errors");
            return errors == null ? List.of() : (List<Map<String, Object>>) errors;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A name no other test of this run (or a recent run) uses. */
    public static String unique(String prefix) {
        return prefix + "_" + RUN + "_" + SEQUENCE.incrementAndGet();
    }

    /** A client address no other call of this run uses. */
    public static String uniqueIp() {
        int n = ADDRESS.incrementAndGet() & 0xffffff;
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /**
     * One request. {@code body} is a JSON string or a map written as JSON; {@code headers} may
     * replace the defaults (X-Forwarded-For to reuse an address, Accept).
     */
    public static Reply send(String method, String url, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .setHeader("X-Forwarded-For", uniqueIp());
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            @SuppressWarnings("unchecked")
            String text = body instanceof String s ? s : JsonUtil.toJson((Map<String, ?>) body);
            request.setHeader("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A GET written byte for byte, for addresses java.net.URI refuses to build (a malformed
     * escape such as {@code ?cursor=%%%}) but a client can still send.
     */
    public static Reply rawGet(String server, String pathAndQuery) {
        URI base = URI.create(server);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nX-Forwarded-For: " + uniqueIp() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, headerEnd).split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            String body = response.substring(headerEnd + 4);
            if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
                body = unchunk(body);
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), HttpHeaders.of(headers, (k, v) -> true), body);
        } catch (IOException e) {
            throw new AssertionError("Request failed: GET " + pathAndQuery, e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** Polls {@code condition} every 200 ms until it holds; fails naming {@code what} after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            pause(200);
        }
    }

    /**
     * As {@link #await}, for a server still starting: a probe that fails with an AssertionError
     * (connection refused, a 401 before the security runtime is up) means "not yet".
     */
    public static void awaitStarted(Duration timeout, String what, BooleanSupplier probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (probe.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError notYet) {
                last = notYet;
            }
            pause(500);
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for: " + what, last);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
