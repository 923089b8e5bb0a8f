package io.blog.users.it;

import io.blog.common.testing.TestHttp;
import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics and OpenAPI as Prometheus, the orchestrator and API users see them. */
class OperationsIT {

    @Test
    void healthReportsDatabaseAndRedis() {
        Reply ready = Api.call("GET", Api.SERVER + "/health/ready", null, null, null);
        Reply live = Api.call("GET", Api.SERVER + "/health/live", null, null, null);
        Reply started = Api.call("GET", Api.SERVER + "/health/started", null, null, null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"", "\"redis\"", "\"UP\"").doesNotContain("\"DOWN\"");
        assertThat(ready.body()).contains("redis 127.0.0.1").containsPattern("\"available\"\\s*:\\s*true");
        assertThat(live.status()).isEqualTo(200);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body()).contains("schema-migrations");
    }

    @Test
    void metricsCountRegistrationsLoginsRefreshesAndLimiterRejections() {
        Api.Session session = Api.newSession("metrics");
        Api.post("/refresh", Map.of("refreshToken", session.refreshToken()), null);
        String ip = Api.uniqueIp();
        for (int i = 0; i < 21; i++) {
            Api.login("ghost-" + Api.uniqueName("m"), "Wrong-Password-1", ip);
        }

        String metrics = Api.fetch(Api.SERVER + "/metrics", "text/plain").body();

        assertThat(metrics).contains("users_registered_total", "tokens_refreshed_total");
        assertThat(metrics).containsPattern("logins_total\\{[^}]*result=\"success\"");
        assertThat(metrics).containsPattern("logins_total\\{[^}]*result=\"failure\"");
        assertThat(metrics).containsPattern("rate_limit_rejections_total\\{[^}]*limiter=\"login-ip\"");
        assertThat(metrics).contains("db_replica_lag_seconds");
        assertThat(metrics).containsPattern("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/users/login\"");
    }

    @Test
    void openApiDescribesTheEndpoints() {
        Reply openapi = Api.fetch(Api.SERVER + "/openapi?format=JSON", "application/json");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/users", "\"/login\"", "\"/me\"", "\"/jwks\"", "\"/{username}/roles\"");
        assertThat(Api.fetch(Api.SERVER + "/openapi/ui/", "text/html").status()).isEqualTo(200);
    }

    /** The test server's access log (liberty-maven-plugin's server folder, logs/ as LOG_DIR leaves it by default). */
    private static final Path ACCESS_LOG = Path.of("target/liberty/wlp/usr/servers/user-it/logs/http_access.log");

    @Test
    void everyRequestHasALineInTheAccessLogUnderTheIdItWasHandledUnder() {
        String given = Api.uniqueName("access-id").replace('_', '-');
        Reply withId = TestHttp.send("GET", Api.BASE + "/jwks?probe=" + given, null, null,
                Map.of("X-Request-Id", given, "User-Agent", "operations-it \"quoted\""));
        Reply withoutId = TestHttp.send("GET", Api.BASE + "/no-such-user-" + given, null, null, Map.of());
        String madeUp = withoutId.header("X-Request-Id");

        String line = awaitAccessLine(given);
        assertThat(line).matches("[0-9.:a-f]+ " + given + " - \\[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \\+0000\\] "
                + "\"GET\" \"/api/users/jwks\" \"\\?probe=" + given + "\" 200 [0-9]+ [0-9]+ \"operations-it 'quoted'\"");
        assertThat(Long.parseLong(line.split(" ")[9])).as("bytes").isEqualTo(withId.body().getBytes().length);
        // A request that came without an id is logged under the one the service made up and echoed.
        assertThat(withoutId.status()).isEqualTo(404);
        assertThat(awaitAccessLine(madeUp)).contains("\"/api/users/no-such-user-" + given + "\" \"\" 404 ");
    }

    private static String awaitAccessLine(String requestId) {
        String[] found = new String[1];
        TestHttp.await(Duration.ofSeconds(10), "a line of request " + requestId + " in " + ACCESS_LOG, () -> {
            found[0] = accessLines().stream().filter(l -> l.contains(" " + requestId + " ")).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static List<String> accessLines() {
        try {
            return Files.exists(ACCESS_LOG) ? Files.readAllLines(ACCESS_LOG) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyResponseCarriesARequestIdAndEchoesAGivenOne() {
        Reply reply = Api.get("/jwks", null);
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }
}
