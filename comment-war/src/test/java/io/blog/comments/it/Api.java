package io.blog.comments.it;

import io.blog.common.testing.Accounts;
import io.blog.common.testing.Accounts.User;
import io.blog.common.testing.ForwardingProxy;
import io.blog.common.testing.TestHttp;
import io.blog.common.testing.TestHttp.Reply;

import java.net.URLEncoder;
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
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * comment-war's API for its integration tests. The test server also runs user-war (real tokens,
 * profiles) and post-war (articles). comment-war, and post-war's own profile lookups, reach them
 * through {@link ForwardingProxy forwarding proxies} in this JVM, which tests switch off to
 * simulate an outage of either peer.
 */
final class Api {

    static final String SERVER = System.getProperty("it.base.url", "http://127.0.0.1:9183");
    static final String COMMENTS = SERVER + "/api/comments";
    static final String POSTS = SERVER + "/api/posts";

    static final ForwardingProxy USERS_PROXY = new ForwardingProxy("users", Integer.getInteger("it.users.proxy.port", 9197), SERVER);
    static final ForwardingProxy POSTS_PROXY = new ForwardingProxy("posts", Integer.getInteger("it.posts.proxy.port", 9198), SERVER);
    private static final Accounts ACCOUNTS = new Accounts(SERVER + "/api/users");

    static {
        USERS_PROXY.start();
        POSTS_PROXY.start();
        // The security runtime starts after the server reports started: wait for a real token to work in both services.
        TestHttp.awaitStarted(Duration.ofSeconds(120), "comment-war and post-war to accept tokens", () -> {
            String token = admin().token();
            return get("/moderation/audit?limit=1", token).status() == 200
                    && send("GET", POSTS + "/mine", null, token, Map.of()).status() == 200;
        });
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

    static User author(String prefix) {
        return ACCOUNTS.author(prefix);
    }

    static User admin() {
        return ACCOUNTS.admin();
    }

    static User editor(String prefix) {
        return ACCOUNTS.withRoles(prefix, "EDITOR");
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
        TestHttp.await(timeout, what, condition);
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
}
