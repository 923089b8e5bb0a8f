package io.blog.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/test/api-test.sh, the operator's smoke test of the public API, against the running
 * topology: every step passes and what it created is gone afterwards; a dead address, a wrong
 * administrator password and a bad argument each end it with one plain line and a non-zero exit.
 */
class ApiSmokeTestIT {

    private static final String SCRIPT = "scripts/test/api-test.sh";
    private static final List<String> STEPS = List.of("gateway answers", "sign in as administrator", "register",
            "make the author an AUTHOR", "sign in", "write a draft", "publish", "read", "list", "search", "comment",
            "moderate", "feeds", "sign out", "clean up");

    @Test
    void everyStepPassesAndLeavesNothingBehind() {
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(3), SCRIPT);
        System.out.println(run.report());
        assertThat(run.exitCode()).as(run.report()).isZero();
        List<String> lines = run.report().lines().toList();
        for (String step : STEPS) {
            assertThat(lines).as("step %s", step).anyMatch(l -> l.matches("ok +" + Pattern.quote(step) + " +\\d+ ms.*"));
        }
        assertThat(run.report()).doesNotContain("FAIL").contains("every step passed");

        Matcher article = Pattern.compile("ok +write a draft +\\d+ ms +(\\S+)").matcher(run.report());
        assertThat(article.find()).isTrue();
        // Anonymous readers may get the gateway's copy for a few seconds more (EdgeCacheIT's bound).
        Await.until("the deleted article gone for readers", Duration.ofSeconds(15),
                () -> Client.newVisitor().get("/api/posts/" + article.group(1)).status(), status -> status == 404 || status == 410);
        Matcher run1 = Pattern.compile("(api-test-\\d+-\\d+)-author").matcher(run.report());
        assertThat(run1.find()).isTrue();
        Client.Reply accounts = Client.newVisitor().get("/api/users?q=" + run1.group(1) + "&size=10", Accounts.admin().token());
        assertThat(accounts.status()).isEqualTo(200);
        List<Map<String, Object>> found = accounts.items();
        assertThat(found).hasSize(2).allSatisfy(a -> assertThat(a).containsEntry("status", "DISABLED"));
    }

    @Test
    void nothingAnsweringIsOneLineAndExitOne() {
        Topology.Output run = Topology.operatorScript(Duration.ofMinutes(1), SCRIPT, "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().strip().lines()).singleElement().asString()
                .startsWith("FAIL  gateway answers").contains("nothing answers at http://127.0.0.1:1");
    }

    @Test
    void aWrongAdministratorPasswordStopsBeforeCreatingAnything() {
        Topology.Output run = Topology.operatorScriptWithEnv(Duration.ofMinutes(1),
                Map.of("BLOG_API_TEST_ADMIN_PASSWORD", "not-the-password"), SCRIPT);
        assertThat(run.exitCode()).as(run.report()).isEqualTo(1);
        assertThat(run.report()).containsPattern("FAIL +sign in as administrator +expected HTTP 200 \\(HTTP 401")
                .doesNotContain("register");
    }

    @Test
    void aBadArgumentIsAUsageError() {
        Topology.Output run = Topology.operatorScript(Duration.ofSeconds(30), SCRIPT, "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.report()).startsWith("usage: ");
    }
}
