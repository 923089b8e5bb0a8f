package io.blog.posts.it;

import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleAndViewsIT {

    @Test
    void aScheduledArticlePublishesItselfOnTime() {
        User author = Api.author("scheduler");
        Map<String, Object> input = Api.article("Tomorrow's news " + Api.unique("s"), "b", "SCHEDULED", List.of());
        input.put("publishAt", Instant.now().plusSeconds(4).toString());
        Map<String, Object> created = Api.post("", input, author.token()).json();
        String slug = (String) created.get("slug");

        assertThat(created).containsEntry("status", "SCHEDULED").containsKey("publishAt");
        assertThat(Api.get("/" + slug, null).status()).isEqualTo(404);
        Api.await(Duration.ofSeconds(30), "scheduled article to be published",
                () -> Api.get("/" + slug, null).status() == 200);
        assertThat(Api.get("/" + slug, author.token()).json()).containsEntry("status", "PUBLISHED").containsKey("publishedAt");
        assertThat(CacheIT.metric("posts_scheduler_runs_total", "")).isPositive();
        assertThat(CacheIT.metric("posts_scheduled_publish_lag_seconds_count", "")).as("lag recorded per published article").isPositive();
        assertThat(CacheIT.metric("posts_scheduled_publish_lag_seconds_bucket", "le=\"15.0\"")).as("published within 15 s of its time")
                .isPositive();
    }

    /**
     * Views come from the article page's beacon, not from fetching the article (the gateway may
     * answer that from its cache). The flusher runs every second here while anonymous readers get a
     * cached copy of the article whose stored count is the one from before the views: the count
     * shown must still include every view, before and after the totals reach the database.
     */
    @Test
    void viewsAreCountedAndReachTheDatabaseInBatches() throws Exception {
        User author = Api.author("viewed");
        Map<String, Object> article = Api.create(author, "Popular " + Api.unique("p"), "b", "PUBLISHED", List.of());
        String slug = (String) article.get("slug");
        String id = (String) article.get("id");
        for (int i = 0; i < 5; i++) {
            assertThat(Api.get("/" + slug, null).json()).as("fetching counts nothing").containsEntry("viewCount", (long) i);
            assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, null).json())
                    .containsEntry("viewCount", (long) i + 1).containsEntry("counted", true);
        }
        assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, author.token()).json()).as("an author's own view is not counted")
                .containsEntry("viewCount", 5L).containsEntry("counted", false);

        Api.await(Duration.ofSeconds(20), "view counts flushed to the database", () -> databaseViews(id) == 5);
        assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, null).json()).containsEntry("viewCount", 6L);
        Api.await(Duration.ofSeconds(20), "the sixth view flushed", () -> databaseViews(id) == 6);
        assertThat(Api.get("/" + slug, author.token()).json()).containsEntry("version", 1L).containsEntry("viewCount", 6L);
    }

    /** Neither reloading, nor crawlers and scripts, nor one address posing as many browsers inflate the count. */
    @Test
    void refreshStormsBotsAndScriptsDoNotInflateViews() {
        User author = Api.author("stormed");
        String slug = (String) Api.create(author, "Stormed " + Api.unique("p"), "b", "PUBLISHED", List.of()).get("slug");
        String reloader = Api.visitor();
        for (int i = 0; i < 20; i++) {
            Api.view(slug, reloader, Api.BROWSER, null);
        }
        assertThat(Api.view(slug, reloader, Api.BROWSER, null).json()).as("one visitor reloading")
                .containsEntry("viewCount", 1L).containsEntry("counted", false);
        for (String agent : List.of("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36",
                "facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0", "")) {
            assertThat(Api.view(slug, Api.visitor(), agent, null).json()).as(agent).containsEntry("counted", false);
        }
        User reader = Api.withRoles("storm", "READER");
        assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, reader.token()).json()).containsEntry("counted", true);
        assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, reader.token()).json())
                .as("a signed-in reader is one visitor from any address").containsEntry("counted", false);

        // A script varying its User-Agent from one address: counted up to the per-address budget (5 here), then not.
        String script = Api.visitor();
        long counted = 0;
        for (int i = 0; i < 12; i++) {
            if (Boolean.TRUE.equals(Api.view(slug, script, Api.BROWSER + " v" + i, null).json().get("counted"))) {
                counted++;
            }
        }
        assertThat(counted).isEqualTo(5);
        assertThat(Api.get("/" + slug, author.token()).json()).containsEntry("viewCount", 7L);
        assertThat(Api.view("no-such-article-" + Api.unique("x"), Api.visitor(), Api.BROWSER, null).status()).isEqualTo(404);
    }

    private static long databaseViews(String id) {
        try (Connection c = DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
             PreparedStatement s = c.prepareStatement("SELECT view_count FROM article WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
