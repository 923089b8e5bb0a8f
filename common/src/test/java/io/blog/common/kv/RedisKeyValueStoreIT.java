package io.blog.common.kv;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the real Redis (BLOG_TEST_REDIS_URL, default the local one on 6379). */
class RedisKeyValueStoreIT extends HashAndSetContract {

    private static final RedisKeyValueStore STORE = new RedisKeyValueStore(
            URI.create(System.getProperty("it.redis.url", "redis://127.0.0.1:6379/3")), Duration.ofMillis(500),
            Duration.ofSeconds(1));

    @AfterAll
    static void close() {
        STORE.close();
    }

    @Override
    KeyValueStore store() {
        return STORE;
    }

    @Test
    void setGetExpire() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        STORE.set(key, "value", Duration.ofMillis(300));
        assertThat(STORE.get(key)).contains("value");
        assertThat(STORE.exists(key)).isTrue();
        Thread.sleep(400);
        assertThat(STORE.get(key)).isEmpty();
    }

    @Test
    void countersShareOneWindowAndExpire() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        assertThat(STORE.increment(key, Duration.ofMillis(500)).value()).isEqualTo(1);
        KeyValueStore.Counter second = STORE.increment(key, Duration.ofSeconds(60));
        assertThat(second.value()).isEqualTo(2);
        assertThat(second.remaining()).isLessThanOrEqualTo(Duration.ofMillis(500)).isPositive();
        Thread.sleep(600);
        assertThat(STORE.peek(key).value()).isZero();
    }

    @Test
    void afterAFailureTheStoreFailsFastInsteadOfWaitingAgain() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             RedisKeyValueStore hung = new RedisKeyValueStore(URI.create("redis://127.0.0.1:" + silent.getLocalPort()),
                     Duration.ofMillis(300), Duration.ofSeconds(5))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> hung.get("x")).isInstanceOf(KeyValueStoreException.class);
            Duration first = Duration.ofNanos(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            assertThatThrownBy(() -> hung.get("y")).isInstanceOf(KeyValueStoreException.class);
            Duration second = Duration.ofNanos(System.nanoTime() - t1);

            assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(second).isLessThan(Duration.ofMillis(50));
        }
    }

    @Test
    void anUnreachableServerRaisesAStoreExceptionQuickly() {
        try (RedisKeyValueStore dead = new RedisKeyValueStore(URI.create("redis://127.0.0.1:1"), Duration.ofMillis(200),
                Duration.ofSeconds(1))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> dead.get("x")).isInstanceOf(KeyValueStoreException.class);
            assertThat(dead.ping()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
