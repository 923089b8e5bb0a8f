package io.blog.posts.it;

import io.blog.common.testing.Accounts.User;
import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An author sees their article right after saving it, even while the replica lags. */
class ReadYourWritesIT {

    private static final String SCRIPT = System.getProperty("it.db.pair.script", "../scripts/dev/mariadb-pair.sh");

    @Test
    void theAuthorSeesTheirNewDraftAndEditAtOnceWithADelayedReplica() {
        User author = Api.author("ryw");
        sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=4; START SLAVE;");
        try {
            Map<String, Object> draft = Api.create(author, "Fresh draft " + Api.unique("f"), "v1", "DRAFT", List.of());
            String slug = (String) draft.get("slug");
            assertThat(Api.get("/" + slug, author.token()).status()).isEqualTo(200);
            assertThat(Api.get("/mine?status=DRAFT", author.token()).body()).contains(slug);

            Api.put("/" + slug, Api.article((String) draft.get("title"), "v2", "DRAFT", List.of()), author.token(), "1");
            assertThat(Api.get("/" + slug, author.token()).json()).containsEntry("bodyMarkdown", "v2");
        } finally {
            sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE;");
        }
    }

    @Test
    void anEditorRestoresARevisionTheReplicaDoesNotHaveYet() {
        User author = Api.author("rywa");
        User editor = Api.withRoles("rywe", "EDITOR");
        sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=4; START SLAVE;");
        try {
            String slug = (String) Api.create(author, "Restore me " + Api.unique("r"), "v1", "PUBLISHED", List.of()).get("slug");

            Reply restored = Api.post("/" + slug + "/revisions/1/restore", null, editor.token());

            assertThat(restored.status()).as(restored.body()).isEqualTo(200);
            assertThat(restored.json()).containsEntry("bodyMarkdown", "v1");
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
