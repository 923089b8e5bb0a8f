package io.blog.system.api;

import io.blog.system.Accounts;
import io.blog.system.Await;
import io.blog.system.Client;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the matrix's requests point at, made through the public API by the callers who would own
 * it: the author's published article, a deleted one, the author's comment, a stranger's pending
 * comment on the author's article, a plain account for the administrator's endpoints. Placeholders
 * ({@code ${article}}) are filled in lazily; a fixture that a successful request used up (deleted,
 * restored, moderated, rotated) is made anew for the next caller.
 */
final class Fixtures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    /** Fixtures that a successful write changes so that the next caller would not meet the same state. */
    private static final Set<String> USED_UP_BY_WRITES = Set.of("article", "articleTitle", "articleVersion",
            "deletedArticle", "comment", "pendingComment", "refreshToken");

    private final Callers callers;
    private final Map<String, String> values = new HashMap<>();
    private final AtomicInteger unique = new AtomicInteger();
    private final String commenter = Accounts.register("mxcommenter").username();
    private final String run = Accounts.uniqueName("mx");

    Fixtures(Callers callers) {
        this.callers = callers;
    }

    /** The body cell that stands for an image: a PNG drawn afresh for each request, so none is a repeat upload. */
    static final String IMAGE_BODY = "a fresh PNG image";
    private static final AtomicInteger IMAGES = new AtomicInteger();

    /** An image request: a 600×400 PNG whose colour no earlier request used. */
    static Client.Reply sendImage(String method, String path, String token) {
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (System.nanoTime() & 0xFFFF) << 8 | IMAGES.incrementAndGet() & 0xFF));
        g.fillRect(0, 0, 600, 400);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Client client = Client.newVisitor();
        return client.send(client.request(path, token).header("Content-Type", "image/png")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())));
    }

    /** The text with every placeholder filled in; {@code ${unique}} is new on every call. */
    String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        String stamp = run + "-" + unique.incrementAndGet();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(filled, Matcher.quoteReplacement(name.equals("unique") ? stamp : value(name)));
        }
        return m.appendTail(filled).toString();
    }

    /** After a successful write: the fixtures the request named are no longer what they were. */
    void usedUp(String... texts) {
        for (String text : texts) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (USED_UP_BY_WRITES.contains(m.group(1))) {
                    if (m.group(1).startsWith("article")) {
                        values.remove("article");
                        values.remove("articleTitle");
                        values.remove("articleVersion");
                    }
                    values.remove(m.group(1));
                }
            }
        }
    }

    private String value(String name) {
        String known = values.get(name);
        if (known != null) {
            return known;
        }
        switch (name) {
            case "article", "articleTitle", "articleVersion" -> {
                Map<String, Object> article = article("PUBLISHED");
                values.put("article", (String) article.get("slug"));
                values.put("articleTitle", (String) article.get("title"));
                values.put("articleVersion", String.valueOf(article.get("version")));
            }
            case "hostArticle" -> values.put(name, (String) article("PUBLISHED").get("slug"));
            case "deletedArticle" -> {
                String slug = (String) article("DRAFT").get("slug");
                Client.Reply deleted = Client.newVisitor().send("DELETE", "/api/posts/" + slug, token(Callers.Kind.AUTHOR), null);
                assertThat(deleted.status()).as("delete %s: %s", slug, deleted).isEqualTo(204);
                values.put(name, slug);
            }
            case "comment" -> values.put(name, comment(token(Callers.Kind.AUTHOR)));
            case "pendingComment" -> {
                String id = comment(Callers.signIn(commenter).accessToken());
                values.put(name, id);
            }
            case "victim" -> values.put(name, Accounts.register("mxvictim").username());
            case "refreshToken" -> values.put(name, Callers.signIn(value("victim")).refreshToken());
            case "reindexJob" -> {
                // One reindex at a time: the one the matrix's own POST row started may still run.
                Client.Reply started = Await.until("a reindex may start", Duration.ofSeconds(60),
                        () -> Client.newVisitor().send("POST", "/api/posts/search/reindex", token(Callers.Kind.ADMIN), null),
                        reply -> reply.status() != 409);
                assertThat(started.status()).as("reindex: %s", started).isEqualTo(202);
                values.put(name, (String) started.json().get("id"));
            }
            case "media" -> {
                Client.Reply uploaded = sendImage("POST", "/api/posts/media", token(Callers.Kind.AUTHOR));
                assertThat(uploaded.status()).as("upload: %s", uploaded).isEqualTo(201);
                values.put(name, (String) uploaded.json().get("id"));
            }
            case "author" -> values.put(name, callers.get(Callers.Kind.AUTHOR).username);
            case "password" -> values.put(name, Accounts.PASSWORD);
            default -> throw new IllegalArgumentException("no fixture ${" + name + "}");
        }
        return values.get(name);
    }

    private String token(Callers.Kind kind) {
        return callers.get(kind).token();
    }

    private Map<String, Object> article(String status) {
        String title = "Matrix article " + run + " " + unique.incrementAndGet();
        Client.Reply created = withPatience(() -> Client.newVisitor().send("POST", "/api/posts", token(Callers.Kind.AUTHOR),
                "{\"title\":\"" + title + "\",\"body\":\"The matrix's fixture.\",\"tags\":[\"matrix\"],\"status\":\"" + status + "\"}"));
        assertThat(created.status()).as("article: %s", created).isEqualTo(201);
        return created.json();
    }

    private String comment(String token) {
        String body = "A fixture comment " + run + " " + unique.incrementAndGet();
        Client.Reply created = withPatience(() -> Client.newVisitor().send("POST", "/api/comments", token,
                "{\"post\":\"" + value("hostArticle") + "\",\"body\":\"" + body + "\"}"));
        assertThat(created.status()).as("comment: %s", created).isEqualTo(201);
        return (String) created.json().get("id");
    }

    /**
     * The request again after the Retry-After of a 429: the services' per-user budgets (five comments
     * a minute) are not what the matrix is about, and its fixtures and cells would otherwise meet them.
     */
    static Client.Reply withPatience(Supplier<Client.Reply> request) {
        Client.Reply reply = request.get();
        for (int attempt = 0; reply.status() == 429 && attempt < 3; attempt++) {
            String retryAfter = reply.header("Retry-After");
            long seconds = retryAfter == null ? 10 : Math.min(65, Long.parseLong(retryAfter.trim()));
            try {
                Thread.sleep(Duration.ofSeconds(seconds).plusMillis(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reply = request.get();
        }
        return reply;
    }
}
