package io.blog.system;

import io.blog.system.Accounts.Account;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer, a reader and an editor going through the whole life of an article, every request
 * through the gateway: register, sign in, draft, publish, list, search, comment, reply, moderate,
 * edit, feeds, delete.
 */
@Order(1)
class WholeFlowIT {

    private final Client anonymous = Client.newVisitor();

    /**
     * Production's default for new accounts (hardening, #14): they read and comment, and write only
     * once an administrator has made them authors, so no stranger publishes at once.
     */
    @Test
    void aNewAccountReadsAndCommentsAndWritesOnlyOnceAnAdministratorMakesItAnAuthor() {
        Account author = Accounts.register("host");
        Client.Reply host = Client.newVisitor().send("POST", "/api/posts", author.token(),
                "{\"title\":\"Host %s\",\"body\":\"b\",\"status\":\"PUBLISHED\"}".formatted(Accounts.uniqueName("h")));
        assertThat(host.status()).as("%s", host).isEqualTo(201);

        Client client = Client.newVisitor();
        String username = Accounts.registerReader(client, "newcomer");
        String token = Accounts.login(client, username, Accounts.PASSWORD);
        assertThat(client.get("/api/users/me", token).json().get("roles")).isEqualTo(List.of("READER"));
        Client.Reply refused = client.send("POST", "/api/posts", token, "{\"title\":\"Mine\",\"body\":\"b\",\"status\":\"PUBLISHED\"}");
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(client.send("POST", "/api/comments", token,
                "{\"post\":\"" + host.json().get("slug") + "\",\"body\":\"A reader's first comment\"}").status()).isEqualTo(201);

        Client.Reply promoted = client.send("PUT", "/api/users/" + username + "/roles", Accounts.admin().token(), "{\"roles\":[\"AUTHOR\"]}");
        assertThat(promoted.status()).as("%s", promoted).isEqualTo(200);
        String authorToken = Accounts.login(client, username, Accounts.PASSWORD);
        assertThat(client.send("POST", "/api/posts", authorToken, "{\"title\":\"Mine now %s\",\"body\":\"b\",\"status\":\"PUBLISHED\"}"
                .formatted(Accounts.uniqueName("m"))).status()).isEqualTo(201);
    }

    @Test
    void anArticleFromDraftToDeletion() {
        Account writer = Accounts.register("writer");
        Account reader = Accounts.register("reader");
        Account editor = Accounts.withRoles("editor", List.of("EDITOR"));
        Client writerClient = Client.newVisitor();
        Client readerClient = Client.newVisitor();
        Client editorClient = Client.newVisitor();
        String word = Accounts.uniqueName("zebrafinch");
        String tag = Accounts.uniqueName("flow");

        // Draft: only the writer sees it.
        Client.Reply draft = writerClient.send("POST", "/api/posts", writer.token(), """
                {"title":"Whole flow %s","body":"Intro about %s.\\n\\n```java\\nint answer = 42;\\n```","tags":["%s"],"status":"DRAFT"}"""
                .formatted(word, word, tag));
        assertThat(draft.status()).as("%s", draft).isEqualTo(201);
        String slug = (String) draft.json().get("slug");
        assertThat(anonymous.get("/api/posts/" + slug).status()).isEqualTo(404);
        Map<String, Object> mine = writerClient.get("/api/posts/" + slug, writer.token()).json();
        assertThat(mine.get("bodyMarkdown")).asString().contains("int answer = 42;");

        // Publish with optimistic concurrency: a stale version is refused, the current one wins.
        long version = ((Number) mine.get("version")).longValue();
        String publish = """
                {"title":"Whole flow %s","body":"Intro about %s.\\n\\n```java\\nint answer = 42;\\n```","tags":["%s"],"status":"PUBLISHED"}"""
                .formatted(word, word, tag);
        Client.Reply stale = writerClient.send(writerClient.request("/api/posts/" + slug, writer.token())
                .header("Content-Type", "application/json").header("If-Match", String.valueOf(version + 7))
                .PUT(HttpRequest.BodyPublishers.ofString(publish)));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        Client.Reply published = writerClient.send(writerClient.request("/api/posts/" + slug, writer.token())
                .header("Content-Type", "application/json").header("If-Match", String.valueOf(version))
                .PUT(HttpRequest.BodyPublishers.ofString(publish)));
        assertThat(published.status()).as("%s", published).isEqualTo(200);

        // Readers find it: the article, the tag list (the query string reaches post-war), search.
        Map<String, Object> article = anonymous.get("/api/posts/" + slug).json();
        assertThat(article.get("bodyHtml")).asString().contains("<code class=\"language-java\"><span class=\"hl-kw\">int</span> answer");
        assertThat(article).doesNotContainKey("bodyMarkdown");
        assertThat(anonymous.get("/api/posts?tag=" + tag + "&limit=5").items())
                .extracting(a -> a.get("slug")).containsExactly(slug);
        Await.until("search finds the article", Duration.ofSeconds(60),
                () -> anonymous.get("/api/posts/search?q=" + word).items(),
                items -> items.stream().anyMatch(i -> slug.equals(i.get("slug"))));

        // A reader's first comment waits for moderation: visible to them, not to others.
        Client.Reply comment = readerClient.send("POST", "/api/comments", reader.token(),
                "{\"post\":\"" + slug + "\",\"body\":\"Thanks for the " + word + " article!\"}");
        assertThat(comment.status()).as("%s", comment).isEqualTo(201);
        assertThat(comment.json().get("status")).isEqualTo("PENDING");
        String commentId = (String) comment.json().get("id");
        assertThat(ids(anonymous.get("/api/comments?post=" + slug).items())).doesNotContain(commentId);
        assertThat(ids(readerClient.get("/api/comments?post=" + slug, reader.token()).items())).contains(commentId);

        // The editor approves it from the queue; now everyone sees it.
        assertThat(pendingIds(editorClient, editor.token())).contains(commentId);
        Client.Reply approved = editorClient.send("POST", "/api/comments/moderation", editor.token(),
                "{\"ids\":[\"" + commentId + "\"],\"action\":\"APPROVE\"}");
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        Await.visibleToAnonymous("the approved comment", () -> ids(anonymous.get("/api/comments?post=" + slug).items()),
                ids -> ids.contains(commentId));

        // The writer replies; once approved the reply hangs under the reader's comment.
        Client.Reply reply = writerClient.send("POST", "/api/comments", writer.token(),
                "{\"post\":\"" + slug + "\",\"parentId\":\"" + commentId + "\",\"body\":\"Glad it helped.\"}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        String replyId = (String) reply.json().get("id");
        if ("PENDING".equals(reply.json().get("status"))) {
            assertThat(editorClient.send("POST", "/api/comments/moderation", editor.token(),
                    "{\"ids\":[\"" + replyId + "\"],\"action\":\"APPROVE\"}").status()).isEqualTo(200);
        }
        Map<String, Object> thread = Await.visibleToAnonymous("the approved reply",
                () -> anonymous.get("/api/comments?post=" + slug).items().stream()
                        .filter(c -> commentId.equals(c.get("id"))).findFirst().orElseThrow(),
                t -> !replies(t).isEmpty());
        assertThat(ids(replies(thread))).containsExactly(replyId);
        Await.visibleToAnonymous("two comments counted", () -> anonymous.get("/api/comments/counts?posts=" + slug).json().get("counts"),
                counts -> Map.of(slug, 2L).equals(counts));

        // Edit: the new title is what readers get.
        long current = ((Number) writerClient.get("/api/posts/" + slug, writer.token()).json().get("version")).longValue();
        Client.Reply edited = writerClient.send(writerClient.request("/api/posts/" + slug, writer.token())
                .header("Content-Type", "application/json").header("If-Match", String.valueOf(current))
                .PUT(HttpRequest.BodyPublishers.ofString(publish.replace("Whole flow", "Edited flow"))));
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        String editedSlug = (String) edited.json().get("slug");
        Await.visibleToAnonymous("the edited title", () -> anonymous.get("/api/posts/" + editedSlug).json().get("title"),
                ("Edited flow " + word)::equals);

        // Feeds and sitemap at the addresses readers know, with absolute links to the article page.
        String link = Topology.env("BLOG_PUBLIC_BASE_URL") + "/posts/" + editedSlug;
        for (String feed : List.of("/rss.xml", "/atom.xml", "/rss.xml?tag=" + tag)) {
            Await.visibleToAnonymous(feed, () -> anonymous.get(feed).body(), xml -> xml.contains("Edited flow " + word) && xml.contains(link));
        }
        Await.visibleToAnonymous("the sitemap", () -> anonymous.get("/sitemap.xml").body(), xml -> xml.contains(link));

        // Delete: gone for readers, out of the search index.
        assertThat(writerClient.send("DELETE", "/api/posts/" + editedSlug, writer.token(), null).status()).isEqualTo(204);
        Await.visibleToAnonymous("the deletion", () -> anonymous.get("/api/posts/" + editedSlug).status(), status -> status == 404);
        Await.until("search forgets the article", Duration.ofSeconds(60),
                () -> anonymous.get("/api/posts/search?q=" + word).items(),
                items -> items.stream().noneMatch(i -> editedSlug.equals(i.get("slug"))));
    }

    private static List<Object> pendingIds(Client client, String token) {
        List<Object> ids = new ArrayList<>();
        String cursor = null;
        do {
            Client.Reply page = client.get("/api/comments/moderation?status=PENDING&limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            ids.addAll(ids(page.items()));
            cursor = (String) page.json().get("nextCursor");
        } while (cursor != null);
        return ids;
    }

    static List<Object> ids(List<Map<String, Object>> comments) {
        return comments.stream().map(c -> c.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> replies(Map<String, Object> comment) {
        return (List<Map<String, Object>>) comment.get("replies");
    }
}
