package io.blog.users.it;

import io.blog.common.testing.RedisOutage;
import io.blog.common.testing.TestHttp;
import io.blog.common.testing.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What security state does while Redis is away (README, "Redis outages"): revocations made
 * meanwhile are enforced at once by the instance that made them and reach Redis as soon as it
 * answers; a revocation this instance does not know of is not enforced until Redis answers (fail
 * open), and is enforced again right after.
 */
class RedisOutageIT {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    @AfterEach
    void leavesNothingBehind() {
        RedisOutage.assertRecovered(Api.SERVER, WITHIN);
    }

    @Test
    void revocationsMadeWhileRedisIsAwayAreEnforcedAtOnceAndReachRedisWhenItAnswers() {
        Api.Session leaving = Api.newSession("out-logout");
        Api.Session banned = Api.newSession("out-banned");
        Api.Session admin = Api.admin();

        RedisOutage.pause(Duration.ofSeconds(3));
        assertThat(Api.get("/me", leaving.accessToken()).status()).as("checks fail open while Redis is away").isEqualTo(200);
        Reply logout = Api.post("/logout", Map.of("refreshToken", leaving.refreshToken()), leaving.accessToken());
        Reply disable = Api.call("PUT", Api.BASE + "/" + banned.username() + "/status", Map.of("status", "DISABLED"),
                admin.accessToken(), null);

        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        assertThat(disable.status()).as(disable.body()).isEqualTo(200);
        assertThat(Api.get("/me", leaving.accessToken()).status()).as("this instance knows of the logout").isEqualTo(401);
        assertThat(Api.post("/refresh", Map.of("refreshToken", leaving.refreshToken()), null).status()).isEqualTo(401);
        assertThat(Api.post("/refresh", Map.of("refreshToken", banned.refreshToken()), null).status()).isEqualTo(401);

        RedisOutage.assertRecovered(Api.SERVER, WITHIN);
        try (Jedis redis = RedisOutage.client(Duration.ofSeconds(2))) {
            String denied = "blog:jwt:denied:" + Tokens.claims(leaving.accessToken()).get("jti");
            String disabled = "blog:jwt:revoked-until:" + banned.id();
            assertThat(redis.exists(denied)).as("the logout reached Redis, so every instance rejects the token").isTrue();
            assertThat(redis.exists(disabled)).as("the disabling reached Redis").isTrue();
            // Until the token's expiry plus the verifier's clock skew and 5 s, and no longer: jwt.xml's
            // 900 s lifetime and 30 s skew. A user's revocation covers the longest a token lives.
            assertThat(redis.ttl(denied)).isBetween(900L, 935L);
            assertThat(redis.ttl(disabled)).isBetween(925L, 935L);
        }
        assertThat(Api.get("/me", leaving.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aRevocationThisInstanceDoesNotKnowOfIsEnforcedAgainAsSoonAsRedisAnswers() {
        Api.Session session = Api.newSession("out-elsewhere");
        try (Jedis redis = RedisOutage.client(Duration.ofSeconds(2))) {
            // As another instance's logout would have written it.
            redis.setex("blog:jwt:denied:" + Tokens.claims(session.accessToken()).get("jti"), 120, "1");
        }
        assertThat(Api.get("/me", session.accessToken()).status()).isEqualTo(401);

        RedisOutage.pause(Duration.ofMillis(2500));
        assertThat(Api.get("/me", session.accessToken()).status()).as("fails open while Redis does not answer").isEqualTo(200);

        RedisOutage.awaitRedisAnswers();
        long answering = System.nanoTime();
        TestHttp.await(WITHIN, "the revoked token rejected again", () -> Api.get("/me", session.accessToken()).status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - answering)).isLessThan(Duration.ofSeconds(1));
    }
}
