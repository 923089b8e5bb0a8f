package io.blog.posts.it;

import io.blog.common.testing.Accounts;
import io.blog.common.testing.Accounts.User;
import io.blog.common.testing.ForwardingProxy;
import io.blog.common.testing.TestHttp;
import io.blog.common.testing.TestHttp.Reply;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * post-war's API for its integration tests. The test server also runs user-war, which issues real
 * tokens; post-war reaches user-war's profile lookup through {@link #USERS_PROXY}, which tests
 * switch off to simulate a user-war outage.
 */
final class Api {

    static final String SERVER = System.getProperty("it.base.url", "http://127.0.0.1:9182");
    static final String POSTS = SERVER + "/api/posts";
    static final ForwardingProxy USERS_PROXY = new ForwardingProxy("users", Integer.getInteger("it.users.proxy.port", 9199), SERVER);
    private static final Accounts ACCOUNTS = new Accounts(SERVER + "/api/users");

    static {
        USERS_PROXY.start();
        // The security runtime starts after the server reports started: wait for a real token to work.
        TestHttp.awaitStarted(Duration.ofSeconds(120), "post-war to accept tokens", () -> get("/mine", admin().token()).status() == 200);
    }

    private Api() {
    }

    static String unique(String prefix) {
        return TestHttp.unique(prefix);
    }

    static Reply send(String method, String url, Object body, String token, Map<String, String> headers) {
        return TestHttp.send(method, url, body, token, headers);
    }

    static Reply get(String path, String token) {
        return send("GET", POSTS + path, null, token, Map.of());
    }

    static Reply post(String path, Object body, String token) {
        return send("POST", POSTS + path, body, token, Map.of());
    }

    /** A reader's browser, as far as the view beacon can tell. */
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

    /** A new visitor's address: every test run starts with fresh per-address budgets. */
    static String visitor() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** The article page's view beacon, from a visitor at {@code address} (forwarded as the gateway would). */
    static Reply view(String slug, String address, String userAgent, String token) {
        return send("POST", POSTS + "/" + slug + "/views", null, token, Map.of("X-Forwarded-For", address, "User-Agent", userAgent));
    }

    static Reply put(String path, Object body, String token, String ifMatch) {
        return send("PUT", POSTS + path, body, token, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    static Reply delete(String path, String token) {
        return send("DELETE", POSTS + path, null, token, Map.of());
    }

    static User author(String prefix) {
        return ACCOUNTS.author(prefix);
    }

    static User admin() {
        return ACCOUNTS.admin();
    }

    static User withRoles(String prefix, String... roles) {
        return ACCOUNTS.withRoles(prefix, roles);
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
        TestHttp.await(timeout, what, condition);
    }
}
