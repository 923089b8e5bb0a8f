package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AccountIT {

    @Test
    void meShowsTheOwnAccountAndNeedsAToken() {
        Api.Session session = Api.newSession("me");

        Reply me = Api.get("/me", session.accessToken());
        Reply anonymous = Api.get("/me", null);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json()).containsEntry("username", session.username()).containsEntry("email", session.email());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        Api.Session session = Api.newSession("patch");

        Reply patched = Api.call("PATCH", Api.BASE + "/me",
                Map.of("bio", "Writes about 分布式系统", "avatarUrl", "https://img.example/a.png"), session.accessToken(), null);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json()).containsEntry("bio", "Writes about 分布式系统")
                .containsEntry("avatarUrl", "https://img.example/a.png")
                .containsEntry("displayName", session.username());
        Reply profile = Api.get("/me", session.accessToken());
        assertThat(profile.json()).containsEntry("bio", "Writes about 分布式系统");
    }

    @Test
    void patchValidatesAndRefusesATakenEmail() {
        Api.Session session = Api.newSession("patchbad");
        Api.Session other = Api.newSession("patchother");

        Reply badUrl = Api.call("PATCH", Api.BASE + "/me", Map.of("avatarUrl", "javascript:alert(1)"), session.accessToken(), null);
        Reply takenEmail = Api.call("PATCH", Api.BASE + "/me", Map.of("email", other.email()), session.accessToken(), null);

        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.fieldErrors()).extracting(e -> e.get("field")).containsExactly("avatarUrl");
        assertThat(takenEmail.status()).isEqualTo(409);
        assertThat(Api.get("/me", session.accessToken()).json()).containsEntry("email", session.email());
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() {
        Api.Session first = Api.newSession("pwchange");
        Api.Session second = Api.signIn(first.username(), first.email(), first.password());
        String newPassword = "Another-Strong-Pass-77";

        Reply wrongCurrent = Api.call("PUT", Api.BASE + "/me/password",
                Map.of("currentPassword", "nope-nope-nope", "newPassword", newPassword), first.accessToken(), null);
        Reply weakNew = Api.call("PUT", Api.BASE + "/me/password",
                Map.of("currentPassword", first.password(), "newPassword", "qwertyuiop"), first.accessToken(), null);
        Reply changed = Api.call("PUT", Api.BASE + "/me/password",
                Map.of("currentPassword", first.password(), "newPassword", newPassword), first.accessToken(), null);

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(weakNew.status()).isEqualTo(400);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(Api.login(first.username(), first.password(), null).status()).isEqualTo(401);
        assertThat(Api.login(first.username(), newPassword, null).status()).isEqualTo(200);
        assertThat(Api.post("/refresh", Map.of("refreshToken", second.refreshToken()), null).status()).isEqualTo(401);
        // The other session's access token ends with it (its sid is revoked); this one's goes on.
        assertThat(Api.get("/me", second.accessToken()).status()).isEqualTo(401);
        assertThat(Api.get("/me", first.accessToken()).status()).isEqualTo(200);
        assertThat(Api.post("/refresh", Map.of("refreshToken", first.refreshToken()), null).status()).isEqualTo(200);
    }

    @Test
    void guessingTheCurrentPasswordIsLimited() throws Exception {
        Api.Session victim = Api.newSession("pwguess");
        // Parallel guesses with a stolen token: at most five reach the hasher, the rest are 429.
        List<Future<Reply>> guesses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                int n = i;
                guesses.add(pool.submit(() -> Api.call("PUT", Api.BASE + "/me/password",
                        Map.of("currentPassword", "guess-number-" + n, "newPassword", "Stolen-Token-Pass-99"), victim.accessToken(), null)));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (var guess : guesses) {
            statuses.add(guess.get().status());
        }
        assertThat(statuses).as("%s", statuses).filteredOn(s -> s == 400).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(3);
        // While limited, even the right password waits: the limit is on checks, not on failures.
        Reply limited = Api.call("PUT", Api.BASE + "/me/password",
                Map.of("currentPassword", victim.password(), "newPassword", "Another-Strong-Pass-78"), victim.accessToken(), null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void publicProfileHidesTheEmail() {
        Api.Session session = Api.newSession("public");

        Reply profile = Api.get("/" + session.username(), null);

        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json()).containsEntry("username", session.username()).doesNotContainKeys("email", "id", "status");
        assertThat(Api.get("/" + Api.uniqueName("ghost"), null).status()).isEqualTo(404);
    }

    @Test
    void batchProfilesReturnKnownNamesAndCapTheBatch() {
        Api.Session a = Api.newSession("batcha");
        Api.Session b = Api.newSession("batchb");

        Reply found = Api.get("/profiles?usernames=" + a.username() + "," + b.username() + ",nobody_here", null);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("user" + i);
        }
        Reply capped = Api.get("/profiles?usernames=" + String.join(",", tooMany), null);
        Reply missing = Api.get("/profiles", null);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains(a.username(), b.username()).doesNotContain("email");
        assertThat(found.json().get("items")).asList().hasSize(2);
        assertThat(capped.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void unknownPathsAndMethodsAnswerWithProblems() {
        Reply unknown = Api.get("/a/b/c", null);
        Reply wrongMethod = Api.call("DELETE", Api.BASE + "/me", null, null, null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }
}
