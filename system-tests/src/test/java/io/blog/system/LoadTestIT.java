package io.blog.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/test/load-test.sh, small (60 visitors for 30 s), against the running topology: the
 * design's targets hold, Gatling's HTML report is written, and what the load test made is gone
 * afterwards. The full run (1,100 visitors) is a measurement, in the README.
 */
class LoadTestIT {

    private static final String SCRIPT = "scripts/test/load-test.sh";

    @Test
    void aShortRunMeetsTheTargetsWritesTheReportAndCleansUp() {
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(8), SCRIPT, "--users", "60", "--duration", "30", "--ramp", "5");
        System.out.println(run.report());
        assertThat(run.exitCode()).as(run.report()).isZero();
        assertThat(run.report()).contains("load-test.sh: 60 visitors for 30 s (ramp 5 s) against " + Topology.env("BLOG_PUBLIC_BASE_URL"))
                .contains("load-test.sh: the targets held");

        Matcher report = Pattern.compile("load-test.sh: report: (\\S+index\\.html)").matcher(run.report());
        assertThat(report.find()).as(run.report()).isTrue();
        Path html = Path.of(report.group(1));
        assertThat(html).exists().startsWith(Topology.root().resolve("system-tests/target/load-test/gatling"));
        assertThat(html.getParent().resolve("js/stats.js")).exists();

        Matcher fixture = Pattern.compile("load test (load-\\w+): 5 authors and 20 articles ready").matcher(run.report());
        assertThat(fixture.find()).as(run.report()).isTrue();
        Matcher cleanUp = Pattern.compile("load test " + fixture.group(1) + ": removed (\\d+) of (\\d+) articles, disabled (\\d+) of (\\d+) accounts")
                .matcher(run.report());
        assertThat(cleanUp.find()).as(run.report()).isTrue();
        assertThat(cleanUp.group(1)).isEqualTo(cleanUp.group(2));
        assertThat(cleanUp.group(3)).isEqualTo(cleanUp.group(4));
        assertThat(Integer.parseInt(cleanUp.group(2))).as("the fixture's articles and at least one draft").isGreaterThan(20);
        assertThat(Integer.parseInt(cleanUp.group(4))).as("the authors and at least one reader").isGreaterThan(5);
        Client.Reply left = Client.newVisitor().get("/api/posts?author=" + fixture.group(1) + "-a1&limit=5");
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.items()).isEmpty();
        Client.Reply accounts = Client.newVisitor().get("/api/users?q=" + fixture.group(1) + "&size=100", Accounts.admin().token());
        assertThat(accounts.items()).isNotEmpty().allSatisfy(a -> assertThat(a).containsEntry("status", "DISABLED"));
    }

    @Test
    void nothingListeningOrABadNumberIsOneLineAndExitOne() {
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(1), SCRIPT, "--base", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().strip()).startsWith("load-test.sh: FAILED: nothing answers at http://127.0.0.1:1").doesNotContain("\n");
        Topology.Output bad = Topology.operatorScript(Duration.ofMinutes(1), SCRIPT, "--users", "many");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.report().strip()).isEqualTo("load-test.sh: FAILED: --users must be a whole number, not 'many'");
    }
}
