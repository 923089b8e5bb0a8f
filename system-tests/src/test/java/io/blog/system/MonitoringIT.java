package io.blog.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring tier of the production topology, live: Prometheus scrapes every component with
 * the labels the rules use, the service metrics the alerts need are there (request latency as
 * aggregatable histogram buckets), and the alert drill (scripts/test/monitoring-test.sh drill)
 * gets an instance-down and a replication alert to the webhook and back to resolved.
 */
class MonitoringIT {

    @Test
    void prometheusScrapesEveryComponentWithItsLabels() {
        Set<String> expected = new HashSet<>(Set.of("users-1", "users-2", "posts-1", "posts-2", "comments-1", "comments-2",
                "primary", "replica", "gateway", "elasticsearch-1", "elasticsearch-2", "elasticsearch-3", "host", "prometheus",
                "alertmanager"));
        // Every node of both Redis Clusters is a target of its own (through its store's exporter).
        for (int n = 1; n <= 6; n++) {
            expected.add("redis-" + n);
            expected.add("redis-security-" + n);
        }

        List<Map<String, Object>> targets = Await.until("every target up", Duration.ofSeconds(60), MonitoringIT::activeTargets,
                t -> t.stream().allMatch(x -> "up".equals(x.get("health"))) && instances(t).containsAll(expected));

        assertThat(instances(targets)).containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> target : targets) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) target.get("labels");
            assertThat(labels).containsKeys("instance", "service", "role", "job");
        }
    }

    @Test
    void theMetricsTheAlertsAndDashboardsReadAreThere() {
        Client reader = Client.newVisitor();
        for (int i = 0; i < 20; i++) {
            reader.get("/api/posts?limit=5");
        }
        for (String query : List.of(
                // Buckets, not quantiles: p95 across both instances of a service.
                "histogram_quantile(0.95, sum by (service, le) (rate(http_server_requests_seconds_bucket{job=\"services\", service=\"posts\", endpoint=\"/api/posts\"}[1m])))",
                "service:http_requests:rate5m{service=\"posts\"}",
                "service:http_error_ratio:rate5m",
                "memory_usedHeap_bytes{job=\"services\"}",
                "connectionpool_waitTime_total_seconds{job=\"services\"}",
                "cache_hits_total{job=\"services\"}",
                "posts_outbox_oldest_age_seconds",
                "mysql_slave_status_slave_io_running{instance=\"replica\"} == 1",
                "mysql_global_status_threads_connected{instance=\"primary\"}",
                "redis_up == 1",
                "count by (role) (redis_cluster_state{job=\"redis\", topology=\"cluster\"} == 1) == 6",
                "nginx_up == 1",
                "elasticsearch_cluster_health_up{job=\"elasticsearch\"} == 1",
                "elasticsearch_cluster_health_status{job=\"elasticsearch\", color=~\"green|yellow\"} == 1",
                "node_filesystem_avail_bytes",
                "up{job=\"services\"} == 1")) {
            Await.until("data for " + query, Duration.ofSeconds(60), () -> Prometheus.query(query), result -> !result.isEmpty());
        }
    }

    @Test
    void aKilledInstanceAndStoppedReplicationReachTheWebhookAndResolve() {
        Topology.Output drill = Topology.operatorScript(Duration.ofMinutes(8), "scripts/test/monitoring-test.sh", "drill");

        assertThat(drill.exitCode()).as(drill.report()).isZero();
        assertThat(drill.report()).contains("ServiceInstanceDown at the webhook", "MariaDBReplicaStopped at the webhook",
                "ServiceInstanceDown resolved at the webhook", "MariaDBReplicaStopped resolved at the webhook");
        System.out.println(drill.report());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> activeTargets() {
        Map<String, Object> data = (Map<String, Object>) Prometheus.get("/api/v1/targets?state=active").get("data");
        return (List<Map<String, Object>>) data.get("activeTargets");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> instances(List<Map<String, Object>> targets) {
        return targets.stream().map(t -> ((Map<String, String>) t.get("labels")).get("instance")).collect(Collectors.toSet());
    }
}
