package io.blog.posts.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis unresponsive, reads and writes still work from the database (the cache is an optimisation). */
class RedisOutageIT {

    @Test
    void articlesAreServedAndWrittenWhileRedisDoesNotAnswer() {
        User author = Api.author("noredis");
        Map<String, Object> article = Api.create(author, "Survives Redis " + Api.unique("r"), "b", "PUBLISHED", List.of());
        String slug = (String) article.get("slug");
        URI redis = URI.create(System.getProperty("it.redis.url", "redis://127.0.0.1:6379/0"));
        try (Jedis control = new Jedis(redis.getHost(), redis.getPort())) {
            control.clientPause(4000, ClientPauseMode.ALL);
        }
        long started = System.nanoTime();
        Reply read;
        Reply list;
        Reply write;
        long elapsedMillis;
        try {
            read = Api.get("/" + slug, null);
            list = Api.get("?author=" + author.username(), null);
            write = Api.put("/" + slug, Api.article((String) article.get("title"), "edited without Redis", "PUBLISHED",
                    List.of()), author.token(), "1");
            elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            // Readiness pings Redis (reported as "available"), which also ends the services' fail-fast pause: later tests get a working cache.
            Api.await(java.time.Duration.ofSeconds(15), "Redis answering again",
                    () -> Api.send("GET", Api.SERVER + "/health/ready", null, null, Map.of()).body()
                            .matches("(?s).*\"available\"\\s*:\\s*true.*"));
        }

        assertThat(read.status()).isEqualTo(200);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(slug);
        assertThat(write.status()).isEqualTo(200);
        assertThat(elapsedMillis).isLessThan(4000);
    }
}
