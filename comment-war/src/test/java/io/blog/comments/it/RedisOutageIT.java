package io.blog.comments.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis unresponsive, comments are still written and read: the duplicate check and the
 * burst limits fail open, and the database is the source of truth.
 */
class RedisOutageIT {

    @Test
    void commentsAreWrittenAndListedWhileRedisDoesNotAnswer() {
        User writer = Api.author("noredis");
        String post = Api.publishedArticle(writer);
        User editor = Api.editor("noredis-ed");
        URI redis = URI.create(System.getProperty("it.redis.url", "redis://127.0.0.1:6379/0"));
        try (Jedis control = new Jedis(redis.getHost(), redis.getPort())) {
            control.clientPause(4000, ClientPauseMode.ALL);
        }
        long started = System.nanoTime();
        long elapsedMillis;
        Reply created;
        Reply listed;
        try {
            created = Api.comment(editor, post, null, "Written while Redis sleeps " + Api.unique("r"));
            listed = Api.thread(post, editor.token(), "");
            elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            // Readiness pings Redis (reported as "available"), which also ends the services' fail-fast pause: later tests get a working Redis.
            Api.await(java.time.Duration.ofSeconds(15), "Redis answering again",
                    () -> Api.send("GET", Api.SERVER + "/health/ready", null, null, java.util.Map.of()).body()
                            .matches("(?s).*\"available\"\\s*:\\s*true.*"));
        }

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(Api.id(created.json()));
        assertThat(elapsedMillis).isLessThan(4000);
    }
}
