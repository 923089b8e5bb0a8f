package io.blog.comments.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A commenter sees their comment and their edit right away, even while the replica lags. */
class ReadYourWritesIT {

    private static final String SCRIPT = System.getProperty("it.db.pair.script", "../scripts/dev/mariadb-pair.sh");

    @Test
    void theCommenterSeesTheirNewCommentAndEditAtOnceWithADelayedReplica() {
        User writer = Api.author("rywwriter");
        User editor = Api.editor("ryw");
        User newcomer = Api.author("rywnew");
        // Published (and visible on the replica) before the replica is held back.
        String post = Api.publishedArticle(writer);
        sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=4; START SLAVE;");
        try {
            String approved = Api.id(Api.commented(editor, post, null, "fresh comment"));
            Reply own = Api.thread(post, editor.token(), "limit=50");
            assertThat(Api.ids(Api.flatten(own.items()))).containsExactly(approved);

            Reply edited = Api.patch("/" + approved, Map.of("body", "fresh edit"), editor.token());
            assertThat(edited.status()).isEqualTo(200);
            Map<String, Object> shown = Api.node(Api.thread(post, editor.token(), "limit=50"), approved);
            assertThat(shown).containsEntry("body", "fresh edit").containsEntry("edited", true);

            String pending = Api.id(Api.commented(newcomer, post, approved, "fresh pending reply"));
            Reply mine = Api.thread(post, newcomer.token(), "limit=50");
            assertThat(Api.node(mine, pending)).containsEntry("pending", true);
        } finally {
            sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE;");
        }
    }

    private static void sql(String statement) {
        try {
            Process process = new ProcessBuilder(SCRIPT, "sql", "replica", statement).redirectErrorStream(true).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("mariadb-pair.sh sql failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
