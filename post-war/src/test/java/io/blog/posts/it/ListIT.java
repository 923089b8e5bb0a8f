package io.blog.posts.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists, keyset pagination, tags, the author's own articles, HTTP caching. */
class ListIT {

    @Test
    void keysetPagesStayStableWhileNewArticlesArrive() {
        Api.User author = Api.author("lister");
        String tag = Api.unique("page").toLowerCase();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add((String) Api.create(author, "Paged " + i + " " + tag, "b", "PUBLISHED", List.of(tag)).get("slug"));
        }
        Api.Reply first = Api.get("?tag=" + tag + "&limit=2", null);
        String cursor = (String) first.json().get("nextCursor");
        Api.create(author, "Arrived later " + tag, "b", "PUBLISHED", List.of(tag));
        Api.Reply second = Api.get("?tag=" + tag + "&limit=2&cursor=" + cursor, null);
        Api.Reply third = Api.get("?tag=" + tag + "&limit=2&cursor=" + second.json().get("nextCursor"), null);

        List<Object> seen = new ArrayList<>();
        for (Api.Reply page : List.of(first, second, third)) {
            page.items().forEach(i -> seen.add(i.get("slug")));
        }
        assertThat(seen).containsExactly(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0));
        assertThat(third.json().get("nextCursor")).isNull();
        assertThat(first.items()).allSatisfy(i -> assertThat(i).doesNotContainKeys("bodyHtml", "bodyMarkdown").containsKey("summary"));
    }

    @Test
    void listsFilterByAuthorAndHideDrafts() {
        Api.User author = Api.author("filter");
        Api.create(author, "Visible " + Api.unique("f"), "b", "PUBLISHED", List.of());
        Api.create(author, "Hidden " + Api.unique("f"), "b", "DRAFT", List.of());

        Api.Reply byAuthor = Api.get("?author=" + author.username(), null);
        Api.Reply mine = Api.get("/mine", author.token());
        Api.Reply myDrafts = Api.get("/mine?status=draft", author.token());

        assertThat(byAuthor.items()).hasSize(1).allSatisfy(i -> assertThat(i).containsEntry("status", "PUBLISHED"));
        assertThat(mine.body()).contains("Visible", "Hidden");
        assertThat(myDrafts.body()).contains("Hidden").doesNotContain("Visible");
        assertThat(Api.get("/mine", null).status()).isEqualTo(401);
        assertThat(Api.get("/mine?status=LOST", author.token()).status()).isEqualTo(400);
    }

    @Test
    void badPagingParametersAre400() {
        assertThat(Api.get("?limit=0", null).status()).isEqualTo(400);
        assertThat(Api.get("?limit=51", null).status()).isEqualTo(400);
        assertThat(Api.get("?cursor=not-a-cursor", null).status()).isEqualTo(400);
    }

    @Test
    void tagsCountPublishedArticles() {
        Api.User author = Api.author("tagger");
        String tag = Api.unique("counted").toLowerCase();
        Api.create(author, "T1 " + tag, "b", "PUBLISHED", List.of(tag));
        Api.create(author, "T2 " + tag, "b", "PUBLISHED", List.of(tag));
        Api.create(author, "T3 " + tag, "b", "DRAFT", List.of(tag));

        Api.await(java.time.Duration.ofSeconds(10), "tag count of 2", () -> Api.get("/tags", null).items().stream()
                .anyMatch(i -> tag.equals(i.get("tag")) && Long.valueOf(2).equals(i.get("count"))));
    }

    @Test
    void publicReadsCarryETagsAndAnswer304() {
        Api.User author = Api.author("etag");
        String slug = (String) Api.create(author, "Cached " + Api.unique("e"), "b", "PUBLISHED", List.of()).get("slug");
        Api.Reply first = Api.get("/" + slug, null);
        String etag = first.header("ETag");

        Api.Reply again = Api.send("GET", Api.POSTS + "/" + slug, null, null, Map.of("If-None-Match", etag), false);
        Api.Reply list = Api.get("", null);
        Api.Reply listAgain = Api.send("GET", Api.POSTS, null, null, Map.of("If-None-Match", list.header("ETag")), false);

        assertThat(etag).isNotBlank();
        assertThat(first.header("Cache-Control")).contains("max-age");
        assertThat(again.status()).isEqualTo(304);
        assertThat(listAgain.status()).isEqualTo(304);
        assertThat(Api.get("/" + slug, author.token()).header("Cache-Control")).contains("no-store");
        // A browser must not answer a signed-in request (which may see bodyMarkdown) from the anonymous copy.
        assertThat(first.header("Vary")).contains("Authorization");
        assertThat(list.header("Vary")).contains("Authorization");
        assertThat(again.header("Vary")).contains("Authorization");
    }
}
