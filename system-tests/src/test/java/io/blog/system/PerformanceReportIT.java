package io.blog.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/maintenance/performance-report.sh against the live Prometheus of the system tests'
 * topology: Markdown and HTML (with SVG charts) with every service, per-endpoint rows and numbers;
 * a clear one-line error when Prometheus cannot be reached or the arguments are wrong.
 */
class PerformanceReportIT {

    private static final Path OUT = Path.of("target/performance-report").toAbsolutePath();

    @Test
    void aReportOfTheLastMinutesNamesEveryServiceAndEndpoint() throws Exception {
        Client client = Client.newVisitor();
        for (int i = 0; i < 20; i++) {
            client.get("/api/posts?limit=3");
            client.get("/api/users/jwks");
            client.get("/api/comments/counts?posts=none");
        }
        // The requests above must have been scraped before the report reads them.
        Topology.pause(Duration.ofSeconds(12));

        Topology.Output report = Topology.operatorScript(Duration.ofMinutes(2), "scripts/maintenance/performance-report.sh",
                "--since", "15m", "--out", OUT.toString());

        assertThat(report.exitCode()).as(report.report()).isZero();
        String md = Files.readString(OUT.resolve("performance-report.md"));
        assertThat(md).contains("# Performance report — last 15m", "| posts | `/api/posts` |", "| users | `/api/users/jwks` |",
                "| comments | `/api/comments/counts` |", "## Saturation", "## Cache", "## Search latency");
        assertThat(md).containsPattern("\\| posts \\| `/api/posts` \\| \\d+ \\| [0-9.]+ \\| [0-9.]+ % \\| [0-9.]+ ms \\| [0-9.]+ ms \\| [0-9.]+ ms \\|");
        assertThat(md).containsPattern("Host CPU busy \\(average over the window\\): [0-9.]+ %");
        // The search outbox of both post-war instances (a backlog of 0 is a value too).
        assertThat(md).contains("## Search outbox").containsPattern("\\| posts-1 \\| \\d+ \\| [0-9.]+ s \\|")
                .containsPattern("\\| posts-2 \\| \\d+ \\| [0-9.]+ s \\|");
        String html = Files.readString(OUT.resolve("performance-report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<polyline", "<table>", "/api/posts");
        List<String> csv = Files.readAllLines(OUT.resolve("performance-report.csv"));
        assertThat(csv.getFirst()).isEqualTo("window,service,endpoint,requests,requests_per_second,error_ratio,p50_ms,p95_ms,p99_ms");
        assertThat(csv).anyMatch(line -> line.matches("15m,posts,\\*,\\d+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+"))
                .anyMatch(line -> line.matches("15m,posts,/api/posts,\\d+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+"));
    }

    @Test
    void anUnreachablePrometheusIsOneClearLineAndAFailure() {
        Topology.Output unreachable = Topology.operatorScriptWithEnv(Duration.ofMinutes(1),
                Map.of("BLOG_PROMETHEUS_URL", "http://127.0.0.1:9"), "scripts/maintenance/performance-report.sh");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.report().strip().lines()).singleElement().asString()
                .isEqualTo("performance-report: Prometheus does not answer at http://127.0.0.1:9");

        Topology.Output badWindow = Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/performance-report.sh", "--since", "yesterday");
        assertThat(badWindow.exitCode()).isEqualTo(2);
        assertThat(badWindow.report()).contains("--since must look like 30m, 1h or 7d, not 'yesterday'");
    }
}
