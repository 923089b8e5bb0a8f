package io.blog.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security state (token revocations, sign-in counters) lives in a Redis of its own that never
 * evicts, so no flood of cache entries can push it out: the cache's Redis is made small and flooded
 * until it evicts, and a logged-out token stays refused and a sign-in budget stays spent.
 */
class SecurityStateIT {

    private static final int FILLER_KEYS = 40_000;

    @Test
    void theSecurityStateRedisNeverEvicts() {
        assertThat(redis("security", "CONFIG", "GET", "maxmemory-policy")).contains("noeviction");
        assertThat(redis("cache", "CONFIG", "GET", "maxmemory-policy")).contains("volatile-lru");
    }

    @Test
    void aFloodOfCacheEntriesEvictsNoRevocationAndNoSignInCount() {
        Accounts.Account loggedOut = Accounts.register("evictlogout");
        Client client = Client.newVisitor();
        assertThat(client.send("POST", "/api/users/logout", loggedOut.token(), "{}").status()).isEqualTo(204);
        assertThat(client.get("/api/users/me", loggedOut.token()).status()).isEqualTo(401);
        // The revocation is in the security store, not in the cache's.
        assertThat(redis("security", "--scan", "--pattern", "blog:jwt:denied-sid:*")).isNotBlank();

        Accounts.Account target = Accounts.register("evictlimit");
        for (int i = 0; i < 4; i++) {
            assertThat(wrongSignIn(target.username())).isEqualTo(401);
        }

        String maxmemory = redis("cache", "CONFIG", "GET", "maxmemory").lines().toList().getLast();
        long evictedBefore = evictedKeys();
        try {
            redis("cache", "CONFIG", "SET", "maxmemory", "8mb");
            flood();
            assertThat(evictedKeys()).as("the cache's Redis evicted keys during the flood").isGreaterThan(evictedBefore + 1_000);

            assertThat(Client.newVisitor().get("/api/users/me", loggedOut.token()).status())
                    .as("the logged-out token after the flood").isEqualTo(401);
            // Four wrong passwords counted before the flood: the fifth is the last the minute allows.
            assertThat(wrongSignIn(target.username())).isEqualTo(401);
            assertThat(wrongSignIn(target.username())).as("the sign-in budget after the flood").isEqualTo(429);
        } finally {
            redis("cache", "CONFIG", "SET", "maxmemory", maxmemory);
            redis("cache", "--scan", "--pattern", "blog:test-filler:*").lines()
                    .forEach(key -> redis("cache", "UNLINK", key));
        }
    }

    private static int wrongSignIn(String username) {
        return Client.newVisitor().send("POST", "/api/users/login", null,
                "{\"login\":\"" + username + "\",\"password\":\"not-the-password-1\"}").status();
    }

    /** 40 MB of entries with a TTL, as a burst of large cache entries would write them. */
    private static void flood() {
        String value = "x".repeat(1_000);
        Process process = start(cli("cache", "--pipe"));
        try (OutputStream in = process.getOutputStream()) {
            for (int i = 0; i < FILLER_KEYS; i++) {
                in.write(("SET blog:test-filler:" + i + " " + value + " EX 600\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finish(process, "redis-cli --pipe");
    }

    private static long evictedKeys() {
        Matcher m = Pattern.compile("evicted_keys:(\\d+)").matcher(redis("cache", "INFO", "stats"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String redis(String which, String... args) {
        return finish(start(cli(which, args)), "redis-cli " + String.join(" ", args));
    }

    private static ProcessBuilder cli(String which, String... args) {
        boolean security = which.equals("security");
        List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                Topology.env(security ? "BLOG_REDIS_SECURITY_PORT" : "BLOG_REDIS_PORT")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("REDISCLI_AUTH", Topology.env(security ? "BLOG_REDIS_SECURITY_PASSWORD" : "BLOG_REDIS_PASSWORD")));
        return builder;
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String finish(Process process, String what) {
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(what).isTrue();
            assertThat(process.exitValue()).as("%s: %s", what, output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
