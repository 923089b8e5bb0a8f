package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminIT {

    @Test
    void theFirstAdministratorComesFromConfiguration() {
        Api.Session admin = Api.admin();
        assertThat(Api.get("/me", admin.accessToken()).json().get("roles")).asList().contains("ADMIN");
    }

    @Test
    void listsAndSearchesAccountsWithPaging() {
        Api.Session admin = Api.admin();
        Api.Session target = Api.newSession("findme");

        Reply search = Api.get("?q=" + target.username() + "&page=0&size=5", admin.accessToken());
        Reply page = Api.get("?page=0&size=2", admin.accessToken());
        Reply badSize = Api.get("?size=1000", admin.accessToken());

        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json()).containsEntry("total", 1L);
        assertThat(search.body()).contains(target.email());
        assertThat(page.json().get("items")).asList().hasSize(2);
        assertThat((Long) page.json().get("total")).isGreaterThan(2);
        assertThat(badSize.status()).isEqualTo(400);
    }

    @Test
    void onlyAdministratorsMayAdministerAccounts() {
        Api.Session author = Api.newSession("notadmin");

        assertThat(Api.get("", author.accessToken()).status()).isEqualTo(403);
        assertThat(Api.get("", null).status()).isEqualTo(401);
        Reply roles = Api.call("PUT", Api.BASE + "/" + author.username() + "/roles",
                Map.of("roles", List.of("ADMIN")), author.accessToken(), null);
        assertThat(roles.status()).isEqualTo(403);
        assertThat(roles.contentType()).startsWith("application/problem+json");
    }

    @Test
    void changesRolesWhichShowInTheNextToken() {
        Api.Session admin = Api.admin();
        Api.Session user = Api.newSession("promote");

        Reply unknownRole = Api.call("PUT", Api.BASE + "/" + user.username() + "/roles",
                Map.of("roles", List.of("GOD")), admin.accessToken(), null);
        Reply promoted = Api.call("PUT", Api.BASE + "/" + user.username() + "/roles",
                Map.of("roles", List.of("EDITOR", "AUTHOR")), admin.accessToken(), null);
        Reply selfDemote = Api.call("PUT", Api.BASE + "/rootadmin/roles",
                Map.of("roles", List.of("READER")), admin.accessToken(), null);
        Reply missingUser = Api.call("PUT", Api.BASE + "/" + Api.uniqueName("none") + "/roles",
                Map.of("roles", List.of("READER")), admin.accessToken(), null);

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("roles")).asList().containsExactly("AUTHOR", "EDITOR");
        assertThat(selfDemote.status()).isEqualTo(409);
        assertThat(missingUser.status()).isEqualTo(404);
        Api.Session again = Api.signIn(user.username(), user.email(), user.password());
        assertThat(Tokens.claims(again.accessToken()).get("groups")).asList().containsExactlyInAnyOrder("AUTHOR", "EDITOR");
    }

    @Test
    void aRoleChangeEndsTheTokensThatCarryTheOldRoles() {
        Api.Session admin = Api.admin();
        Api.Session deputy = Api.newSession("deputy");
        assertThat(Api.call("PUT", Api.BASE + "/" + deputy.username() + "/roles", Map.of("roles", List.of("ADMIN", "AUTHOR")),
                admin.accessToken(), null).status()).isEqualTo(200);
        Api.Session asAdmin = Api.signIn(deputy.username(), deputy.email(), deputy.password());
        assertThat(Api.get("?q=" + deputy.username(), asAdmin.accessToken()).status()).isEqualTo(200);

        Reply demoted = Api.call("PUT", Api.BASE + "/" + deputy.username() + "/roles", Map.of("roles", List.of("AUTHOR")),
                admin.accessToken(), null);

        assertThat(demoted.status()).isEqualTo(200);
        // The token that still says ADMIN is refused at once, so it cannot restore its own role.
        assertThat(Api.get("?q=" + deputy.username(), asAdmin.accessToken()).status()).isEqualTo(401);
        assertThat(Api.call("PUT", Api.BASE + "/" + deputy.username() + "/roles", Map.of("roles", List.of("ADMIN")),
                asAdmin.accessToken(), null).status()).isEqualTo(401);
        assertThat(Api.get("/me", deputy.accessToken()).status()).isEqualTo(401);
        assertThat(Api.post("/refresh", Map.of("refreshToken", asAdmin.refreshToken()), null).status()).isEqualTo(401);
        // Signing in again, even within the same second, gives a working token with the new roles.
        Api.Session again = Api.signIn(deputy.username(), deputy.email(), deputy.password());
        assertThat(Api.get("/me", again.accessToken()).status()).isEqualTo(200);
        assertThat(Tokens.claims(again.accessToken()).get("groups")).asList().containsExactly("AUTHOR");
        assertThat(Api.get("?q=" + deputy.username(), again.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void aDisabledUserCannotSignInAndTheirTokensStopWorking() {
        Api.Session admin = Api.admin();
        Api.Session user = Api.newSession("disable");
        assertThat(Api.get("/me", user.accessToken()).status()).isEqualTo(200);

        Reply disabled = Api.call("PUT", Api.BASE + "/" + user.username() + "/status",
                Map.of("status", "DISABLED"), admin.accessToken(), null);

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(Api.get("/me", user.accessToken()).status()).isEqualTo(401);
        assertThat(Api.login(user.username(), user.password(), null).status()).isEqualTo(401);
        assertThat(Api.post("/refresh", Map.of("refreshToken", user.refreshToken()), null).status()).isEqualTo(401);
        assertThat(Api.get("/" + user.username(), null).status()).isEqualTo(404);

        Reply enabled = Api.call("PUT", Api.BASE + "/" + user.username() + "/status",
                Map.of("status", "ACTIVE"), admin.accessToken(), null);
        assertThat(enabled.status()).isEqualTo(200);
        // Enabling again does not bring the old tokens back; a new sign-in works at once.
        assertThat(Api.get("/me", user.accessToken()).status()).isEqualTo(401);
        Api.Session back = Api.signIn(user.username(), user.email(), user.password());
        assertThat(Api.get("/me", back.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void rejectsAnUnknownStatus() {
        Api.Session admin = Api.admin();
        Reply reply = Api.call("PUT", Api.BASE + "/rootadmin/status", Map.of("status", "BANNED"), admin.accessToken(), null);
        Reply self = Api.call("PUT", Api.BASE + "/rootadmin/status", Map.of("status", "DISABLED"), admin.accessToken(), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(self.status()).isEqualTo(409);
    }
}
