package io.blog.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring configuration as committed: promtool checks the rules and runs their unit tests
 * (every alert firing and quiet), the rendered Prometheus and Alertmanager configuration pass
 * promtool and amtool, and every alert links its runbook entry (scripts/test/monitoring-test.sh check).
 */
class MonitoringConfigTest {

    @Test
    void rulesConfigurationAndRunbooksPassTheirChecks() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Process check = new ProcessBuilder("bash", root.resolve("scripts/test/monitoring-test.sh").toString(), "check")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("ok: \\d+ alerts, \\d+ recording rules, \\d+ rule test cases");
    }
}
