package io.blog.system;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of the public gateway. Every client connects from its own loopback address
 * (127.x.y.2), so to the gateway each is a different visitor with its own rate-limit
 * budget, exactly as different readers on the internet would be.
 */
public final class Client {

    // A random start: the gateway remembers addresses for a minute, and a rerun must not inherit
    // the previous run's rate-limit budgets.
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(ThreadLocalRandom.current().nextInt(60_000));

    public record Reply(int status, HttpHeaders headers, String body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(body);
            } catch (JoseException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            if (status != 200 || !(json().get("items") instanceof List<?>)) {
                throw new AssertionError("expected a list of items, got " + this);
            }
            return (List<Map<String, Object>>) json().get("items");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http;
    private final String address;

    private Client(String address) {
        this.address = address;
        try {
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .localAddress(InetAddress.getByName(address)).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A visitor from a loopback address no other client uses. */
    public static Client newVisitor() {
        int n = NEXT_ADDRESS.getAndIncrement() % 62_500;
        return new Client("127." + (1 + n / 250) + "." + (n % 250) + ".2");
    }

    public String address() {
        return address;
    }

    public Reply get(String path) {
        return send(request(path, null).GET());
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Reply send(String method, String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as bytes (an image), for requests whose answer is not text. */
    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(Topology.gateway() + path))
                .timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
