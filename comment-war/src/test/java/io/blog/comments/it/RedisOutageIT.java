package io.blog.comments.it;

import io.blog.common.testing.Accounts.User;
import io.blog.common.testing.RedisOutage;
import io.blog.common.testing.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis unresponsive, comments are still written and read: the duplicate check and the
 * burst limits fail open, and the database is the source of truth.
 */
class RedisOutageIT {

    @AfterEach
    void leavesNothingBehind() {
        RedisOutage.assertRecovered(Api.SERVER, Duration.ofSeconds(2));
    }

    @Test
    void commentsAreWrittenAndListedWhileRedisDoesNotAnswer() {
        User writer = Api.author("noredis");
        String post = Api.publishedArticle(writer);
        User editor = Api.editor("noredis-ed");
        RedisOutage.pause(Duration.ofSeconds(4));
        long started = System.nanoTime();
        Reply created = Api.comment(editor, post, null, "Written while Redis sleeps " + Api.unique("r"));
        Reply listed = Api.thread(post, editor.token(), "");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(Api.id(created.json()));
        assertThat(elapsedMillis).isLessThan(4000);
    }
}
