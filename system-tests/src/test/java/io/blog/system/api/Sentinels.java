package io.blog.system.api;

import io.blog.system.Accounts;
import io.blog.system.Client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data that exists before the fuzzer starts and that none of its tokens may change: a sentinel
 * author's published article (edited once, so it has two revisions) and draft, a stranger's comment
 * awaiting moderation and one an editor approved, and their accounts. Read back through the API as
 * an administrator the fuzzer never holds, before and after.
 */
final class Sentinels {

    private final Accounts.Account admin = Accounts.withRoles("fzsadmin", List.of("ADMIN"));
    private final List<String> usernames = new ArrayList<>();
    private final List<String> slugs = new ArrayList<>();
    private final List<String> commentIds = new ArrayList<>();
    private final String tag = Accounts.uniqueName("fztag");
    private Map<String, String> before;

    private Sentinels() {
    }

    static Sentinels create() {
        Sentinels s = new Sentinels();
        Accounts.Account author = Accounts.register("fzsauthor");
        Accounts.Account commenter = Accounts.register("fzscommenter");
        Accounts.Account editor = Accounts.withRoles("fzseditor", List.of("EDITOR"));
        s.usernames.addAll(List.of(author.username(), commenter.username(), editor.username()));
        Client client = Client.newVisitor();

        Map<String, Object> published = created(client.send("POST", "/api/posts", author.token(),
                "{\"title\":\"Sentinel " + s.tag + "\",\"body\":\"Kept *as is*.\",\"tags\":[\"" + s.tag + "\"],\"status\":\"PUBLISHED\"}"));
        String slug = (String) published.get("slug");
        Client.Reply edited = client.send("PUT", "/api/posts/" + slug, author.token(),
                "{\"title\":\"Sentinel " + s.tag + "\",\"body\":\"Kept *as is*, edited once.\",\"tags\":[\"" + s.tag
                        + "\"],\"status\":\"PUBLISHED\",\"version\":" + published.get("version") + "}");
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        Map<String, Object> draft = created(client.send("POST", "/api/posts", author.token(),
                "{\"title\":\"Sentinel draft " + s.tag + "\",\"body\":\"Not yet.\",\"status\":\"DRAFT\"}"));
        s.slugs.addAll(List.of(slug, (String) draft.get("slug")));

        String approved = (String) created(client.send("POST", "/api/comments", commenter.token(),
                "{\"post\":\"" + slug + "\",\"body\":\"A sentinel comment an editor approves.\"}")).get("id");
        Client.Reply approval = client.send("POST", "/api/comments/moderation", editor.token(),
                "{\"ids\":[\"" + approved + "\"],\"action\":\"APPROVE\"}");
        assertThat(approval.status()).as("%s", approval).isEqualTo(200);
        String pending = (String) created(Fixtures.withPatience(() -> client.send("POST", "/api/comments", commenter.token(),
                "{\"post\":\"" + slug + "\",\"body\":\"A sentinel comment that waits.\"}"))).get("id");
        s.commentIds.addAll(List.of(approved, pending));
        s.before = s.snapshot();
        return s;
    }

    /** Values the generator may put where the documents name a slug, a username, a comment id, a tag. */
    Map<String, List<String>> knownValues() {
        Map<String, List<String>> known = new LinkedHashMap<>();
        known.put("slug", slugs);
        known.put("slugs", List.of(String.join(",", slugs)));
        known.put("post", slugs);
        known.put("posts", List.of(String.join(",", slugs)));
        known.put("username", usernames);
        known.put("usernames", List.of(String.join(",", usernames)));
        known.put("author", usernames);
        known.put("id", commentIds);
        known.put("number", List.of("1", "2"));
        known.put("tag", List.of(tag));
        known.put("q", List.of("Sentinel", tag));
        return known;
    }

    void assertUnchanged() {
        Map<String, String> after = snapshot();
        assertThat(after).as("the sentinel data after fuzzing").containsExactlyInAnyOrderEntriesOf(before);
        for (String username : usernames) {
            Callers.signIn(username);
        }
    }

    private Map<String, String> snapshot() {
        Client client = Client.newVisitor();
        Map<String, String> state = new LinkedHashMap<>();
        for (String slug : slugs) {
            Client.Reply article = client.get("/api/posts/" + slug, admin.token());
            assertThat(article.status()).as("%s", article).isEqualTo(200);
            // Views are counted by every read, the fuzzer's too; the rest must stay.
            state.put("article " + slug, article.body().replaceAll("\"viewCount\":\\d+,?", ""));
            state.put("revisions " + slug, client.get("/api/posts/" + slug + "/revisions", admin.token()).body());
        }
        // Administrators see the comments awaiting moderation in the thread too, with their status.
        String comments = client.get("/api/comments?post=" + slugs.getFirst(), admin.token()).body();
        assertThat(comments).as("the sentinel thread").contains(commentIds);
        state.put("comments", comments);
        for (String username : usernames) {
            // The search also finds accounts whose other fields mention the name (the fuzzer writes
            // known names into its own profile): only the sentinel's own row counts.
            state.put("account " + username, client.get("/api/users?q=" + username, admin.token()).items().stream()
                    .filter(account -> username.equals(account.get("username"))).toList().toString());
        }
        return state;
    }

    private static Map<String, Object> created(Client.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.json();
    }
}
