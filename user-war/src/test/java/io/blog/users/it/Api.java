package io.blog.users.it;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP client for the integration tests, talking to the real server the Liberty plugin
 * started. Each call carries its own X-Forwarded-For so rate-limit buckets of different tests
 * never mix (the server trusts loopback as a proxy, as it does behind the gateway).
 */
final class Api {

    static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:9181") + "/api/users";
    static final String SERVER = System.getProperty("it.base.url", "http://127.0.0.1:9181");
    static final String PASSWORD = "Integration-Test-Pass-42";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger IP_SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 200) * 60_000);
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger NAME_SEQUENCE = new AtomicInteger();

    static {
        awaitSecurityReady();
    }

    private Api() {
    }

    /**
     * The server reports started before its security runtime accepts tokens; wait until a real
     * token works so no test sees a start-up artefact.
     */
    private static void awaitSecurityReady() {
        String username = uniqueName("probe");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        boolean registered = false;
        while (System.nanoTime() < deadline) {
            try {
                if (!registered) {
                    registered = register(username, username + "@example.test", PASSWORD).status() == 201;
                }
                if (registered) {
                    Reply login = login(username, PASSWORD, null);
                    if (login.status() == 200 && get("/me", (String) login.json().get("accessToken")).status() == 200) {
                        return;
                    }
                }
            } catch (AssertionError notYet) {
                // connection refused while the server is still starting
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("The server did not accept tokens within 90 s");
    }

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(body);
            } catch (JoseException e) {
                throw new AssertionError("Not a JSON object (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fieldErrors() {
            Object errors = json().get("errors");
            return errors == null ? List.of() : (List<Map<String, Object>>) errors;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    record Session(String username, String email, String password, String accessToken, String refreshToken, String id) {
    }

    static String uniqueIp() {
        int n = IP_SEQUENCE.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    static String uniqueName(String prefix) {
        return (prefix + "_" + RUN + "_" + NAME_SEQUENCE.incrementAndGet()).toLowerCase();
    }

    static Reply call(String method, String url, Object body, String token, String clientIp) {
        return call(method, url, body, token, clientIp, "application/json");
    }

    /** A plain GET as a scraper or browser would send it. */
    static Reply fetch(String url, String accept) {
        return call("GET", url, null, null, null, accept);
    }

    static Reply call(String method, String url, Object body, String token, String clientIp, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .header("X-Forwarded-For", clientIp == null ? uniqueIp() : clientIp);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            @SuppressWarnings("unchecked")
            String text = body instanceof String s ? s : JsonUtil.toJson((Map<String, ?>) body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
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

    static Reply get(String path, String token) {
        return call("GET", BASE + path, null, token, null);
    }

    static Reply post(String path, Object body, String token) {
        return call("POST", BASE + path, body, token, null);
    }

    static Reply register(String username, String email, String password) {
        return post("", Map.of("username", username, "email", email, "password", password), null);
    }

    static Reply login(String login, String password, String clientIp) {
        return call("POST", BASE + "/login", Map.of("login", login, "password", password), null, clientIp);
    }

    /** Registers a fresh account and signs it in. */
    static Session newSession(String prefix) {
        String username = uniqueName(prefix);
        String email = username + "@example.test";
        Reply registered = register(username, email, PASSWORD);
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered);
        }
        return signIn(username, email, PASSWORD);
    }

    static Session signIn(String username, String email, String password) {
        Reply login = login(username, password, null);
        if (login.status() != 200) {
            throw new AssertionError("login failed: " + login);
        }
        Map<String, Object> body = login.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        return new Session(username, email, password, (String) body.get("accessToken"), (String) body.get("refreshToken"),
                (String) user.get("id"));
    }

    static Session admin() {
        return signIn("rootadmin", "rootadmin@example.test", "it-admin-Pa55phrase");
    }
}
