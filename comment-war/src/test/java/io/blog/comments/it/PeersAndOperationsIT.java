package io.blog.comments.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** comment-war without post-war or user-war, and what it tells operations. */
class PeersAndOperationsIT {

    @Test
    void withPostWarDownNothingIsWrittenAndTheCallerIsToldToRetry() {
        User writer = Api.author("pdwriter");
        User commenter = Api.author("pdcomm");
        String post = Api.publishedArticle(writer);
        String text = "written while posts is down " + Api.unique("t");

        Api.POSTS_PROXY.up(false);
        Reply refused;
        try {
            long started = System.nanoTime();
            refused = Api.comment(commenter, post, null, text);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofSeconds(5));
        } finally {
            Api.POSTS_PROXY.up(true);
        }
        CommentIT.assertProblem(refused, 503, null);
        assertThat(Api.countInDatabase("body_markdown = ?", text)).isZero();
        assertThat(Api.countInDatabase("author = ?", commenter.username())).isZero();

        Api.awaitPostsReachable();
        // The failed attempt left nothing behind: the same text is not a duplicate now.
        Map<String, Object> retried = Api.commented(commenter, post, null, text);
        assertThat(retried).containsEntry("status", "PENDING");
        assertThat(Api.countInDatabase("body_markdown = ?", text)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withUserWarDownCommentsAreWrittenAndListedWithUsernamesOnly() {
        User writer = Api.author("udwriter");
        User editor = Api.editor("udcomm");
        String post = Api.publishedArticle(writer);

        Api.USERS_PROXY.up(false);
        String id;
        try {
            Reply created = Api.comment(editor, post, null, "profiles are away");
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            id = Api.id(created.json());
            assertThat((Map<String, Object>) created.json().get("author")).containsEntry("username", editor.username())
                    .doesNotContainKey("displayName");

            Reply listed = Api.awaitVisible(post, null, id);
            Map<String, Object> author = (Map<String, Object>) Api.node(listed, id).get("author");
            assertThat(author).containsEntry("username", editor.username()).doesNotContainKey("displayName");
            assertThat(Api.get("/by-user/" + editor.username(), null).status()).isEqualTo(200);
        } finally {
            Api.USERS_PROXY.up(true);
        }
        // Once user-war answers again (after the circuit breaker's delay), names come back.
        Reply restored = Api.awaitThread(post, null, r -> r.body().contains("Display " + editor.username()));
        assertThat(((Map<String, Object>) Api.node(restored, id).get("author")))
                .containsEntry("displayName", "Display " + editor.username());
    }

    @Test
    void metricsNameTheCommentEvents() {
        User writer = Api.author("metwriter");
        User commenter = Api.author("metcomm");
        String post = Api.publishedArticle(writer);
        String pending = Api.id(Api.commented(commenter, post, null, "counted"));
        Api.commented(commenter, post, null, "casino counted");
        assertThat(Api.post("/moderation", Map.of("ids", List.of(pending), "action", "APPROVE"), Api.admin().token()).status())
                .isEqualTo(200);

        String metrics = Api.send("GET", Api.SERVER + "/metrics", null, null, Map.of("Accept", "text/plain")).body();
        assertThat(metrics).contains("comments_created_total", "comments_moderation_actions_total",
                "comments_spam_detected_total", "comments_pending");
        assertThat(metrics).containsPattern("comments_created_total\\{[^}]*status=\"PENDING\"")
                .containsPattern("comments_spam_detected_total\\{[^}]*reason=\"banned-word\"")
                .containsPattern("comments_moderation_actions_total\\{[^}]*action=\"APPROVE\"");
        String ready = Api.send("GET", Api.SERVER + "/health/ready", null, null, Map.of()).body();
        assertThat(ready).contains("\"UP\"");
    }

    @Test
    void openApiDescribesTheCommentEndpoints() {
        String openapi = Api.send("GET", Api.SERVER + "/openapi?format=JSON", null, null, Map.of()).body();
        assertThat(openapi).contains("/api/comments", "/api/comments/moderation", "/api/comments/moderation/audit",
                "/api/comments/counts");
    }
}
