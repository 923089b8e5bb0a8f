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
     * The flusher runs every second here while anonymous readers get a cached copy of the article
     * whose stored count is the one from before the views: the count shown must still include
     * every view, before and after the totals reach the database.
     */
    @Test
    void viewsAreCountedAndReachTheDatabaseInBatches() throws Exception {
        User author = Api.author("viewed");
        Map<String, Object> article = Api.create(author, "Popular " + Api.unique("p"), "b", "PUBLISHED", List.of());
        String slug = (String) article.get("slug");
        String id = (String) article.get("id");
        for (int i = 0; i < 5; i++) {
            assertThat(Api.get("/" + slug, null).json()).containsEntry("viewCount", (long) i + 1);
        }
        assertThat(Api.get("/" + slug, author.token()).json()).as("an author's own view is not counted")
                .containsEntry("viewCount", 5L);

        Api.await(Duration.ofSeconds(20), "view counts flushed to the database", () -> databaseViews(id) == 5);
        assertThat(Api.get("/" + slug, null).json()).containsEntry("viewCount", 6L);
        Api.await(Duration.ofSeconds(20), "the sixth view flushed", () -> databaseViews(id) == 6);
        assertThat(Api.get("/" + slug, author.token()).json()).containsEntry("version", 1L).containsEntry("viewCount", 6L);
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
