package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationIT {

    @Test
    void registersAnAccountWithTheDefaultRoleAndNeverReturnsThePasswordHash() {
        String name = Api.uniqueName("reg");
        Reply reply = Api.register(name, name.toUpperCase() + "@Example.TEST", Api.PASSWORD);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).endsWith("/api/users/" + name);
        Map<String, Object> body = reply.json();
        assertThat(body).containsEntry("username", name)
                .containsEntry("email", name + "@example.test")
                .containsEntry("displayName", name)
                .containsEntry("status", "ACTIVE")
                .containsKey("id");
        assertThat(body.get("roles")).asList().containsExactly("AUTHOR");
        assertThat(reply.body()).doesNotContainIgnoringCase("password").doesNotContain("argon2");
        assertThat((String) body.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void rejectsATakenUsernameOrEmailWith409() {
        String name = Api.uniqueName("dup");
        assertThat(Api.register(name, name + "@example.test", Api.PASSWORD).status()).isEqualTo(201);

        Reply sameName = Api.register(name, "other-" + name + "@example.test", Api.PASSWORD);
        Reply sameEmailOtherCase = Api.register(name + "x", name.toUpperCase() + "@EXAMPLE.test", Api.PASSWORD);

        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.contentType()).startsWith("application/problem+json");
        assertThat(sameEmailOtherCase.status()).isEqualTo(409);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        Reply reply = Api.register("No!", "not-an-email", "short");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json()).containsEntry("status", 400L).containsKey("traceId");
        assertThat(reply.fieldErrors()).extracting(e -> e.get("field")).contains("username", "email");
    }

    @Test
    void rejectsShortAndCommonPasswords() {
        String name = Api.uniqueName("pw");
        Reply shortPassword = Api.register(name, name + "@example.test", "abc123");
        Reply commonPassword = Api.register(name, name + "@example.test", "Password123");

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.fieldErrors()).extracting(e -> e.get("field")).containsExactly("password");
        assertThat(commonPassword.status()).isEqualTo(400);
        assertThat(commonPassword.fieldErrors().getFirst().get("message")).asString().contains("common");
        assertThat(Api.get("/" + name, null).status()).isEqualTo(404);
    }

    @Test
    void rejectsMalformedAndMissingBodiesWith400() {
        Reply malformed = Api.post("", "{\"username\": ", null);
        Reply missing = Api.call("POST", Api.BASE, "", null, null);
        Reply wrongType = Api.post("", "{\"username\": [1,2], \"email\": 5, \"password\": {}}", null);

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void limitsRegistrationsPerClientAddress() {
        String ip = Api.uniqueIp();
        int created = 0;
        Reply last = null;
        for (int i = 0; i < 21; i++) {
            String name = Api.uniqueName("lim");
            last = Api.call("POST", Api.BASE, Map.of("username", name, "email", name + "@example.test",
                    "password", Api.PASSWORD), null, ip);
            if (last.status() == 201) {
                created++;
            }
        }
        assertThat(created).isEqualTo(20);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        assertThat(last.contentType()).startsWith("application/problem+json");
    }
}
