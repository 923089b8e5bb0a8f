package io.blog.comments.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Writing, validating, editing, deleting and counting comments. */
class CommentIT {

    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=/]+)\\s*(?:=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");
    private static final Set<String> ALLOWED_TAGS = Set.of("p", "br", "a", "em", "strong", "code", "pre");

    @Test
    void anEditorCommentsOnAPublishedArticleAndReadersSeeSafeHtml() {
        User writer = Api.author("writer");
        User editor = Api.editor("ed");
        String post = Api.publishedArticle(writer);

        Reply created = Api.comment(editor, post, null, "Hello **world** and [docs](https://example.test/docs)");

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> comment = created.json();
        assertThat(comment).containsEntry("post", post).containsEntry("status", "APPROVED")
                .containsEntry("pending", false).containsEntry("edited", false).containsEntry("deleted", false)
                .containsEntry("depth", 0L).containsEntry("body", "Hello **world** and [docs](https://example.test/docs)");
        assertThat(comment.get("rootId")).isEqualTo(comment.get("id"));
        assertThat((String) comment.get("bodyHtml")).contains("<strong>world</strong>")
                .contains("<a href=\"https://example.test/docs\" rel=\"nofollow ugc noopener\">docs</a>");
        assertThat(comment.get("author").toString()).contains(editor.username());

        Reply anonymous = Api.awaitVisible(post, null, Api.id(comment));
        Map<String, Object> shown = Api.node(anonymous, Api.id(comment));
        assertThat(shown).containsEntry("bodyHtml", comment.get("bodyHtml")).containsEntry("status", "APPROVED");
        assertThat(shown.get("body")).as("the Markdown is only for its author").isNull();
    }

    @Test
    void scriptPayloadsNeverBecomeLiveMarkup() {
        User writer = Api.author("xsswriter");
        User editor = Api.editor("xss");
        String post = Api.publishedArticle(writer);
        List<String> payloads = List.of(
                "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n<svg onload=alert(3)></svg>\n\n"
                        + "<a href=\"javascript:alert(4)\">raw link</a>\n\n<iframe src=\"https://evil.test\"></iframe>\n\n"
                        + "<p onclick=\"alert(5)\">para</p>\n\n<style>body{display:none}</style>",
                "[md link](javascript:alert(6))\n\n[mixed](JaVaScRiPt:alert(7))\n\n![img](javascript:alert(8))\n\n"
                        + "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)\n\n"
                        + "[entity](&#106;avascript:alert(10))\n\n<javascript:alert(11)>\n\n"
                        + "[rel](/relative/path) and `<b onmouseover=alert(12)>` and ![pic](https://example.test/p.png)");

        for (String payload : payloads) {
            Reply created = Api.comment(editor, post, null, payload);
            assertThat(created.status()).isEqualTo(201);
            String html = (String) created.json().get("bodyHtml");
            assertOnlyInertMarkup(html);
            String listed = (String) Api.node(Api.awaitVisible(post, editor.token(), Api.id(created.json())),
                    Api.id(created.json())).get("bodyHtml");
            assertThat(listed).isEqualTo(html);
        }
        // The image became a plain link to it, nothing is embedded (readers get no raw Markdown).
        Reply page = Api.awaitThread(post, null, r -> r.items().size() == payloads.size());
        assertThat(page.body()).contains("<a href=\\\"https://example.test/p.png\\\"").doesNotContain("<img", "<script", "\"body\":");
    }

    private static void assertOnlyInertMarkup(String html) {
        assertThat(html).isNotBlank();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String name = tags.group(1).toLowerCase();
            assertThat(ALLOWED_TAGS).as("element <%s> in %s", name, html).contains(name);
            Matcher attributes = ATTRIBUTE.matcher(tags.group(2));
            while (attributes.find()) {
                String attribute = attributes.group(1).toLowerCase();
                String value = attributes.group(2) == null ? "" : attributes.group(2).replaceAll("^[\"']|[\"']$", "");
                assertThat(attribute).as("attribute in %s", tags.group()).isIn("href", "rel");
                if (attribute.equals("href")) {
                    assertThat(name).isEqualTo("a");
                    assertThat(value).as("href in %s", tags.group()).matches("(?i)(https?://|mailto:).*");
                }
            }
        }
    }

    @Test
    void invalidCommentsAreRejectedAsProblems() {
        User writer = Api.author("valwriter");
        User editor = Api.editor("val");
        String post = Api.publishedArticle(writer);
        String otherPost = Api.publishedArticle(writer);

        assertProblem(Api.comment(editor, post, null, ""), 400, "body");
        assertProblem(Api.comment(editor, post, null, "   \n  "), 400, "body");
        assertProblem(Api.comment(editor, post, null, "x".repeat(5_001)), 400, "body");
        assertProblem(Api.post("", Map.of("body", "no article"), editor.token()), 400, "post");
        assertProblem(Api.post("", "{not json", editor.token()), 400, null);
        assertProblem(Api.comment(editor, post, UUID.randomUUID().toString(), "reply to nothing"), 400, "parentId");

        Map<String, Object> elsewhere = Api.commented(editor, otherPost, null, "on the other article");
        assertProblem(Api.comment(editor, post, Api.id(elsewhere), "reply across articles"), 400, "parentId");

        Reply longest = Api.comment(editor, post, null, "y".repeat(5_000));
        assertThat(longest.status()).isEqualTo(201);
        assertThat(Api.countInDatabase("post_slug = ? AND parent_id IS NOT NULL", post)).isZero();
    }

    @Test
    void onlyPublishedArticlesTakeCommentsAndOnlyFromSignedInUsers() {
        User writer = Api.author("draftwriter");
        User editor = Api.editor("drafted");
        String draft = Api.article(writer, "DRAFT");
        String published = Api.publishedArticle(writer);

        assertProblem(Api.comment(editor, draft, null, "on a draft"), 422, "post");
        assertProblem(Api.comment(editor, "no-such-article-" + UUID.randomUUID(), null, "on nothing"), 422, "post");
        assertProblem(Api.comment(null, published, null, "anonymous"), 401, null);
        assertProblem(Api.post("", Api.newComment(published, null, "forged"), "not.a.token"), 401, null);
        assertThat(Api.countInDatabase("post_slug = ?", draft)).isZero();
        assertThat(Api.countInDatabase("post_slug = ?", published)).isZero();
    }

    @Test
    void countsAndPerUserListsShowApprovedCommentsOnly() {
        User writer = Api.author("countwriter");
        User editor = Api.editor("counter");
        User newcomer = Api.author("newcomer");
        String first = Api.publishedArticle(writer);
        String second = Api.publishedArticle(writer);
        Map<String, Object> older = Api.commented(editor, first, null, "one");
        Map<String, Object> newer = Api.commented(editor, first, Api.id(older), "two");
        Map<String, Object> pending = Api.commented(newcomer, first, null, "waiting");
        assertThat(pending).containsEntry("status", "PENDING");
        String unknown = "never-written-" + UUID.randomUUID();

        Reply[] counts = new Reply[1];
        Api.await(Duration.ofSeconds(15), "counts to include the new comments", () -> {
            counts[0] = Api.get("/counts?posts=" + Api.enc(first + "," + second + "," + unknown), null);
            return counts[0].status() == 200 && counts[0].body().contains("\"" + first + "\":2");
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> byPost = (Map<String, Object>) counts[0].json().get("counts");
        assertThat(byPost).containsExactly(Map.entry(first, 2L), Map.entry(second, 0L), Map.entry(unknown, 0L));
        assertProblem(Api.get("/counts", null), 400, "posts");

        Reply mine = Api.get("/by-user/" + editor.username(), null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(Api.ids(mine.items())).containsExactly(Api.id(newer), Api.id(older));
        assertThat(mine.items().getFirst()).containsEntry("post", first).containsEntry("replyToAuthor", editor.username());
        Reply paged = Api.get("/by-user/" + editor.username() + "?limit=1", null);
        assertThat(Api.ids(paged.items())).containsExactly(Api.id(newer));
        Reply rest = Api.get("/by-user/" + editor.username() + "?limit=1&cursor=" + Api.enc((String) paged.json().get("nextCursor")), null);
        assertThat(Api.ids(rest.items())).containsExactly(Api.id(older));
        assertThat(Api.get("/by-user/" + newcomer.username(), newcomer.token()).items()).isEmpty();
    }

    @Test
    void onlyItsAuthorEditsACommentAndEditsAreMarkedAndCheckedAgain() {
        User writer = Api.author("editwriter");
        User editor = Api.editor("editor");
        User other = Api.author("other");
        User newcomer = Api.author("editnew");
        String post = Api.publishedArticle(writer);
        Map<String, Object> comment = Api.commented(editor, post, null, "first version");
        String path = "/" + Api.id(comment);

        assertProblem(Api.patch(path, Map.of("body", "hijacked"), other.token()), 403, null);
        assertProblem(Api.patch(path, Map.of("body", "hijacked"), writer.token()), 403, null);
        assertProblem(Api.patch(path, Map.of("body", "anonymous"), null), 401, null);
        assertProblem(Api.patch(path, Map.of("body", ""), editor.token()), 400, "body");
        assertProblem(Api.patch("/" + UUID.randomUUID(), Map.of("body", "x"), editor.token()), 404, null);

        Reply edited = Api.patch(path, Map.of("body", "second *version*"), editor.token());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json()).containsEntry("edited", true).containsEntry("body", "second *version*")
                .containsKey("editedAt");
        assertThat((String) edited.json().get("bodyHtml")).contains("<em>version</em>");
        Map<String, Object> shown = Api.node(Api.awaitThread(post, null,
                r -> r.body().contains("<em>version</em>")), Api.id(comment));
        assertThat(shown).containsEntry("edited", true);
        assertThat(Api.thread(post, null, "limit=50").body()).doesNotContain("first version", "hijacked");

        Map<String, Object> waiting = Api.commented(newcomer, post, null, "an innocent first comment");
        assertThat(waiting).containsEntry("status", "PENDING");
        Reply turnedSpam = Api.patch("/" + Api.id(waiting), Map.of("body", "now visit my CASINO"), newcomer.token());
        assertThat(turnedSpam.status()).isEqualTo(200);
        assertThat(turnedSpam.json()).containsEntry("status", "SPAM").containsEntry("edited", true);
    }

    @Test
    void deletionIsForTheAuthorTheArticlesAuthorEditorsAndAdministrators() {
        User writer = Api.author("delwriter");
        User commenter = Api.editor("delc");
        User second = Api.editor("delc2");
        User otherEditor = Api.editor("deled");
        User stranger = Api.author("stranger");
        User admin = Api.admin();
        String post = Api.publishedArticle(writer);
        String own = Api.id(Api.commented(commenter, post, null, "mine to delete"));
        String byWriter = Api.id(Api.commented(commenter, post, null, "the article's author deletes this"));
        String byEditor = Api.id(Api.commented(commenter, post, null, "an editor deletes this"));
        String byAdmin = Api.id(Api.commented(second, post, null, "the admin deletes this"));

        assertProblem(Api.delete("/" + own, stranger.token()), 403, null);
        assertProblem(Api.delete("/" + own, null), 401, null);
        assertProblem(Api.delete("/" + UUID.randomUUID(), admin.token()), 404, null);
        assertThat(Api.delete("/" + own, commenter.token()).status()).isEqualTo(204);
        assertThat(Api.delete("/" + byWriter, writer.token()).status()).isEqualTo(204);
        assertThat(Api.delete("/" + byEditor, otherEditor.token()).status()).isEqualTo(204);
        assertThat(Api.delete("/" + byAdmin, admin.token()).status()).isEqualTo(204);
        assertThat(Api.delete("/" + own, commenter.token()).status()).as("already gone").isEqualTo(404);

        Reply page = Api.thread(post, commenter.token(), "limit=50");
        assertThat(page.items()).isEmpty();
        assertThat(Api.countInDatabase("post_slug = ? AND deleted_at IS NOT NULL AND body_markdown IS NULL", post)).isEqualTo(4);

        List<Map<String, Object>> audit = Api.get("/moderation/audit?limit=50", admin.token()).items();
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", byWriter)
                .containsEntry("actor", writer.username()).containsEntry("action", "DELETE"));
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", byEditor)
                .containsEntry("actor", otherEditor.username()).containsEntry("action", "DELETE"));
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", byAdmin)
                .containsEntry("actor", "rootadmin").containsEntry("action", "DELETE"));
        assertThat(audit).noneSatisfy(a -> assertThat(a).containsEntry("commentId", own));
    }

    @Test
    void aDeletedCommentWithRepliesStaysAsAPlaceholder() {
        User writer = Api.author("phwriter");
        User first = Api.editor("ph1");
        User second = Api.editor("ph2");
        String post = Api.publishedArticle(writer);
        String root = Api.id(Api.commented(first, post, null, "soon deleted"));
        String reply = Api.id(Api.commented(second, post, root, "a reply that stays"));
        String leaf = Api.id(Api.commented(first, post, null, "a leaf that goes"));

        assertThat(Api.delete("/" + root, first.token()).status()).isEqualTo(204);
        assertThat(Api.delete("/" + leaf, first.token()).status()).isEqualTo(204);

        Reply page = Api.awaitThread(post, null, r -> r.body().contains("\"deleted\":true"));
        assertThat(Api.ids(page.items())).containsExactly(root);
        Map<String, Object> placeholder = page.items().getFirst();
        assertThat(placeholder).containsEntry("deleted", true);
        assertThat(placeholder.get("author")).isNull();
        assertThat(placeholder.get("bodyHtml")).isNull();
        assertThat(placeholder.get("status")).isNull();
        assertThat(page.body()).doesNotContain("soon deleted", "a leaf that goes", first.username());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replies = (List<Map<String, Object>>) placeholder.get("replies");
        assertThat(Api.ids(replies)).containsExactly(reply);
        assertThat(replies.getFirst()).containsEntry("deleted", false).containsEntry("parentId", root);
        assertThat(replies.getFirst().get("replyToAuthor")).as("the deleted parent's author is not revealed").isNull();
    }

    @Test
    void theCommentsOfAnArticleTakenBackToDraftAreHiddenWithIt() {
        User writer = Api.author("hidewriter");
        User editor = Api.editor("hideed");
        String post = Api.publishedArticle(writer);
        Map<String, Object> comment = Api.commented(editor, post, null, "visible while the article is");
        assertThat(Api.thread(post, null, "limit=50").body()).contains("visible while the article is");

        Map<String, Object> draft = new HashMap<>();
        draft.put("title", "Taken back " + Api.unique("t"));
        draft.put("body", "Article body");
        draft.put("status", "DRAFT");
        draft.put("tags", List.of());
        Reply unpublished = Api.send("PUT", Api.POSTS + "/" + post, draft, writer.token(), Map.of("If-Match", "1"));
        assertThat(unpublished.status()).as("%s", unpublished).isEqualTo(200);
        String slug = (String) unpublished.json().get("slug");

        for (String asked : List.of(post, slug)) {
            Api.await(Duration.ofSeconds(10), "comments of " + asked + " hidden",
                    () -> Api.thread(asked, null, "limit=50").status() == 404);
            Reply hidden = Api.thread(asked, null, "limit=50");
            assertProblem(hidden, 404, null);
            assertThat(hidden.body()).doesNotContain("visible while the article is");
        }
        // Editors still see them (they are kept under the slug they were written on), e.g. to moderate.
        assertThat(Api.thread(post, editor.token(), "limit=50").body()).contains(Api.id(comment));
    }

    static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("%s", reply).startsWith("application/problem+json");
        assertThat(reply.json()).containsEntry("status", (long) status);
        if (field != null) {
            assertThat(reply.body()).contains(field);
        }
    }
}
