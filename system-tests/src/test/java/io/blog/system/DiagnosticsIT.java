package io.blog.system;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/diagnostics.sh against the running topology. Known secrets are planted where a bundle
 * reaches them (a server's environment, a log line with a password in a URL, a setting and a bearer
 * token), next to the topology's own (every password of the env file, the JWT signing key); none of
 * them, plain or URL- or base64-encoded, may be in any file of the bundle, while what support needs
 * is there: versions, status, replication, configuration, errors, thread dumps, metrics.
 */
class DiagnosticsIT {

    private static final String SCRIPT = "scripts/diagnostics.sh";
    private static final Path SERVER_ENV = Topology.dir().resolve("wlp/usr/servers/users-1/server.env");
    private static final Path PLANTED_LOG = Topology.dir().resolve("console/diagnostics-test.log");

    private String serverEnvBefore;

    @AfterEach
    void removeWhatWasPlanted() throws IOException {
        if (serverEnvBefore != null) {
            Files.writeString(SERVER_ENV, serverEnvBefore);
        }
        Files.deleteIfExists(PLANTED_LOG);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBundleHoldsWhatSupportNeedsAndNoSecret() throws Exception {
        String plantedToken = "planted-token-" + UUID.randomUUID();
        String plantedUrlPassword = "urlpw" + UUID.randomUUID().toString().replace("-", "");
        String plantedSetting = "setting-" + UUID.randomUUID();
        String plantedBearer = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0." + UUID.randomUUID().toString().replace("-", "");
        serverEnvBefore = Files.readString(SERVER_ENV);
        Files.writeString(SERVER_ENV, "BLOG_PLANTED_API_TOKEN=" + plantedToken + "\n", StandardOpenOption.APPEND);
        Files.writeString(PLANTED_LOG, "[12/6/26, 12:00:00:000 UTC] 00000042 PlantedError E CWWKE0701E: cannot reach "
                + "jdbc:mariadb://blog:" + plantedUrlPassword + "@db.example:3306/blog with password=" + plantedSetting
                + " as Authorization: Bearer " + plantedBearer + "\n");

        Set<String> secrets = new HashSet<>(List.of(plantedToken, plantedUrlPassword, plantedSetting, plantedBearer));
        Topology.envFile().forEach((name, value) -> {
            if (name.contains("PASSWORD")) {
                secrets.add(value);
            }
        });
        List<String> keyLines = Files.readAllLines(Topology.dir().resolve("secrets/jwt-signing-key.pem")).stream()
                .filter(l -> !l.startsWith("-----") && l.length() > 20).toList();
        assertThat(keyLines).isNotEmpty();
        secrets.addAll(keyLines);

        Path out = Files.createTempDirectory("diagnostics-it").resolve("bundle.tar.gz");
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(3), SCRIPT, "--out", out.toString());
        assertThat(run.exitCode()).as(run.report()).isZero();
        assertThat(run.report()).containsPattern("diagnostics: wrote " + out + " \\(\\S+, \\d+ files\\)")
                .endsWith(out + "\n");
        assertThat(Files.getPosixFilePermissions(out)).extracting(Object::toString).containsOnly("OWNER_READ", "OWNER_WRITE");

        Path unpacked = Files.createTempDirectory("diagnostics-it-unpacked");
        Process tar = new ProcessBuilder("tar", "-xzf", out.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).isTrue();
        Path bundle;
        try (Stream<Path> top = Files.list(unpacked)) {
            bundle = top.findFirst().orElseThrow();
        }
        assertThat(bundle.getFileName().toString()).matches("blog-diagnostics-\\d{8}T\\d{6}Z");

        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(bundle)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).noneMatch(f -> f.toString().matches(".*\\.(p12|jks|pem|key)$"));
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                for (String form : forms(secret)) {
                    assertThat(text.contains(form)).as("a secret (%s...) in %s", secret.substring(0, 4), bundle.relativize(file)).isFalse();
                }
            }
        }

        assertThat(Files.readString(bundle.resolve("versions.txt"))).contains("liberty: 26.0.0.5").containsPattern("commit: [0-9a-f]{40}");
        assertThat(Files.readString(bundle.resolve("health-check.txt"))).contains("all healthy");
        Map<String, Object> status = JsonUtil.parseJson(Files.readString(bundle.resolve("status.json")));
        assertThat((List<Object>) status.get("components")).hasSizeGreaterThan(20);
        assertThat(Files.readString(bundle.resolve("replication.txt"))).contains("Slave_IO_Running: Yes").contains("writer: ");
        assertThat(Files.readString(bundle.resolve("config/liberty/users-1/server.env")))
                .contains("BLOG_PLANTED_API_TOKEN=[REDACTED]").contains("BLOG_DB_PASSWORD=[REDACTED]")
                .containsPattern("BLOG_DB_URL=jdbc:mariadb:\\S+");
        String firstNode = Topology.env("BLOG_REDIS_CLUSTER_PORTS").split(" ")[0];
        assertThat(Files.readString(bundle.resolve("config/redis/node-" + firstNode + "/redis.conf")))
                .contains("requirepass \"[REDACTED]\"").contains("masterauth \"[REDACTED]\"")
                .doesNotContain(Topology.env("BLOG_REDIS_PASSWORD"));
        assertThat(bundle.resolve("config/redis/node-" + firstNode + "/nodes.conf")).content().contains("myself");
        assertThat(Files.readString(bundle.resolve("config/env-file"))).contains("BLOG_ADMIN_PASSWORD=[REDACTED]")
                .contains("GATEWAY_PORT=" + Topology.env("GATEWAY_PORT"));
        assertThat(Files.readString(bundle.resolve("logs/console_diagnostics-test.log.txt")))
                .contains("PlantedError E CWWKE0701E: cannot reach jdbc:mariadb://blog:[REDACTED]@db.example:3306/blog")
                .contains("password=[REDACTED]").contains("Authorization: Bearer [REDACTED]");
        for (String server : List.of("users-1", "posts-2", "comments-1", "console")) {
            assertThat(Files.readString(bundle.resolve("threads/" + server + ".txt"))).as(server).contains("\"main\"").contains("java.lang.Thread.State");
        }
        assertThat(Files.readString(bundle.resolve("metrics/posts-1.prom"))).contains("http_server_requests_seconds");
        assertThat(Files.readString(bundle.resolve("metrics/prometheus.txt"))).contains("# service:http_requests:rate5m").contains("\"status\":\"success\"");
    }

    @Test
    void aBadArgumentIsAUsageErrorAndABadDestinationOneLine() {
        Topology.Output bogus = Topology.operatorScript(Duration.ofSeconds(30), SCRIPT, "--bogus");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.report()).contains("usage: ");
        Topology.Output zip = Topology.operatorScript(Duration.ofSeconds(30), SCRIPT, "--out", "/tmp/bundle.zip");
        assertThat(zip.exitCode()).isEqualTo(1);
        assertThat(zip.report().strip()).isEqualTo("diagnostics: ERROR: --out must name a .tar.gz file: /tmp/bundle.zip");
    }

    private static List<String> forms(String secret) {
        return List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)).replaceAll("=+$", ""));
    }
}
