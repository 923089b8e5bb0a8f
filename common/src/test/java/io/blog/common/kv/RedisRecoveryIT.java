package io.blog.common.kv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store against a Redis server of its own that is killed, restarted and hung: after an outage
 * Redis must be used again as soon as it answers, never after a pause re-armed by connections
 * that died with the old server. The pause here is 5 s so that a recovery within 1 s can only
 * come from the store noticing that Redis answers.
 */
class RedisRecoveryIT {

    private static final Duration PAUSE = Duration.ofSeconds(5);

    private Path dir;
    private int port;
    private Process redis;
    private RedisKeyValueStore store;

    @BeforeEach
    void startRedis() throws Exception {
        dir = Files.createTempDirectory("redis-recovery");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        start();
        store = new RedisKeyValueStore(URI.create("redis://127.0.0.1:" + port), Duration.ofMillis(300), PAUSE);
    }

    @AfterEach
    void stopRedis() throws Exception {
        store.close();
        redis.destroyForcibly().waitFor();
    }

    @Test
    void aRestartedRedisIsUsedAgainAtOnceAndNoDeadConnectionFailsALaterCall() throws Exception {
        fillThePoolWithIdleConnections();
        redis.destroyForcibly().waitFor();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(KeyValueStoreException.class);
        assertThat(store.failingFast()).isTrue();

        start();
        long answering = System.nanoTime();
        Duration recovered = firstSuccessAfter(answering);

        assertThat(recovered).isLessThan(Duration.ofSeconds(1));
        // Every idle connection of the pool died with the old server; none may fail a call now.
        for (int i = 0; i < 200; i++) {
            store.set("k" + i, "v", Duration.ofSeconds(10));
        }
        assertThat(store.failingFast()).isFalse();
    }

    @Test
    void aHungRedisIsUsedAgainAsSoonAsItAnswers() throws Exception {
        fillThePoolWithIdleConnections();
        try (Jedis control = new Jedis("127.0.0.1", port)) {
            control.clientPause(1500, ClientPauseMode.ALL);
        }
        long paused = System.nanoTime();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(KeyValueStoreException.class);
        long failFast = System.nanoTime();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(KeyValueStoreException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - failFast)).as("a call during the pause waits for nothing")
                .isLessThan(Duration.ofMillis(50));

        long answering = paused + Duration.ofMillis(1500).toNanos();
        Duration recovered = firstSuccessAfter(answering);

        assertThat(recovered).isLessThan(Duration.ofMillis(700));
        for (int i = 0; i < 200; i++) {
            store.get("k" + i);
        }
    }

    @Test
    void failuresOfCallsDuringTheOutageDoNotKeepTheStoreAwayAfterIt() throws Exception {
        // A background job failing every 100 ms through the outage, like the view flusher.
        redis.destroyForcibly().waitFor();
        ExecutorService job = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        job.submit(() -> {
            while (!stop.isDone()) {
                try {
                    store.setPop("views", 10);
                } catch (KeyValueStoreException expected) {
                    // Redis is away or the store fails fast: the job tries again at its next tick.
                }
                Thread.sleep(100);
            }
            return null;
        });
        try {
            Thread.sleep(1500);
            start();
            Duration recovered = firstSuccessAfter(System.nanoTime());
            assertThat(recovered).isLessThan(Duration.ofSeconds(1));
        } finally {
            stop.complete(null);
            job.shutdown();
        }
    }

    private Duration firstSuccessAfter(long answeringNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                store.get("probe");
                return Duration.ofNanos(Math.max(0, System.nanoTime() - answeringNanos));
            } catch (KeyValueStoreException e) {
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the store never used Redis again");
    }

    /** Several threads at once leave several idle connections in the pool afterwards. */
    private void fillThePoolWithIdleConnections() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            int n = i;
            threads.submit(() -> {
                for (int j = 0; j < 50; j++) {
                    store.increment("fill" + n, Duration.ofSeconds(10));
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private void start() throws IOException, InterruptedException {
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "redis.log")).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis probe = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(probe.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("redis-server did not start on port " + port);
    }
}
