package io.blog.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    /** One hash tag: the flood lands on one primary, which redis-cli --pipe (no redirections) needs. */
    private static final String FILLER = "blog:test-filler:{flood}:";

    @Test
    void theSecurityStateRedisNeverEvicts() {
        for (int port : RedisCli.ports("security")) {
            assertThat(RedisCli.run("security", port, "CONFIG", "GET", "maxmemory-policy")).as(":%d", port).contains("noeviction");
        }
        for (int port : RedisCli.ports("cache")) {
            assertThat(RedisCli.run("cache", port, "CONFIG", "GET", "maxmemory-policy")).as(":%d", port).contains("volatile-lru");
        }
    }

    @Test
    void aFloodOfCacheEntriesEvictsNoRevocationAndNoSignInCount() {
        Accounts.Account loggedOut = Accounts.register("evictlogout");
        Client client = Client.newVisitor();
        assertThat(client.send("POST", "/api/users/logout", loggedOut.token(), "{}").status()).isEqualTo(204);
        assertThat(client.get("/api/users/me", loggedOut.token()).status()).isEqualTo(401);
        // The revocation is in the security store, not in the cache's.
        assertThat(RedisCli.scan("security", "blog:jwt:denied-sid:*")).isNotEmpty();

        Accounts.Account target = Accounts.register("evictlimit");
        for (int i = 0; i < 4; i++) {
            assertThat(wrongSignIn(target.username())).isEqualTo(401);
        }

        int flooded = RedisCli.ownerOf("cache", FILLER + "0");
        String maxmemory = RedisCli.run("cache", flooded, "CONFIG", "GET", "maxmemory").lines().toList().getLast();
        long evictedBefore = evictedKeys(flooded);
        try {
            RedisCli.run("cache", flooded, "CONFIG", "SET", "maxmemory", "8mb");
            flood(flooded);
            assertThat(evictedKeys(flooded)).as("the cache's Redis evicted keys during the flood").isGreaterThan(evictedBefore + 1_000);

            assertThat(Client.newVisitor().get("/api/users/me", loggedOut.token()).status())
                    .as("the logged-out token after the flood").isEqualTo(401);
            // Four wrong passwords counted before the flood: the fifth is the last the minute allows.
            assertThat(wrongSignIn(target.username())).isEqualTo(401);
            assertThat(wrongSignIn(target.username())).as("the sign-in budget after the flood").isEqualTo(429);
        } finally {
            RedisCli.run("cache", flooded, "CONFIG", "SET", "maxmemory", maxmemory);
            RedisCli.run("cache", flooded, "--scan", "--pattern", FILLER + "*").lines()
                    .forEach(key -> RedisCli.run("cache", flooded, "UNLINK", key));
        }
    }

    private static int wrongSignIn(String username) {
        return Client.newVisitor().send("POST", "/api/users/login", null,
                "{\"login\":\"" + username + "\",\"password\":\"not-the-password-1\"}").status();
    }

    /** 40 MB of entries with a TTL, as a burst of large cache entries would write them. */
    private static void flood(int port) {
        String value = "x".repeat(1_000);
        Process process = RedisCli.start(RedisCli.builder("cache", port, false, "--pipe"));
        try (OutputStream in = process.getOutputStream()) {
            for (int i = 0; i < FILLER_KEYS; i++) {
                in.write(("SET " + FILLER + i + " " + value + " EX 600\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String report = RedisCli.finish(process, true, "redis-cli --pipe");
        assertThat(report).as("every filler written").contains("errors: 0");
    }

    private static long evictedKeys(int port) {
        Matcher m = Pattern.compile("evicted_keys:(\\d+)").matcher(RedisCli.run("cache", port, "INFO", "stats"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
