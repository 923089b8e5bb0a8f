package io.blog.posts.it;

import io.blog.common.testing.Accounts.User;
import io.blog.common.testing.RedisOutage;
import io.blog.common.testing.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis unresponsive, reads and writes still work from the database (the cache is an
 * optimisation); once Redis answers again it is used at once and nothing written during the
 * outage is left stale.
 */
class RedisOutageIT {

    /** Fresh for anonymous readers within this long of Redis answering again (README, "Redis outages"). */
    private static final Duration FRESH_WITHIN = Duration.ofSeconds(2);

    @AfterEach
    void leavesNothingBehind() {
        RedisOutage.assertRecovered(Api.SERVER, FRESH_WITHIN);
        // The view counter is what a later test tripped over when the store stayed "unavailable".
        User author = Api.author("after");
        String slug = (String) Api.create(author, "After the outage " + Api.unique("a"), "b", "PUBLISHED", List.of()).get("slug");
        assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, null).json()).containsEntry("viewCount", 1L);
        assertThat(Api.view(slug, Api.visitor(), Api.BROWSER, null).json()).containsEntry("viewCount", 2L);
    }

    @Test
    void articlesAreServedAndWrittenWhileRedisDoesNotAnswer() {
        User author = Api.author("noredis");
        Map<String, Object> article = Api.create(author, "Survives Redis " + Api.unique("r"), "b", "PUBLISHED", List.of());
        String slug = (String) article.get("slug");
        RedisOutage.pause(Duration.ofSeconds(4));
        long started = System.nanoTime();
        Reply read = Api.get("/" + slug, null);
        Reply list = Api.get("?author=" + author.username(), null);
        Reply write = Api.put("/" + slug, Api.article((String) article.get("title"), "edited without Redis", "PUBLISHED",
                List.of()), author.token(), "1");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(read.status()).isEqualTo(200);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(slug);
        assertThat(write.status()).isEqualTo(200);
        assertThat(elapsedMillis).isLessThan(4000);
    }

    /**
     * The edit's cache eviction cannot reach Redis; without a retry anonymous readers would get the
     * cached old article until its TTL (5 minutes).
     */
    @Test
    void anArticleEditedDuringABlipIsFreshForAnonymousReadersRightAfter() {
        User author = Api.author("blip");
        Map<String, Object> article = Api.create(author, "Blip " + Api.unique("b"), "before the blip", "PUBLISHED", List.of());
        String slug = (String) article.get("slug");
        assertThat((String) Api.get("/" + slug, null).json().get("bodyHtml")).contains("before the blip");
        try (var redis = RedisOutage.client(Duration.ofSeconds(2))) {
            assertThat(redis.exists("posts:article:" + slug)).as("the anonymous read cached the article").isTrue();
        }

        RedisOutage.pause(Duration.ofMillis(2500));
        Api.get("/" + slug, null);
        Reply edit = Api.put("/" + slug, Api.article((String) article.get("title"), "after the blip", "PUBLISHED", List.of()),
                author.token(), "1");
        assertThat(edit.status()).isEqualTo(200);
        assertThat((String) Api.get("/" + slug, null).json().get("bodyHtml"))
                .as("the instance that made the edit does not serve the stale entry meanwhile").contains("after the blip");

        RedisOutage.assertRecovered(Api.SERVER, FRESH_WITHIN);
        try (var redis = RedisOutage.client(Duration.ofSeconds(2))) {
            String cached = redis.get("posts:article:" + slug);
            assertThat(cached == null || !cached.contains("before the blip")).as("the stale copy is gone from Redis: " + cached).isTrue();
        }
        assertThat((String) Api.get("/" + slug, null).json().get("bodyHtml")).contains("after the blip");
    }
}
