package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIT {

    @Test
    void signsInWithUsernameOrEmailAndReturnsATokenPair() {
        Api.Session session = Api.newSession("login");

        Reply byEmail = Api.login(session.email().toUpperCase(), session.password(), null);

        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.header("Cache-Control")).contains("no-store");
        Map<String, Object> body = byEmail.json();
        assertThat(body).containsEntry("tokenType", "Bearer").containsKeys("accessToken", "refreshToken", "user");
        assertThat((Long) body.get("expiresIn")).isBetween(30L, 900L);
        assertThat(body.get("user").toString()).contains(session.username()).doesNotContain("passwordHash");
    }

    @Test
    void unknownAccountAndWrongPasswordAreIndistinguishable() {
        Api.Session session = Api.newSession("same");
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        String unknownBody = null;
        String wrongBody = null;
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            Reply a = Api.login("nobody-" + Api.uniqueName("x"), "Whatever-Password-1", null);
            unknown.add(System.nanoTime() - t0);
            t0 = System.nanoTime();
            Reply b = Api.login(session.username(), "Wrong-Password-" + i, null);
            wrong.add(System.nanoTime() - t0);
            assertThat(a.status()).isEqualTo(401);
            assertThat(b.status()).isEqualTo(401);
            unknownBody = strip(a.json());
            wrongBody = strip(b.json());
        }
        assertThat(unknownBody).isEqualTo(wrongBody);
        long unknownMedian = median(unknown);
        long wrongMedian = median(wrong);
        // Both paths run one Argon2 verification; without the decoy the unknown path would be ~50x faster.
        assertThat((double) unknownMedian).isBetween(wrongMedian * 0.5, wrongMedian * 2.0);
    }

    @Test
    void locksAnAccountAfterFiveFailuresPerMinute() {
        Api.Session session = Api.newSession("lock");
        // The owner's usual address: signed in from there before.
        String home = Api.uniqueIp();
        assertThat(Api.login(session.username(), session.password(), home).status()).isEqualTo(200);
        String stranger = Api.uniqueIp();
        for (int i = 0; i < 5; i++) {
            assertThat(Api.login(session.username(), "Wrong-Password-" + i, stranger).status()).isEqualTo(401);
        }
        Reply limited = Api.login(session.username(), session.password(), Api.uniqueIp());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        // The owner, from the address they signed in from before, is not locked out by the stranger.
        assertThat(Api.login(session.username(), session.password(), home).status()).isEqualTo(200);
    }

    @Test
    void theUsernameItsEmailAndCaseVariantsShareOneBudget() {
        Api.Session session = Api.newSession("variants");
        String[] spellings = {session.username(), session.email(), session.username().toUpperCase(Locale.ROOT),
                session.email().toUpperCase(Locale.ROOT), " " + session.username() + " "};
        for (String login : spellings) {
            assertThat(Api.login(login, "Wrong-Password-x", Api.uniqueIp()).status()).as(login).isEqualTo(401);
        }
        assertThat(Api.login(session.email(), session.password(), Api.uniqueIp()).status()).isEqualTo(429);
    }

    @Test
    void parallelGuessesCannotOutrunTheAccountLimit() throws Exception {
        Api.Session session = Api.newSession("parallel");
        List<Future<Integer>> guesses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                int n = i;
                guesses.add(pool.submit(() -> Api.login(session.username(), "Wrong-Password-" + n, Api.uniqueIp()).status()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (var guess : guesses) {
            statuses.add(guess.get());
        }
        // At most five passwords were checked; the check and the count are one step.
        assertThat(statuses).as("%s", statuses).filteredOn(s -> s == 401).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
    }

    @Test
    void limitsFailuresPerClientAddressAcrossAccounts() {
        String ip = Api.uniqueIp();
        for (int i = 0; i < 20; i++) {
            assertThat(Api.login("ghost-" + Api.uniqueName("ip"), "Wrong-Password-1", ip).status()).isEqualTo(401);
        }
        Api.Session other = Api.newSession("ipvictim");

        assertThat(Api.login(other.username(), other.password(), ip).status()).isEqualTo(429);
        assertThat(Api.login(other.username(), other.password(), Api.uniqueIp()).status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheTokenAndReuseEndsTheSession() {
        Api.Session session = Api.newSession("refresh");

        Reply first = Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null);
        assertThat(first.status()).isEqualTo(200);
        String rotated = (String) first.json().get("refreshToken");
        assertThat(rotated).isNotEqualTo(session.refreshToken());
        assertThat(Api.get("/me", (String) first.json().get("accessToken")).status()).isEqualTo(200);

        Reply reuse = Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null);
        assertThat(reuse.status()).isEqualTo(401);
        Reply familyRevoked = Api.post("/refresh", Map.of("refreshToken", rotated), null);
        assertThat(familyRevoked.status()).isEqualTo(401);
    }

    @Test
    void rejectsUnknownRefreshTokens() {
        assertThat(Api.post("/refresh", Map.of("refreshToken", "not-a-token"), null).status()).isEqualTo(401);
        assertThat(Api.post("/refresh", Map.of(), null).status()).isEqualTo(400);
    }

    @Test
    void logoutRevokesTheRefreshTokenAndTheAccessToken() {
        Api.Session session = Api.newSession("logout");
        assertThat(Api.get("/me", session.accessToken()).status()).isEqualTo(200);

        Reply logout = Api.post("/logout", Map.of("refreshToken", session.refreshToken()), session.accessToken());

        assertThat(logout.status()).isEqualTo(204);
        Reply afterLogout = Api.get("/me", session.accessToken());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.contentType()).startsWith("application/problem+json");
        assertThat(Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null).status()).isEqualTo(401);
    }

    @Test
    void logoutEndsEveryAccessTokenOfTheSession() {
        Api.Session session = Api.newSession("logoutall");
        Reply refreshed = Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null);
        String second = (String) refreshed.json().get("accessToken");
        assertThat(Tokens.claims(second).get("sid")).isEqualTo(Tokens.claims(session.accessToken()).get("sid"));

        // Logout with the newer token and no refresh token: the older one of the same sign-in goes too.
        assertThat(Api.post("/logout", Map.of(), second).status()).isEqualTo(204);
        assertThat(Api.get("/me", second).status()).isEqualTo(401);
        assertThat(Api.get("/me", session.accessToken()).status()).isEqualTo(401);
        assertThat(Api.post("/refresh", Map.of("refreshToken", (String) refreshed.json().get("refreshToken")), null).status())
                .isEqualTo(401);
        // Another sign-in of the same account is not touched.
        Api.Session other = Api.signIn(session.username(), session.email(), session.password());
        assertThat(Api.get("/me", other.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenPresentedTwiceEndsTheSessionsAccessTokens() {
        Api.Session session = Api.newSession("stolen");
        Reply rotated = Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null);
        String current = (String) rotated.json().get("accessToken");
        assertThat(Api.get("/me", current).status()).isEqualTo(200);

        assertThat(Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null).status()).isEqualTo(401);

        assertThat(Api.get("/me", current).status()).as("the thief's access token").isEqualTo(401);
        assertThat(Api.get("/me", session.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void logoutNeedsAToken() {
        Reply reply = Api.post("/logout", Map.of(), null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private static String strip(Map<String, Object> problem) {
        return problem.get("status") + "|" + problem.get("title") + "|" + problem.get("detail");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
