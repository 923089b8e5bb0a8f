package io.blog.posts.it;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * HTTP client for the post-war integration tests. The test server also runs user-war, which
 * issues real tokens. post-war reaches user-war's profile lookup through {@link UsersProxy}, a
 * forwarding proxy in this JVM that tests can switch off to simulate a user-war outage.
 */
final class Api {

    static final String SERVER = System.getProperty("it.base.url", "http://127.0.0.1:9182");
    static final String POSTS = SERVER + "/api/posts";
    static final String USERS = SERVER + "/api/users";
    static final String PASSWORD = "Integration-Test-Pass-42";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    static {
        UsersProxy.start();
        awaitReady();
    }

    private Api() {
    }

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(body);
            } catch (JoseException e) {
                throw new AssertionError("Not a JSON object (status " + status + "): " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    record User(String username, String token) {
    }

    static String unique(String prefix) {
        return prefix + "_" + RUN + "_" + SEQUENCE.incrementAndGet();
    }

    static Reply send(String method, String url, Object body, String token, Map<String, String> headers, boolean follow) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", "10.9." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            @SuppressWarnings("unchecked")
            String text = body instanceof String s ? s : JsonUtil.toJson((Map<String, ?>) body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            HttpResponse<String> response = (follow ? HTTP : NO_REDIRECTS).send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Reply get(String path, String token) {
        return send("GET", POSTS + path, null, token, Map.of(), false);
    }

    static Reply post(String path, Object body, String token) {
        return send("POST", POSTS + path, body, token, Map.of(), false);
    }

    static Reply put(String path, Object body, String token, String ifMatch) {
        return send("PUT", POSTS + path, body, token, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch), false);
    }

    static Reply delete(String path, String token) {
        return send("DELETE", POSTS + path, null, token, Map.of(), false);
    }

    /** A new account with the default role (AUTHOR), signed in. */
    static User author(String prefix) {
        String name = unique(prefix).toLowerCase();
        Reply registered = send("POST", USERS, Map.of("username", name, "email", name + "@example.test", "password", PASSWORD,
                "displayName", "Display " + name), null, Map.of(), false);
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered);
        }
        return signIn(name, PASSWORD);
    }

    static User signIn(String login, String password) {
        Reply reply = send("POST", USERS + "/login", Map.of("login", login, "password", password), null, Map.of(), false);
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return new User(login, (String) reply.json().get("accessToken"));
    }

    static User admin() {
        return signIn("rootadmin", "it-admin-Pa55phrase");
    }

    /** A new account given exactly these roles by the administrator, signed in again so the token carries them. */
    static User withRoles(String prefix, String... roles) {
        User user = author(prefix);
        Reply changed = send("PUT", USERS + "/" + user.username() + "/roles", Map.of("roles", List.of(roles)),
                admin().token(), Map.of(), false);
        if (changed.status() != 200) {
            throw new AssertionError("role change failed: " + changed);
        }
        return signIn(user.username(), PASSWORD);
    }

    static Map<String, Object> article(String title, String body, String status, List<String> tags) {
        Map<String, Object> input = new HashMap<>();
        input.put("title", title);
        input.put("body", body);
        input.put("status", status);
        input.put("tags", tags);
        return input;
    }

    /** Creates an article and returns its JSON. */
    static Map<String, Object> create(User user, String title, String body, String status, List<String> tags) {
        Reply reply = post("", article(title, body, status, tags), user.token());
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply);
        }
        return reply.json();
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Until a real token is accepted by post-war (the security runtime starts after the server reports started). */
    private static void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                User probe = admin();
                if (get("/mine", probe.token()).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("post-war did not accept tokens within 120 s", last);
    }

    /** Forwards post-war's calls to user-war; switched off, it refuses every call like a dead peer. */
    static final class UsersProxy {
        private static final AtomicBoolean UP = new AtomicBoolean(true);
        private static HttpServer server;

        static synchronized void start() {
            if (server != null) {
                return;
            }
            int port = Integer.getInteger("it.users.proxy.port", 9199);
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            } catch (IOException e) {
                throw new AssertionError("cannot start the users proxy on " + port, e);
            }
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (!UP.get()) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    HttpRequest forward = HttpRequest.newBuilder(URI.create(SERVER + exchange.getRequestURI())).GET().build();
                    try {
                        HttpResponse<InputStream> response = HTTP.send(forward, HttpResponse.BodyHandlers.ofInputStream());
                        byte[] body = response.body().readAllBytes();
                        exchange.getResponseHeaders().add("Content-Type",
                                response.headers().firstValue("Content-Type").orElse("application/json"));
                        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
                        exchange.getResponseBody().write(body);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        exchange.sendResponseHeaders(502, -1);
                    }
                }
            });
            server.start();
        }

        static void up(boolean up) {
            UP.set(up);
        }
    }
}
