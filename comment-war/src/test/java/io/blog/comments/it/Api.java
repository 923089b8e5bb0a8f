package io.blog.comments.it;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * HTTP client for the comment-war integration tests. The test server also runs user-war (real
 * tokens, profiles) and post-war (articles). comment-war, and post-war's own profile lookups,
 * reach them through {@link Proxy forwarding proxies} in this JVM, which tests switch off to
 * simulate an outage of either peer.
 */
final class Api {

    static final String SERVER = System.getProperty("it.base.url", "http://127.0.0.1:9183");
    static final String COMMENTS = SERVER + "/api/comments";
    static final String POSTS = SERVER + "/api/posts";
    static final String USERS = SERVER + "/api/users";
    static final String PASSWORD = "Integration-Test-Pass-42";

    static final Proxy USERS_PROXY = new Proxy("users", Integer.getInteger("it.users.proxy.port", 9197));
    static final Proxy POSTS_PROXY = new Proxy("posts", Integer.getInteger("it.posts.proxy.port", 9198));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    static {
        USERS_PROXY.start();
        POSTS_PROXY.start();
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

    static Reply send(String method, String url, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", "10.8." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
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
        return send("GET", COMMENTS + path, null, token, Map.of());
    }

    static Reply post(String path, Object body, String token) {
        return send("POST", COMMENTS + path, body, token, Map.of());
    }

    static Reply patch(String path, Object body, String token) {
        return send("PATCH", COMMENTS + path, body, token, Map.of());
    }

    static Reply delete(String path, String token) {
        return send("DELETE", COMMENTS + path, null, token, Map.of());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- users -------------------------------------------------------------------------------

    /** A new account with the default role (AUTHOR), signed in. */
    static User author(String prefix) {
        String name = unique(prefix).toLowerCase();
        Reply registered = send("POST", USERS, Map.of("username", name, "email", name + "@example.test", "password", PASSWORD,
                "displayName", "Display " + name), null, Map.of());
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered);
        }
        return signIn(name, PASSWORD);
    }

    static User signIn(String login, String password) {
        Reply reply = send("POST", USERS + "/login", Map.of("login", login, "password", password), null, Map.of());
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
                admin().token(), Map.of());
        if (changed.status() != 200) {
            throw new AssertionError("role change failed: " + changed);
        }
        return signIn(user.username(), PASSWORD);
    }

    static User editor(String prefix) {
        return withRoles(prefix, "EDITOR");
    }

    // ---- articles (post-war) -----------------------------------------------------------------

    /** An article by {@code author}; a published one is returned once anonymous readers (and so comment-war) see it. */
    static String article(User author, String status) {
        Map<String, Object> input = new HashMap<>();
        input.put("title", "Commented " + unique("article"));
        input.put("body", "Article body");
        input.put("status", status);
        input.put("tags", List.of());
        Reply reply = send("POST", POSTS, input, author.token(), Map.of());
        if (reply.status() != 201) {
            throw new AssertionError("article create failed: " + reply);
        }
        String slug = (String) reply.json().get("slug");
        if ("PUBLISHED".equals(status)) {
            await(Duration.ofSeconds(20), "article " + slug + " readable anonymously",
                    () -> send("GET", POSTS + "/" + enc(slug), null, null, Map.of()).status() == 200);
        }
        return slug;
    }

    static String publishedArticle(User author) {
        return article(author, "PUBLISHED");
    }

    // ---- comments ----------------------------------------------------------------------------

    static Map<String, Object> newComment(String post, String parentId, String body) {
        Map<String, Object> input = new HashMap<>();
        input.put("post", post);
        if (parentId != null) {
            input.put("parentId", parentId);
        }
        input.put("body", body);
        return input;
    }

    static Reply comment(User user, String post, String parentId, String body) {
        return post("", newComment(post, parentId, body), user == null ? null : user.token());
    }

    /** Writes a comment that must be accepted (201) and returns its JSON. */
    static Map<String, Object> commented(User user, String post, String parentId, String body) {
        Reply reply = comment(user, post, parentId, body);
        if (reply.status() != 201) {
            throw new AssertionError("comment failed: " + reply);
        }
        return reply.json();
    }

    static String id(Map<String, Object> comment) {
        return (String) comment.get("id");
    }

    static Reply thread(String post, String token, String query) {
        return get("?post=" + enc(post) + (query == null || query.isEmpty() ? "" : "&" + query), token);
    }

    /** Every node of a thread page, depth first, in display order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> flatten(List<Map<String, Object>> nodes) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> node : nodes) {
            all.add(node);
            Object replies = node.get("replies");
            if (replies instanceof List<?> list) {
                all.addAll(flatten((List<Map<String, Object>>) list));
            }
        }
        return all;
    }

    static List<String> ids(List<Map<String, Object>> nodes) {
        return nodes.stream().map(Api::id).toList();
    }

    /** Polls the first page of {@code post}'s threads as {@code token} until {@code ready} holds; returns that page. */
    static Reply awaitThread(String post, String token, Predicate<Reply> ready) {
        Reply[] last = new Reply[1];
        try {
            await(Duration.ofSeconds(15), "thread of " + post + " to reach the expected state", () -> {
                last[0] = thread(post, token, "limit=50");
                return last[0].status() == 200 && ready.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last page: " + last[0], e);
        }
        return last[0];
    }

    /** Polls until a comment with this id is (or is not) part of the first page of {@code post} for {@code token}. */
    static Reply awaitVisible(String post, String token, String commentId) {
        return awaitThread(post, token, r -> ids(flatten(r.items())).contains(commentId));
    }

    static Map<String, Object> node(Reply page, String commentId) {
        return flatten(page.items()).stream().filter(n -> commentId.equals(n.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("comment " + commentId + " not in " + page));
    }

    // ---- database, for checks the API cannot make -------------------------------------------

    static long countInDatabase(String sqlWhere, String parameter) {
        try (Connection c = DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM comment WHERE " + sqlWhere)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    // ---- waiting -----------------------------------------------------------------------------

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

    /**
     * After a posts outage: until comment-war's circuit breaker lets article checks through again
     * (an unknown article then answers 422, not 503). Each probe is a fresh user, so probes do not
     * use up anyone's comment rate limit.
     */
    static void awaitPostsReachable() {
        await(Duration.ofSeconds(30), "comment-war to reach post-war again", () -> {
            User probe = author("probe");
            return comment(probe, "no-such-article-" + unique("p").toLowerCase().replace('_', '-'), null, "probe").status() == 422;
        });
    }

    /** Until a real token is accepted by comment-war (the security runtime starts after the server reports started). */
    private static void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                User probe = admin();
                if (get("/moderation/audit?limit=1", probe.token()).status() == 200
                        && send("GET", POSTS + "/mine", null, probe.token(), Map.of()).status() == 200) {
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
        throw new AssertionError("comment-war did not accept tokens within 120 s", last);
    }

    /** Forwards GETs to the test server; switched off, it answers 503 to every call like a dead peer. */
    static final class Proxy {
        private final String name;
        private final int port;
        private final AtomicBoolean up = new AtomicBoolean(true);
        private HttpServer server;

        Proxy(String name, int port) {
            this.name = name;
            this.port = port;
        }

        synchronized void start() {
            if (server != null) {
                return;
            }
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            } catch (IOException e) {
                throw new AssertionError("cannot start the " + name + " proxy on " + port, e);
            }
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (!up.get()) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(SERVER + exchange.getRequestURI())).GET();
                    String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                    if (requestId != null) {
                        forward.header("X-Request-Id", requestId);
                    }
                    try {
                        HttpResponse<InputStream> response = HTTP.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
                        byte[] body = response.body().readAllBytes();
                        exchange.getResponseHeaders().add("Content-Type",
                                response.headers().firstValue("Content-Type").orElse("application/json"));
                        response.headers().firstValue("Location").ifPresent(l -> exchange.getResponseHeaders().add("Location", l));
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

        void up(boolean isUp) {
            up.set(isUp);
        }
    }
}
