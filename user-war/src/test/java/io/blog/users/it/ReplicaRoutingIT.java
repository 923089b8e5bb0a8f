package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs against the real primary + replica pair. Replication is delayed or stopped through the
 * pair script's admin access; the service's own account has no such rights.
 */
class ReplicaRoutingIT {

    private static final String SCRIPT = System.getProperty("it.db.pair.script", "../scripts/dev/mariadb-pair.sh");

    @AfterAll
    static void restoreReplication() {
        pair("start");
        sql("replica", "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE;");
    }

    @Test
    void aWriterReadsTheirOwnWriteWhileOthersStillSeeTheDelayedReplica() throws Exception {
        Api.Session writer = Api.newSession("ryw");
        String bio = "bio-" + System.nanoTime();
        awaitTrue(Duration.ofSeconds(10), () -> Api.get("/" + writer.username(), null).status() == 200);
        sql("replica", "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=4; START SLAVE;");
        try {
            Reply patched = Api.call("PATCH", Api.BASE + "/me", Map.of("bio", bio), writer.accessToken(), null);
            assertThat(patched.status()).isEqualTo(200);

            Reply ownRead = Api.get("/me", writer.accessToken());
            Reply anonymousRead = Api.get("/" + writer.username(), null);

            assertThat(ownRead.json()).containsEntry("bio", bio);
            // The anonymous read really went to the replica, which has not applied the change yet.
            assertThat(anonymousRead.json().get("bio")).isNotEqualTo(bio);
            awaitTrue(Duration.ofSeconds(20), () -> bio.equals(Api.get("/" + writer.username(), null).json().get("bio")));
        } finally {
            sql("replica", "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE;");
        }
    }

    @Test
    void readsFallBackToThePrimaryWhenReplicationStops() throws Exception {
        Api.Session writer = Api.newSession("sqlstop");
        sql("replica", "STOP SLAVE SQL_THREAD;");
        try {
            awaitTrue(Duration.ofSeconds(10), () -> Api.call("GET", Api.SERVER + "/health/ready", null, null, null)
                    .body().contains("replication stopped"));
            String bio = "stopped-" + System.nanoTime();
            assertThat(Api.call("PATCH", Api.BASE + "/me", Map.of("bio", bio), writer.accessToken(), null).status()).isEqualTo(200);
            assertThat(Api.get("/" + writer.username(), null).json()).containsEntry("bio", bio);
        } finally {
            sql("replica", "START SLAVE SQL_THREAD;");
        }
    }

    @Test
    void readsSurviveTheReplicaBeingDown() throws Exception {
        Api.Session user = Api.newSession("replicadown");
        pair("stop", "replica");
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(Api.get("/" + user.username(), null).status()).isEqualTo(200);
                assertThat(Api.get("/me", user.accessToken()).status()).isEqualTo(200);
            }
            Reply ready = Api.call("GET", Api.SERVER + "/health/ready", null, null, null);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("bypassed");
            assertThat(Api.newSession("whiledown").username()).isNotBlank();
        } finally {
            pair("start");
        }
        awaitTrue(Duration.ofSeconds(20), () -> !Api.call("GET", Api.SERVER + "/health/ready", null, null, null)
                .body().contains("bypassed"));
    }

    private static void sql(String server, String statement) {
        pair("sql", server, statement);
    }

    private static void pair(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT;
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
