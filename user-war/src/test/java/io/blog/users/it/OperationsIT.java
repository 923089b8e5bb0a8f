package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.junit.jupiter.api.Test;

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
        Api.post("/refresh", java.util.Map.of("refreshToken", session.refreshToken()), null);
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

    @Test
    void everyResponseCarriesARequestIdAndEchoesAGivenOne() {
        Reply reply = Api.get("/jwks", null);
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }
}
