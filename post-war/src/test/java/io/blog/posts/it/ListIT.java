package io.blog.posts.it;

import io.blog.common.testing.TestHttp;
import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists, keyset pagination, tags, the author's own articles, HTTP caching. */
class ListIT {

    @Test
    void keysetPagesStayStableWhileNewArticlesArrive() {
        User author = Api.author("lister");
        String tag = Api.unique("page").toLowerCase();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add((String) Api.create(author, "Paged " + i + " " + tag, "b", "PUBLISHED", List.of(tag)).get("slug"));
        }
        Reply first = Api.get("?tag=" + tag + "&limit=2", null);
        String cursor = (String) first.json().get("nextCursor");
        Api.create(author, "Arrived later " + tag, "b", "PUBLISHED", List.of(tag));
        Reply second = Api.get("?tag=" + tag + "&limit=2&cursor=" + cursor, null);
        Reply third = Api.get("?tag=" + tag + "&limit=2&cursor=" + second.json().get("nextCursor"), null);

        List<Object> seen = new ArrayList<>();
        for (Reply page : List.of(first, second, third)) {
            page.items().forEach(i -> seen.add(i.get("slug")));
        }
        assertThat(seen).containsExactly(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0));
        assertThat(third.json().get("nextCursor")).isNull();
        assertThat(first.items()).allSatisfy(i -> assertThat(i).doesNotContainKeys("bodyHtml", "bodyMarkdown").containsKey("summary"));
    }

    @Test
    void listsFilterByAuthorAndHideDrafts() {
        User author = Api.author("filter");
        Api.create(author, "Visible " + Api.unique("f"), "b", "PUBLISHED", List.of());
        Api.create(author, "Hidden " + Api.unique("f"), "b", "DRAFT", List.of());

        Reply byAuthor = Api.get("?author=" + author.username(), null);
        Reply mine = Api.get("/mine", author.token());
        Reply myDrafts = Api.get("/mine?status=draft", author.token());

        assertThat(byAuthor.items()).hasSize(1).allSatisfy(i -> assertThat(i).containsEntry("status", "PUBLISHED"));
        assertThat(mine.body()).contains("Visible", "Hidden");
        assertThat(myDrafts.body()).contains("Hidden").doesNotContain("Visible");
        assertThat(Api.get("/mine", null).status()).isEqualTo(401);
        assertThat(Api.get("/mine?status=LOST", author.token()).status()).isEqualTo(400);
    }

    /**
     * Previous/next for any published article, however old: the neighbours skip drafts and deleted
     * articles and follow the public order. Articles are published one after another here, so the
     * middle one's neighbours are the other two whatever other tests publish before or after.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyPublishedArticleKnowsItsNeighbours() {
        User author = Api.author("neighbour");
        String older = (String) Api.create(author, "First " + Api.unique("n"), "b", "PUBLISHED", List.of()).get("slug");
        String draft = (String) Api.create(author, "Draft between " + Api.unique("n"), "b", "DRAFT", List.of()).get("slug");
        String middle = (String) Api.create(author, "Second " + Api.unique("n"), "b", "PUBLISHED", List.of()).get("slug");
        String deleted = (String) Api.create(author, "Deleted between " + Api.unique("n"), "b", "PUBLISHED", List.of()).get("slug");
        String newer = (String) Api.create(author, "Third " + Api.unique("n"), "b", "PUBLISHED", List.of()).get("slug");
        assertThat(Api.delete("/" + deleted, author.token()).status()).isEqualTo(204);

        Reply around = Api.get("/" + middle + "/neighbours", null);

        assertThat(around.status()).isEqualTo(200);
        assertThat((Map<String, Object>) around.json().get("older")).containsEntry("slug", older).containsKeys("title", "publishedAt");
        assertThat((Map<String, Object>) around.json().get("newer")).containsEntry("slug", newer);
        assertThat((Map<String, Object>) Api.get("/" + newer + "/neighbours", null).json().get("older")).containsEntry("slug", middle);
        assertThat(Api.get("/" + draft + "/neighbours", author.token()).status()).isEqualTo(404);
        Reply missing = Api.get("/no-such-article-" + Api.unique("n") + "/neighbours", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** A prolific author's list is paged like the public one instead of being cut off. */
    @Test
    void myArticlesComeInPagesLastUpdatedFirst() {
        User author = Api.author("prolific");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add((String) Api.create(author, "Mine " + i + " " + Api.unique("m"), "b", i == 1 ? "DRAFT" : "PUBLISHED", List.of()).get("slug"));
        }

        Reply first = Api.get("/mine?limit=2", author.token());
        Reply second = Api.get("/mine?limit=2&cursor=" + first.json().get("nextCursor"), author.token());
        Reply published = Api.get("/mine?status=PUBLISHED&limit=1", author.token());

        assertThat(first.items()).extracting(i -> i.get("slug")).containsExactly(created.get(2), created.get(1));
        assertThat(second.items()).extracting(i -> i.get("slug")).containsExactly(created.get(0));
        assertThat(second.json().get("nextCursor")).isNull();
        assertThat(published.items()).extracting(i -> i.get("slug")).containsExactly(created.get(2));
        assertThat(Api.get("/mine?status=PUBLISHED&limit=1&cursor=" + published.json().get("nextCursor"), author.token()).items())
                .extracting(i -> i.get("slug")).containsExactly(created.get(0));
        assertThat(Api.get("/mine?limit=51", author.token()).status()).isEqualTo(400);
        assertThat(Api.get("/mine?cursor=not-a-cursor", author.token()).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void titlesBySlugCoverPublishedArticlesOnly() {
        User author = Api.author("titled");
        String title = "Titled " + Api.unique("t");
        String published = (String) Api.create(author, title, "b", "PUBLISHED", List.of()).get("slug");
        String draft = (String) Api.create(author, "Draft " + Api.unique("t"), "b", "DRAFT", List.of()).get("slug");
        String deleted = (String) Api.create(author, "Gone " + Api.unique("t"), "b", "PUBLISHED", List.of()).get("slug");
        assertThat(Api.delete("/" + deleted, author.token()).status()).isEqualTo(204);

        Reply titles = Api.get("/titles?slugs=" + String.join(",", published, draft, deleted, "no-such-article"), null);

        assertThat(titles.status()).isEqualTo(200);
        assertThat((Map<String, Object>) titles.json().get("titles")).containsExactly(Map.entry(published, title));
        assertThat(Api.get("/titles", null).status()).isEqualTo(400);
        String tooMany = String.join(",", IntStream.rangeClosed(1, 51).mapToObj(i -> "slug-" + i).toList());
        assertThat(Api.get("/titles?slugs=" + tooMany, null).status()).isEqualTo(400);
    }

    @Test
    void badPagingParametersAre400() {
        assertThat(Api.get("?limit=0", null).status()).isEqualTo(400);
        assertThat(Api.get("?limit=51", null).status()).isEqualTo(400);
        assertThat(Api.get("?cursor=not-a-cursor", null).status()).isEqualTo(400);
        Reply wrongType = Api.get("?limit=ten", null);
        assertThat(wrongType.status()).as("a parameter of the wrong type is a 400, not JAX-RS' 404").isEqualTo(400);
        assertThat(wrongType.json().get("errors").toString()).contains("limit");
        Reply malformed = TestHttp.rawGet(Api.SERVER, "/api/posts?cursor=%%%");
        assertThat(malformed.status()).as("a malformed query is reported, not turned into a 500").isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void tagsCountPublishedArticles() {
        User author = Api.author("tagger");
        String tag = Api.unique("counted").toLowerCase();
        Api.create(author, "T1 " + tag, "b", "PUBLISHED", List.of(tag));
        Api.create(author, "T2 " + tag, "b", "PUBLISHED", List.of(tag));
        Api.create(author, "T3 " + tag, "b", "DRAFT", List.of(tag));

        Api.await(Duration.ofSeconds(10), "tag count of 2", () -> Api.get("/tags", null).items().stream()
                .anyMatch(i -> tag.equals(i.get("tag")) && Long.valueOf(2).equals(i.get("count"))));
    }

    @Test
    void publicReadsCarryETagsAndAnswer304() {
        User author = Api.author("etag");
        String slug = (String) Api.create(author, "Cached " + Api.unique("e"), "b", "PUBLISHED", List.of()).get("slug");
        Reply first = Api.get("/" + slug, null);
        String etag = first.header("ETag");

        Reply again = Api.send("GET", Api.POSTS + "/" + slug, null, null, Map.of("If-None-Match", etag));
        Reply list = Api.get("", null);
        Reply listAgain = Api.send("GET", Api.POSTS, null, null, Map.of("If-None-Match", list.header("ETag")));

        assertThat(etag).isNotBlank();
        // Anonymous answers are for the gateway's shared cache, with a bounded staleness.
        assertThat(first.header("Cache-Control")).contains("public", "s-maxage=", "stale-while-revalidate=");
        assertThat(list.header("Cache-Control")).contains("public", "s-maxage=");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.header("Cache-Control")).contains("s-maxage=");
        assertThat(listAgain.status()).isEqualTo(304);
        // Signed-in answers never go to a shared cache and are revalidated every time.
        assertThat(Api.get("/" + slug, author.token()).header("Cache-Control")).contains("private", "no-cache");
        assertThat(Api.get("", author.token()).header("Cache-Control")).contains("private", "no-cache");
        // A browser must not answer a signed-in request (which may see bodyMarkdown) from the anonymous copy.
        assertThat(first.header("Vary")).contains("Authorization");
        assertThat(list.header("Vary")).contains("Authorization");
        assertThat(again.header("Vary")).contains("Authorization");
    }
}
