package io.blog.posts.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search against the real Elasticsearch node the test script started. The outage test stops and
 * restarts that node, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchIT {

    private static final String ES_SCRIPT = System.getProperty("it.es.script", "../scripts/dev/elasticsearch.sh");

    @Test
    @Order(1)
    void publishedArticlesBecomeSearchableRankedWithHighlights() {
        User author = Api.author("searcher");
        String word = "zq" + Api.unique("w").replaceAll("[^a-z0-9]", "").toLowerCase();
        String tag = Api.unique("st").toLowerCase();
        Api.create(author, "About " + word, "Some text", "PUBLISHED", List.of(tag));
        Api.create(author, "Other title", "The body mentions " + word + " once", "PUBLISHED", List.of(tag));
        Api.create(author, "Draft " + word, "hidden", "DRAFT", List.of(tag));

        Api.await(Duration.ofSeconds(30), "both articles indexed", () -> total(search(word, null)) == 2);
        Reply result = search(word, null);

        assertThat(result.json()).containsEntry("degraded", false);
        assertThat(result.items().getFirst()).containsEntry("title", "About " + word);
        assertThat(result.items().getFirst().get("highlights").toString()).contains("<mark>");
        assertThat(total(search(word, "no-such-tag"))).isZero();
        assertThat(total(search(word, tag))).isEqualTo(2);
        assertThat(result.items().getFirst().get("author").toString()).contains("Display " + author.username());
    }

    @Test
    @Order(2)
    void chineseQueriesFindChineseArticles() {
        User author = Api.author("zh");
        String marker = Api.unique("zh").replaceAll("[^a-z0-9]", "");
        Api.create(author, "分布式系统的一致性 " + marker, "本文介绍共识算法与复制状态机。", "PUBLISHED", List.of("中文"));

        Api.await(Duration.ofSeconds(30), "Chinese article indexed", () -> search("一致性 " + marker, null).body().contains(marker));
        Reply byBody = search("共识算法", "中文");
        assertThat(byBody.body()).contains(marker);
        assertThat(byBody.json()).containsEntry("degraded", false);
    }

    @Test
    @Order(2)
    void theExactPhraseRanksFirstAndTotalsPastTheBoundAreLowerBounds() {
        User author = Api.author("phrase");
        String a = "ph" + Api.unique("a").replaceAll("[^a-z0-9]", "");
        String b = "ph" + Api.unique("b").replaceAll("[^a-z0-9]", "");
        String tag = Api.unique("pt").toLowerCase();
        // Same words, same length: only the phrase re-ranking can put the adjacent pair first.
        Api.create(author, "Scattered", b + " one two three " + a, "PUBLISHED", List.of());
        Api.create(author, "Adjacent", "one two " + a + " " + b + " three", "PUBLISHED", List.of(tag));
        Api.create(author, "Again scattered", b + " three two one " + a, "PUBLISHED", List.of());
        Api.create(author, "Scattered too", a + " one " + b + " two three", "PUBLISHED", List.of());

        // The test server counts exactly up to 3 (BLOG_SEARCH_EXACT_TOTAL_UP_TO in the pom).
        Api.await(Duration.ofSeconds(30), "all four indexed",
                () -> search(a + " " + b, null).items().size() == 4);
        Reply four = search(a + " " + b, null);
        assertThat(four.items().getFirst()).containsEntry("title", "Adjacent");
        assertThat(four.json()).containsEntry("total", 3L).containsEntry("totalExact", false);

        Reply secondPage = Api.get("/search?size=2&page=1&q=" + URLEncoder.encode(a + " " + b, StandardCharsets.UTF_8), null);
        assertThat(secondPage.items()).hasSize(2);
        Reply one = search(a + " " + b, tag);
        assertThat(one.json()).containsEntry("total", 1L).containsEntry("totalExact", true);
    }

    @Test
    @Order(2)
    void titlesAndBodiesKeepOffsetsForTheHighlighter() {
        Reply mapping = Api.send("GET", "http://127.0.0.1:" + System.getProperty("it.es.port") + "/posts/_mapping", null, null, Map.of());
        assertThat(mapping.status()).as(mapping.body()).isEqualTo(200);
        assertThat(mapping.body().replace(" ", ""))
                .contains("\"body\":{\"type\":\"text\",\"index_options\":\"offsets\"")
                .contains("\"title\":{\"type\":\"text\",\"index_options\":\"offsets\"");
    }

    @Test
    @Order(3)
    void deletedArticlesLeaveTheIndex() {
        User author = Api.author("unsearch");
        String word = "gone" + Api.unique("g").replaceAll("[^a-z0-9]", "");
        String slug = (String) Api.create(author, "Soon gone " + word, "b", "PUBLISHED", List.of()).get("slug");
        Api.await(Duration.ofSeconds(30), "indexed", () -> total(search(word, null)) == 1);

        Api.delete("/" + slug, author.token());

        Api.await(Duration.ofSeconds(30), "removed from the index", () -> total(search(word, null)) == 0);
    }

    @Test
    @Order(4)
    void searchValidatesItsParameters() {
        assertThat(Api.get("/search", null).status()).isEqualTo(400);
        assertThat(Api.get("/search?q=x&size=0", null).status()).isEqualTo(400);
        assertThat(Api.get("/search?q=x&page=-1", null).status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void reindexBuildsANewIndexAndSwitchesTheAliasWithoutDowntime() {
        User author = Api.author("reindex");
        String word = "ridx" + Api.unique("r").replaceAll("[^a-z0-9]", "");
        Api.create(author, "Reindexed " + word, "b", "PUBLISHED", List.of());
        Api.await(Duration.ofSeconds(30), "indexed", () -> total(search(word, null)) == 1);
        String admin = Api.admin().token();

        assertThat(Api.post("/search/reindex", null, author.token()).status()).isEqualTo(403);
        Reply started = Api.post("/search/reindex", null, admin);
        assertThat(started.status()).isEqualTo(202);
        String job = (String) started.json().get("id");
        // One rebuild at a time: two racing to move the alias once left it over two indices,
        // which refuses every write (the authorization matrix started two within 0.1 s).
        Reply second = Api.post("/search/reindex", null, admin);
        assertThat(second.status()).as("%s", second).isEqualTo(409);
        assertThat(second.body()).contains(job);
        Api.await(Duration.ofSeconds(60), "reindex job done", () -> {
            assertThat(total(search(word, null))).isEqualTo(1);
            return "DONE".equals(Api.get("/search/reindex/" + job, admin).json().get("status"));
        });
        Map<String, Object> done = Api.get("/search/reindex/" + job, admin).json();
        assertThat((Long) done.get("indexed")).isGreaterThanOrEqualTo(1);
        assertThat(total(search(word, null))).isEqualTo(1);
        assertThat(Api.get("/search/reindex/unknown", admin).status()).isEqualTo(404);
        // Once it is done, the next one may start.
        Reply next = Api.post("/search/reindex", null, admin);
        assertThat(next.status()).as("%s", next).isEqualTo(202);
        Api.await(Duration.ofSeconds(60), "the next reindex done",
                () -> "DONE".equals(Api.get("/search/reindex/" + next.json().get("id"), admin).json().get("status")));
    }

    @Test
    @Order(6)
    void withElasticsearchDownWritesSucceedSearchDegradesAndTheIndexCatchesUp() {
        User author = Api.author("outage");
        String word = "outage" + Api.unique("o").replaceAll("[^a-z0-9]", "");
        script("stop");
        try {
            Reply created = Api.post("", Api.article("Written during outage " + word, "b", "PUBLISHED", List.of()), author.token());
            assertThat(created.status()).isEqualTo(201);
            Api.await(Duration.ofSeconds(15), "degraded search", () -> Boolean.TRUE.equals(search(word, null).json().get("degraded")));
            assertThat(total(search(word, null))).isEqualTo(1);
            assertThat(Api.send("GET", Api.SERVER + "/health/ready", null, null, Map.of()).status()).isEqualTo(200);
        } finally {
            script("start");
        }
        Api.await(Duration.ofSeconds(90), "index caught up after the restart", () -> {
            Reply r = search(word, null);
            return Boolean.FALSE.equals(r.json().get("degraded")) && total(r) == 1;
        });
    }

    private static Reply search(String q, String tag) {
        return Api.get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + (tag == null ? "" : "&tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8)), null);
    }

    private static long total(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return (Long) reply.json().get("total");
    }

    private static void script(String command) {
        try {
            Process process = new ProcessBuilder(ES_SCRIPT, command).redirectErrorStream(true).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("elasticsearch.sh " + command + " timed out");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("elasticsearch.sh " + command + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
