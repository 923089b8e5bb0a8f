package io.blog.load;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the load test's visits need, made before the load and removed after it: a few authors
 * (registered, made AUTHOR by the administrator) with published articles to read and comment on.
 * Every account it or the visits create is named {@code load-<run>-...} with an example.invalid
 * address; afterwards the articles and drafts are deleted and the accounts disabled.
 *
 * <p>The administrator's credentials come from the environment (BLOG_ADMIN_USERNAME,
 * BLOG_ADMIN_PASSWORD), as scripts/test/load-test.sh reads them from the env file. Requests go out
 * from addresses of their own (127.250.x.3), so the gateway's per-address limits count them apart
 * from the visitors.
 */
final class Fixture {

    private static final int AUTHORS = 5;
    private static final int ARTICLES_PER_AUTHOR = 4;

    private final String base;
    private final String run = "load-" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    private final String password = "Load-" + UUID.randomUUID();
    private final List<HttpClient> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final List<String> authors = new CopyOnWriteArrayList<>();
    private final List<String> slugs = new CopyOnWriteArrayList<>();
    private final Queue<String> drafts = new ConcurrentLinkedQueue<>();
    private final Queue<String> readers = new ConcurrentLinkedQueue<>();
    private String adminToken;

    Fixture(String base) {
        this.base = base;
        for (int n = 0; n < 50; n++) {
            try {
                clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                        .localAddress(InetAddress.getByName("127.250." + n + ".3")).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    String run() {
        return run;
    }

    String password() {
        return password;
    }

    String randomAuthor() {
        return authors.get(ThreadLocalRandom.current().nextInt(authors.size()));
    }

    String randomSlug() {
        return slugs.get(ThreadLocalRandom.current().nextInt(slugs.size()));
    }

    void registered(String username) {
        readers.add(username);
    }

    void written(String slug) {
        drafts.add(slug);
    }

    void create() {
        adminToken = signIn(System.getenv("BLOG_ADMIN_USERNAME"), System.getenv("BLOG_ADMIN_PASSWORD"));
        for (int a = 1; a <= AUTHORS; a++) {
            String username = run + "-a" + a;
            call("POST", "/api/users", null, Map.of("username", username, "email", username + "@example.invalid",
                    "password", password, "displayName", "Load test author " + a), 201);
            call("PUT", "/api/users/" + username + "/roles", adminToken, Map.of("roles", List.of("READER", "AUTHOR")), 200);
            authors.add(username);
            String token = signIn(username, password);
            for (int n = 1; n <= ARTICLES_PER_AUTHOR; n++) {
                String word = BlogLoadSimulation.WORDS[(a * ARTICLES_PER_AUTHOR + n) % BlogLoadSimulation.WORDS.length];
                Map<String, Object> article = call("POST", "/api/posts", token, Map.of(
                        "title", "Load test article " + a + "." + n + " on " + word,
                        "body", "Published by the load test to be read, searched for (" + word + ") and commented on.\n\n"
                                + "Some paragraphs follow, so that it weighs what an article weighs.\n\n".repeat(20),
                        "tags", List.of("load-test", word), "status", "PUBLISHED"), 201);
                slugs.add((String) article.get("slug"));
            }
        }
        System.out.printf("load test %s: %d authors and %d articles ready at %s%n", run, authors.size(), slugs.size(), base);
    }

    void remove() {
        int removed = 0;
        int disabled = 0;
        List<String> articles = new ArrayList<>(slugs);
        articles.addAll(drafts);
        for (String slug : articles) {
            removed += quietly("DELETE", "/api/posts/" + slug, Map.of()) ? 1 : 0;
        }
        List<String> accounts = new ArrayList<>(authors);
        accounts.addAll(readers);
        for (String username : accounts) {
            disabled += quietly("PUT", "/api/users/" + username + "/status", Map.of("status", "DISABLED")) ? 1 : 0;
        }
        System.out.printf("load test %s: removed %d of %d articles, disabled %d of %d accounts%n",
                run, removed, articles.size(), disabled, accounts.size());
    }

    private boolean quietly(String method, String path, Map<String, Object> body) {
        try {
            call(method, path, adminToken, body, method.equals("DELETE") ? 204 : 200);
            return true;
        } catch (IllegalStateException e) {
            System.out.println("load test clean-up: " + e.getMessage());
            return false;
        }
    }

    private String signIn(String login, String secret) {
        if (login == null || secret == null) {
            throw new IllegalStateException("BLOG_ADMIN_USERNAME and BLOG_ADMIN_PASSWORD must be set (scripts/test/load-test.sh reads them from the env file)");
        }
        return (String) call("POST", "/api/users/login", null, Map.of("login", login, "password", secret), 200).get("accessToken");
    }

    private Map<String, Object> call(String method, String path, String token, Map<String, Object> body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(body)));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        try {
            HttpResponse<String> reply = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + reply.statusCode() + ", expected " + expected
                        + ": " + reply.body().substring(0, Math.min(200, reply.body().length())));
            }
            return reply.body().isBlank() ? Map.of() : JsonUtil.parseJson(reply.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (JoseException e) {
            throw new IllegalStateException(method + " " + path + ": not JSON", e);
        }
    }
}
