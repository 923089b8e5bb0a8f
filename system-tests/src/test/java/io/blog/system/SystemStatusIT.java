package io.blog.system;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/maintenance/system-status.sh against the running topology: every component with its
 * state, version, uptime and address; the figures an operator reads (request rates, replication
 * lag, Redis memory, the cluster, disk, the last backup, alerts); a component that does not answer
 * makes it exit 1; --watch redraws.
 */
class SystemStatusIT {

    private static final String SCRIPT = "scripts/maintenance/system-status.sh";

    @Test
    @SuppressWarnings("unchecked")
    void jsonNamesEveryComponentWithItsStateVersionUptimeAndAddress() throws Exception {
        assertThat(Topology.operatorScript(Duration.ofMinutes(3), "scripts/maintenance/backup-database.sh").exitCode()).isZero();
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(1), SCRIPT, "--json");
        assertThat(run.exitCode()).as(run.report()).isZero();
        Map<String, Object> status = JsonUtil.parseJson(run.report());
        assertThat(status).containsEntry("healthy", true);
        Map<String, Map<String, Object>> components = ((List<Map<String, Object>>) status.get("components")).stream()
                .collect(Collectors.toMap(c -> (String) c.get("name"), c -> c));

        List<String> services = new ArrayList<>();
        for (String service : List.of("users", "posts", "comments")) {
            List<String> ports = Topology.ports(service);
            for (int n = 1; n <= ports.size(); n++) {
                Map<String, Object> instance = components.get(service + "-" + n);
                services.add(service + "-" + n);
                assertThat(instance).as(service + "-" + n).containsEntry("state", "ready")
                        .containsEntry("listen", "127.0.0.1:" + ports.get(n - 1))
                        .containsEntry("version", "Open Liberty 26.0.0.5");
                assertThat(((Number) instance.get("requestsPerSecond")).doubleValue()).isGreaterThanOrEqualTo(0);
                assertThat(((Number) instance.get("uptimeSeconds")).longValue()).isPositive();
            }
        }
        assertThat(components).containsKeys("gateway", "gateway-internal", "mariadb-primary", "mariadb-replica", "redis-1",
                "redis-6", "redis-security-1", "redis-security-6", "elasticsearch-1", "elasticsearch-2", "elasticsearch-3", "console", "prometheus", "alertmanager",
                "node-exporter", "mysqld-exporter-primary", "redis-exporter", "nginx-exporter", "elasticsearch-exporter-1",
                "log-shipper", "binlog-archiver");
        components.forEach((name, c) -> assertThat(c.get("state")).as(name + ": " + c).isIn("up", "ready"));
        assertThat(components.get("gateway")).containsEntry("listen", "127.0.0.1:" + Topology.env("GATEWAY_PORT"));
        assertThat((String) components.get("gateway").get("version")).startsWith("nginx 1.");
        assertThat((String) components.get("mariadb-primary").get("version")).startsWith("MariaDB ");
        assertThat((String) components.get("redis-1").get("version")).startsWith("Redis ");
        assertThat(components.get("redis-3")).containsEntry("listen", "127.0.0.1:" + RedisCli.ports("cache").get(2));
        assertThat((String) components.get("elasticsearch-2").get("version")).startsWith("Elasticsearch ");
        assertThat((String) components.get("prometheus").get("version")).startsWith("prometheus ");
        assertThat((String) components.get("node-exporter").get("version")).startsWith("node-exporter ");
        assertThat(components.get("log-shipper").get("pid")).isNotNull();
        components.values().stream().filter(c -> c.get("listen") != null)
                .forEach(c -> assertThat(((Number) c.get("uptimeSeconds")).longValue()).as(c.get("name") + " uptime").isGreaterThan(0));

        Map<String, Object> replication = (Map<String, Object>) status.get("replication");
        assertThat(replication.get("writer")).isEqualTo(Topology.databaseWriter());
        assertThat(((Number) replication.get("lagSeconds")).longValue()).isBetween(0L, 60L);

        List<Map<String, Object>> redis = (List<Map<String, Object>>) status.get("redis");
        // Each store's six nodes: three primaries and three replicas, all seeing the cluster ok.
        assertThat(redis).extracting(r -> r.get("name")).containsExactly("redis-1", "redis-2", "redis-3", "redis-4", "redis-5",
                "redis-6", "redis-security-1", "redis-security-2", "redis-security-3", "redis-security-4", "redis-security-5",
                "redis-security-6");
        assertThat(redis).allSatisfy(r -> assertThat(((Number) r.get("usedBytes")).longValue()).isPositive())
                .allSatisfy(r -> assertThat(r).containsEntry("clusterState", "ok"));
        for (List<Map<String, Object>> store : List.of(redis.subList(0, 6), redis.subList(6, 12))) {
            assertThat(store).extracting(r -> r.get("role")).containsOnly("primary", "replica")
                    .filteredOn("primary"::equals).hasSize(3);
        }
        assertThat(redis.subList(6, 12)).allSatisfy(r -> assertThat(r).containsEntry("policy", "noeviction"));

        Map<String, Object> elasticsearch = (Map<String, Object>) status.get("elasticsearch");
        assertThat(elasticsearch.get("status")).isIn("green", "yellow");
        assertThat(((Number) elasticsearch.get("nodes")).intValue()).isEqualTo(3);

        Map<String, Object> disk = (Map<String, Object>) status.get("disk");
        assertThat(disk).containsEntry("root", Topology.dir().toString());
        Map<String, Long> folders = ((List<Map<String, Object>>) disk.get("folders")).stream()
                .collect(Collectors.toMap(f -> (String) f.get("folder"), f -> ((Number) f.get("bytes")).longValue()));
        assertThat(folders).containsKeys("mariadb", "elasticsearch", "backups", "wlp");
        assertThat(folders.get("mariadb")).isGreaterThan(1_000_000L);
        assertThat(((Number) disk.get("freeBytes")).longValue()).isPositive();

        Map<String, Object> backup = (Map<String, Object>) status.get("backup");
        assertThat(((Number) backup.get("ageSeconds")).longValue()).as("the backup just taken").isBetween(0L, 300L);
        assertThat(backup).containsEntry("lastStatusOk", true);
        assertThat(status.get("alerts")).as("Alertmanager answers").isInstanceOf(List.class);
    }

    @Test
    void textIsOneLinePerComponentAndTheFiguresBelow() {
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(1), SCRIPT);
        assertThat(run.exitCode()).as(run.report()).isZero();
        assertThat(run.report()).startsWith("Blog production topology, ").contains("(healthy)")
                .containsPattern("(?m)^users-1 +ready +Open Liberty 26\\.0\\.0\\.5 +\\S+ +127\\.0\\.0\\.1:" + Topology.ports("users").get(0)
                        + " +ready, \\d+\\.\\d\\d req/s$")
                .containsPattern("(?m)^mariadb-replica +up +MariaDB \\S+ +\\S+ +127\\.0\\.0\\.1:\\d+ +replicating from \\w+, \\d+ s behind$")
                .containsPattern("(?m)^Replication: +writer \\w+; replica \\d+ s behind$")
                .containsPattern("(?m)^Redis: +redis-security-1 +(primary|replica), cluster ok, \\S+ \\S+ used of 128\\.0 MiB \\(noeviction\\)$")
                .containsPattern("(?m)^Elasticsearch: cluster (green|yellow), 3 node\\(s\\)")
                .containsPattern("(?m)^Disk: +" + Topology.dir() + ": .*mariadb \\d")
                .containsPattern("(?m)^Last backup: +(none yet|\\S+ ago)")
                .containsPattern("(?m)^Alerts: +(none firing|\\d+ firing)");
    }

    @Test
    void aComponentThatDoesNotAnswerIsDownAndTheExitIsOne() {
        // A second users instance on a port nobody listens on: as if it had died.
        Topology.Output run = Topology.operatorScriptWithEnv(Duration.ofMinutes(1),
                Map.of("BLOG_USERS_PORTS", Topology.ports("users").get(0) + " 1"), SCRIPT);
        assertThat(run.exitCode()).as(run.report()).isEqualTo(1);
        assertThat(run.report()).contains("(1 component(s) down or not ready)")
                .containsPattern("(?m)^users-2 +down +.* no answer on :1$")
                .containsPattern("(?m)^users-1 +ready ");
    }

    @Test
    void watchRedrawsUntilInterrupted() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Topology.root().resolve(SCRIPT).toString(), "--watch", "1")
                .redirectErrorStream(true);
        builder.environment().put("BLOG_ENV_FILE", Topology.envFilePath().toString());
        Process watch = builder.start();
        StringBuilder screen = new StringBuilder();
        try (InputStream out = watch.getInputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < deadline && count(screen, "Blog production topology") < 2) {
                int n = out.available() > 0 ? out.read(buffer) : 0;
                if (n > 0) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(watch.isAlive()).as("--watch keeps going").isTrue();
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(count(screen, "Blog production topology")).as(screen.toString()).isGreaterThanOrEqualTo(2);
        assertThat(screen.toString()).contains("\033[H\033[2J").contains("(every 1 s; Ctrl-C ends)");
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--json", "--watch"), List.of("--watch", "0"))) {
            Topology.Output run = Topology.operatorScript(Duration.ofSeconds(30), SCRIPT, args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args + ": " + run.report()).isEqualTo(2);
            assertThat(run.report().strip().lines().toList()).as(args.toString()).hasSizeLessThanOrEqualTo(2)
                    .anyMatch(l -> l.startsWith("usage: ") || l.startsWith("system-status: ERROR: "));
        }
    }

    private static int count(CharSequence text, String what) {
        int found = 0;
        for (int i = text.toString().indexOf(what); i >= 0; i = text.toString().indexOf(what, i + 1)) {
            found++;
        }
        return found;
    }
}
