package io.blog.common.testing;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis outages for the services' integration tests, on the test Redis ({@code it.redis.url}),
 * and the check that an outage test leaves nothing behind: a later test class must not be able to
 * tell the server from one that never saw an outage.
 */
public final class RedisOutage {

    private static final URI REDIS = URI.create(System.getProperty("it.redis.url", "redis://127.0.0.1:6379/0"));

    private RedisOutage() {
    }

    /** Redis answers nothing (every client paused) for {@code length}; returns at once. */
    public static void pause(Duration length) {
        try (Jedis control = client(Duration.ofSeconds(2))) {
            control.clientPause(length.toMillis(), ClientPauseMode.ALL);
        }
    }

    /** Returns once Redis answers again (a PING waits out a pause). */
    public static void awaitRedisAnswers() {
        try (Jedis probe = client(Duration.ofSeconds(30))) {
            assertThat(probe.ping()).isEqualTo("PONG");
        }
    }

    public static Jedis client(Duration timeout) {
        return new Jedis(new HostAndPort(REDIS.getHost(), REDIS.getPort()),
                DefaultJedisClientConfig.builder().timeoutMillis((int) timeout.toMillis()).build());
    }

    /**
     * Waits until Redis answers and every application of the server at {@code server} uses it
     * again: its readiness check says Redis is available, it does not fail fast, and no write waits
     * for Redis. Fails the test if that takes longer than {@code within} after Redis answers.
     */
    public static void assertRecovered(String server, Duration within) {
        awaitRedisAnswers();
        TestHttp.await(within, "every application of " + server + " using Redis again with no write waiting for it",
                () -> recovered(server));
    }

    @SuppressWarnings("unchecked")
    private static boolean recovered(String server) {
        TestHttp.Reply ready = TestHttp.send("GET", server + "/health/ready", null, null, Map.of());
        List<Map<String, Object>> checks = (List<Map<String, Object>>) ready.json().get("checks");
        List<Map<String, Object>> redis = checks.stream().filter(c -> "redis".equals(c.get("name")))
                .map(c -> (Map<String, Object>) c.get("data")).toList();
        return !redis.isEmpty() && redis.stream().allMatch(data -> Boolean.TRUE.equals(data.get("available"))
                && Boolean.FALSE.equals(data.get("failingFast"))
                && ((Number) data.get("pendingWrites")).longValue() == 0);
    }
}
