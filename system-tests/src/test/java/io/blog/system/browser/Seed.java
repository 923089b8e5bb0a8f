package io.blog.system.browser;

import io.blog.system.Client;
import io.blog.system.Topology;
import org.jose4j.json.JsonUtil;
import org.openqa.selenium.support.ui.FluentWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests need to exist before a browser looks at it, made through the public API
 * (each account from its own client address, so the browser's own rate-limit bucket is left alone).
 */
final class Seed {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private Seed() {
    }

    /** A signed-in account: its client, access token and refresh token. */
    record Account(String username, String password, Client client, String token, String refreshToken) {
    }

    /** Lowercase letters only, so it is one token for the search analyzer and valid in usernames. */
    static String word(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return sb.toString();
    }

    static String json(Map<String, ?> map) {
        return JsonUtil.toJson(map);
    }

    static String password() {
        return "Pw-" + word(6) + "-" + RANDOM.nextInt(1_000_000) + "-Kx";
    }

    /** Registers a new account (role: the registration default, READER in production) and signs it in. */
    static Account register(String prefix, String displayName) {
        Client client = Client.newVisitor();
        String username = prefix + "-" + word(8);
        String password = password();
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "email", username + "@example.test", "password", password));
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        Client.Reply reply = client.send("POST", "/api/users", null, json(body));
        assertThat(reply.status()).as("register %s: %s", username, reply).isEqualTo(201);
        return login(client, username, password);
    }

    static Account login(Client client, String username, String password) {
        Client.Reply reply = client.send("POST", "/api/users/login", null, json(Map.of("login", username, "password", password)));
        assertThat(reply.status()).as("login %s: %s", username, reply).isEqualTo(200);
        Map<String, Object> pair = reply.json();
        return new Account(username, password, client, (String) pair.get("accessToken"), (String) pair.get("refreshToken"));
    }

    static Account admin() {
        return login(Client.newVisitor(), Topology.env("BLOG_ADMIN_USERNAME"), Topology.env("BLOG_ADMIN_PASSWORD"));
    }

    /** A new author: registered, made an AUTHOR by the administrator, signed in. */
    static Account author(String prefix, String displayName) {
        Account account = register(prefix, displayName);
        Account admin = admin();
        Client.Reply reply = admin.client().send("PUT", "/api/users/" + account.username() + "/roles", admin.token(),
                json(Map.of("roles", List.of("AUTHOR"))));
        assertThat(reply.status()).as("roles: %s", reply).isEqualTo(200);
        return login(account.client(), account.username(), account.password());
    }

    /** An account with the given roles, signed in after the change so its token carries them. */
    static Account withRoles(String prefix, String... roles) {
        Account account = register(prefix, null);
        Account admin = admin();
        Client.Reply reply = admin.client().send("PUT", "/api/users/" + account.username() + "/roles", admin.token(),
                json(Map.of("roles", List.of(roles))));
        assertThat(reply.status()).as("set roles: %s", reply).isIn(200, 204);
        return login(account.client(), account.username(), account.password());
    }

    static Map<String, Object> article(Account author, String title, String body, List<String> tags, String summary) {
        return article(author, title, body, tags, summary, null);
    }

    static Map<String, Object> article(Account author, String title, String body, List<String> tags, String summary,
                                       String coverImageUrl) {
        Map<String, Object> article = new HashMap<>(Map.of("title", title, "body", body, "tags", tags, "status", "PUBLISHED"));
        if (summary != null) {
            article.put("summary", summary);
        }
        if (coverImageUrl != null) {
            article.put("coverImageUrl", coverImageUrl);
        }
        Client.Reply reply = author.client().send("POST", "/api/posts", author.token(), json(article));
        assertThat(reply.status()).as("create article: %s", reply).isEqualTo(201);
        return reply.json();
    }

    /**
     * Uploads a photo-like cover (soft gradients with detail, as a camera's JPEG compresses) and
     * returns its address for coverImageUrl.
     */
    static String cover(Account author, int width, int height) throws IOException {
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B5876), width, height, new Color(0xF4A261)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(RANDOM.nextInt(0x1000000) | 0x30000000, true));
            int size = 10 + RANDOM.nextInt(width / 8);
            g.fillOval(RANDOM.nextInt(width), RANDOM.nextInt(height), size, size);
        }
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpeg", jpeg);
        Client client = author.client();
        Client.Reply reply = client.send(client.request("/api/posts/media", author.token()).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg.toByteArray())));
        assertThat(reply.status()).as("upload cover: %s", reply).isEqualTo(201);
        return (String) reply.json().get("url");
    }

    static Map<String, Object> comment(Account author, String slug, String body) {
        Client.Reply reply = author.client().send("POST", "/api/comments", author.token(),
                json(Map.of("post", slug, "body", body)));
        assertThat(reply.status()).as("comment: %s", reply).isEqualTo(201);
        return reply.json();
    }

    /** Polls the API (search is eventually consistent) until the condition holds; fails after the timeout. */
    static <T> T eventually(String what, Duration timeout, Function<Client, T> probe) {
        Client client = Client.newVisitor();
        return new FluentWait<>(client).withTimeout(timeout).pollingEvery(Duration.ofMillis(500))
                .withMessage(what).ignoring(AssertionError.class).until(probe);
    }
}
