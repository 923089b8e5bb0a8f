package io.blog.system.browser;

import io.blog.system.Accounts;
import io.blog.system.Client;
import io.blog.system.Topology;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations console (admin-console) against the live topology in a real browser: only
 * administrators get in, each view shows live data, a killed instance shows as down within one
 * refresh, a backup started from the console lands in the catalogue, the logs view shows errors and
 * one request's trail from the log index, and a promotion from the replication view is confirmed,
 * refused while the writer runs and audited; then, the primary killed, the database pair is failed
 * over and back from that view. Screenshots of each view go to the artifacts folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String console(String path) {
        return "http://127.0.0.1:" + Topology.env("BLOG_CONSOLE_PORT") + path;
    }

    @Test
    @Order(2)
    void anAccountWithoutTheAdminRoleIsRefused() {
        Accounts.Account author = Accounts.register("notops");
        signIn(author.username(), Accounts.PASSWORD);
        browser.textIn(By.cssSelector(".refused h2"), "Operators only");
        assertThat(browser.driver().findElement(By.cssSelector(".refused")).getText()).contains(author.username(), "ADMIN");
        browser.screenshot("console-refused");
        browser.driver().get(console("/backups"));
        browser.textIn(By.cssSelector(".refused h2"), "Operators only");
        browser.click(By.cssSelector(".refused vaadin-button"));
        browser.until("back at the sign-in form", d -> !d.findElements(By.cssSelector("vaadin-login-form")).isEmpty());
    }

    @Test
    @Order(3)
    void aWrongPasswordIsAClearMessage() {
        signIn(Topology.env("BLOG_ADMIN_USERNAME"), "not-the-password");
        browser.until("the error message", d -> d.findElement(By.cssSelector("vaadin-login-form")).getText().contains("wrong password"));
    }

    /**
     * First, so that the restarted instance has warmed up (JIT) by the time the next test class,
     * the Lighthouse performance audit, measures pages on the same two cores.
     */
    @Test
    @Order(1)
    void healthShowsEveryComponentAndAKilledInstanceWithinOneRefresh() {
        signInAsAdmin();
        browser.textIn(By.id("health-summary"), "components healthy");
        String grid = browser.visible(By.id("health-grid")).getText();
        assertThat(grid).contains("users-1", "users-2", "posts-1", "posts-2", "comments-1", "comments-2", "gateway", "prometheus", "alertmanager",
                "mariadb-primary", "mariadb-replica", "redis", "redis-security", "elasticsearch");
        // Version and uptime: the services' build, and what MariaDB, Redis, Elasticsearch and the
        // monitoring tier report of themselves.
        assertThat(rowOf("posts-1")).containsPattern("1\\.0\\.0-SNAPSHOT \\(built \\d{4}-\\d\\d-\\d\\dT").containsPattern("\\d+ (s|min|h)");
        browser.until("versions of the data stores", d -> rowOf("mariadb-primary").contains("-MariaDB"));
        assertThat(rowOf("elasticsearch")).contains("9.5.3");
        assertThat(rowOf("redis")).containsPattern("\\b7\\.\\d+\\.\\d+");
        browser.until("the security-state Redis's version", d -> rowOf("redis-security").matches("(?s).*\\b7\\.\\d+\\.\\d+.*"));
        browser.screenshot("console-health");

        Instant killed = Instant.now();
        Topology.kill("posts-2");
        try {
            browser.until("posts-2 shown as down", d -> rowOf("posts-2").contains("NO ANSWER"));
            Duration shown = Duration.between(killed, Instant.now());
            // One refresh (5 s) plus the probe's own timeout.
            assertThat(shown).isLessThan(Duration.ofSeconds(5 + 3 + 2));
            browser.textIn(By.id("health-summary"), "unhealthy");
            browser.screenshot("console-health-instance-down");
        } finally {
            Topology.restoreAll();
        }
        browser.until("posts-2 back", d -> rowOf("posts-2").contains("UP"));
    }

    @Test
    @Order(4)
    void replicationShowsPositionsThreadsAndLag() {
        signInAsAdmin();
        browser.driver().get(console("/replication"));
        browser.textIn(By.id("replication-status"), "replicating");
        // The primary's own position: domain 0, its server id (new after each rejoin), a sequence number.
        String serverId = Topology.sql("primary", "SELECT @@server_id").getFirst();
        assertThat(browser.visible(By.id("writer")).getText()).isEqualTo("primary");
        assertThat(browser.visible(By.id("writer-gtid")).getText()).matches("0-" + serverId + "-\\d+");
        assertThat(browser.visible(By.id("io-thread")).getText()).isEqualTo("Yes");
        assertThat(browser.visible(By.id("sql-thread")).getText()).isEqualTo("Yes");
        assertThat(browser.visible(By.id("replication-lag")).getText()).matches("\\d+ s");
        assertThat(browser.driver().findElements(By.cssSelector("#replication-chart svg path"))).isNotEmpty();
        browser.screenshot("console-replication");

        // The last day comes from Prometheus: one reading per 5 minutes, at least the newest one known.
        browser.click(By.id("lag-span"));
        browser.until("the day option", d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(i -> i.getText().startsWith("Last day")).findFirst().orElse(null)).click();
        browser.textIn(By.id("replication-chart"), "289 readings");
        assertThat(browser.driver().findElement(By.cssSelector("#replication-chart svg path")).getAttribute("d")).contains("M");
    }

    @Test
    @Order(5)
    void aBackupRunFromTheConsoleLandsInTheCatalogueAndTheAuditLog() throws Exception {
        signInAsAdmin();
        browser.driver().get(console("/backups"));
        browser.visible(By.id("backup-catalogue"));
        browser.click(By.id("back-up-now"));
        browser.click(By.id("confirm"));
        WebElement status = browser.visible(By.id("backup-status"));
        browser.until("the backup to finish", d -> status.getText().contains(" ok:") || status.getText().startsWith("FAILED"));
        assertThat(status.getText()).contains(" ok:");
        String id = status.getText().replaceAll("^backup (\\d{8}T\\d{6}Z) ok:.*$", "$1");
        browser.until("the new backup in the catalogue", d -> d.findElement(By.id("backup-catalogue")).getText().contains(id));
        browser.screenshot("console-backups");
        List<String> catalogue = Files.readAllLines(Topology.dir().resolve("backups/" + id + "/manifest.json"));
        assertThat(String.join("\n", catalogue)).contains("\"status\": \"ok\"");
        assertThat(Files.readString(Topology.dir().resolve("console/audit.jsonl")))
                .contains("\"operator\":\"" + Topology.env("BLOG_ADMIN_USERNAME") + "\",\"action\":\"back up now\",\"outcome\":\"ok: backup " + id);

        browser.click(By.id("sign-out"));
        browser.until("signed out", d -> !d.findElements(By.cssSelector("vaadin-login-form")).isEmpty());
        browser.driver().get(console("/backups"));
        browser.until("the sign-in form again", d -> !d.findElements(By.cssSelector("vaadin-login-form")).isEmpty());
    }

    @Test
    @Order(6)
    void anAccountIsFoundGivenARoleDisabledAndEnabledAgain() {
        Accounts.Account someone = Accounts.register("promote");
        signInAsAdmin();
        browser.driver().get(console("/users"));
        browser.visible(By.cssSelector("#user-search input")).sendKeys(someone.username());
        // The rows are rebuilt for every search typed, and a click on a row being replaced is lost: wait for the last search.
        browser.textIn(By.id("users-status"), "1 account(s) matching “" + someone.username() + "”");
        browser.until("the account listed", d -> d.findElement(By.id("users-grid")).getText().contains(someone.username()));
        browser.click(By.cssSelector(".roles-" + someone.username()));
        WebElement editor = browser.until("the role choice", d -> d.findElements(By.cssSelector("#role-choice vaadin-checkbox")).stream()
                .filter(c -> c.getText().trim().equals("EDITOR")).findFirst().orElse(null));
        editor.click();
        browser.click(By.id("confirm"));
        browser.textIn(By.id("users-status"), "Done: roles of " + someone.username());
        assertThat(account(someone.username()).get("roles")).asString().contains("EDITOR", "AUTHOR");
        browser.screenshot("console-users");

        browser.click(By.cssSelector(".status-" + someone.username()));
        browser.click(By.id("confirm"));
        browser.textIn(By.id("users-status"), "Done: disable " + someone.username());
        assertThat(account(someone.username())).containsEntry("status", "DISABLED");
        browser.click(By.cssSelector(".status-" + someone.username()));
        browser.click(By.id("confirm"));
        browser.textIn(By.id("users-status"), "Done: enable " + someone.username());
        assertThat(account(someone.username())).containsEntry("status", "ACTIVE");
    }

    @Test
    @Order(7)
    void alertsShowWhatFiresAndWhatResolved() {
        signInAsAdmin();
        browser.driver().get(console("/alerts"));
        browser.textIn(By.tagName("h3"), "Firing now");
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Resolved in the last 24 hours")
                .doesNotContain("cannot be reached");
        browser.screenshot("console-alerts");
    }

    @Test
    @Order(8)
    void aPerformanceReportIsBuiltShownAndDownloadable() {
        signInAsAdmin();
        browser.driver().get(console("/performance"));
        browser.click(By.id("build-report"));
        browser.until("the report", d -> !d.findElements(By.cssSelector("#report table")).isEmpty()
                || d.findElement(By.id("report-status")).getText().startsWith("No report"));
        assertThat(browser.visible(By.id("report")).getText()).contains("Services", "/api/posts", "Saturation", "Cache");
        assertThat(browser.driver().findElements(By.cssSelector("#report svg"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#report-downloads a"))).extracting(WebElement::getText)
                .containsExactly("HTML", "CSV", "MD");
        browser.screenshot("console-performance");
    }

    @Test
    @Order(10)
    void logsShowRecentErrorsAndOneRequestsTrail() {
        // An error line (nginx refuses an oversized body) and a request whose id we know.
        Client visitor = Client.newVisitor();
        assertThat(visitor.send("POST", "/api/posts", null, "{\"body\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").status())
                .isEqualTo(413);
        String id = "console-" + Accounts.uniqueName("trail");
        assertThat(visitor.send(visitor.request("/api/comments/counts?posts=console-trail", null).header("X-Request-Id", id).GET())
                .status()).isEqualTo(200);
        signInAsAdmin();
        // Lines are searchable about a second after they are written: the view is opened again
        // (each time letting it render) until they are there.
        reloadUntil("/logs", "the oversized body among the recent errors",
                () -> browser.visible(By.id("recent-errors")).getText().contains("too large body"));
        reloadUntil("/logs?request=" + id, "the request's trail",
                () -> browser.visible(By.id("trail-status")).getText().contains("lines of request " + id)
                        && browser.driver().findElement(By.id("request-trail")).getText().contains("comments-"));
        assertThat(browser.visible(By.id("request-trail")).getText()).contains("gateway", "nginx.access", "liberty.access");
        browser.screenshot("console-logs");
        // Anything but a request id is refused before it reaches a query.
        WebElement field = browser.visible(By.cssSelector("#request-id input"));
        field.clear();
        field.sendKeys("*:* OR x");
        browser.click(By.id("show-trail"));
        browser.textIn(By.id("trail-status"), "A request id is 8 to 128");
    }

    /** Load time of each view, navigation to its first live content (printed for the record). */
    @Test
    @Order(9)
    void everyViewLoadsWithinFiveSeconds() {
        signInAsAdmin();
        Map<String, String> views = new LinkedHashMap<>();
        views.put("/", "health-grid");
        views.put("/replication", "replication-status");
        views.put("/backups", "backup-catalogue");
        views.put("/performance", "build-report");
        views.put("/alerts", "firing-alerts");
        views.put("/logs", "recent-errors");
        views.put("/users", "users-grid");
        StringBuilder timings = new StringBuilder("[console] view load times:");
        for (var view : views.entrySet()) {
            long t0 = System.nanoTime();
            browser.driver().get(console(view.getKey()));
            WebElement content = browser.visible(By.id(view.getValue()));
            if (view.getKey().equals("/backups")) {
                browser.until("the catalogue's rows", d -> content.getText().lines().anyMatch("ok"::equals));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            timings.append(' ').append(view.getKey()).append('=').append(ms).append("ms");
            assertThat(ms).as("load time of %s", view.getKey()).isLessThan(5000);
        }
        System.out.println(timings);
    }

    /**
     * The failover steps run the operator's scripts behind a confirmation: a cancelled promotion
     * does nothing, and a promotion while the writer runs is refused by promote-replica.sh, shown
     * with the script's own words and audited as failed, and nothing changes.
     */
    @Test
    @Order(11)
    void aPromotionIsConfirmedRefusedWhileTheWriterRunsAndAudited() throws Exception {
        assertThat(Topology.databaseWriter()).isEqualTo("primary");
        Path auditFile = Topology.dir().resolve("console/audit.jsonl");
        signInAsAdmin();
        browser.driver().get(console("/replication"));
        browser.textIn(By.id("writer"), "primary");
        browser.textIn(By.id("failover-hint"), "nothing to do");

        long audited = Files.readAllLines(auditFile).size();
        browser.click(By.id("promote-replica"));
        browser.click(By.id("cancel"));
        assertThat(Files.readAllLines(auditFile)).as("a cancelled promotion does nothing").hasSize((int) audited);

        browser.click(By.id("promote-replica"));
        String refused = confirmAndAwaitStep();
        assertThat(refused).startsWith("promote replica FAILED:").contains("still running");
        assertThat(browser.visible(By.id("failover-output")).getText()).contains("promote only replaces a writer that is gone");
        assertThat(Topology.databaseWriter()).isEqualTo("primary");
        assertThat(Files.readString(auditFile)).contains("\"action\":\"promote replica\",\"outcome\":\"failed: ");
        browser.screenshot("console-replication-promotion-refused");
    }

    /**
     * Last: after a SIGKILL of the primary the console promotes the replica and then rejoins the
     * primary, which writes again afterwards through every instance of each service.
     */
    @Test
    @Order(12)
    void theReplicaIsPromotedAndThePrimaryRejoinedFromTheConsole() throws Exception {
        assertThat(Topology.databaseWriter()).isEqualTo("primary");
        Path auditFile = Topology.dir().resolve("console/audit.jsonl");
        signInAsAdmin();
        browser.driver().get(console("/replication"));
        browser.textIn(By.id("writer"), "primary");
        try {
            Topology.killDatabaseNode("primary");
            browser.textIn(By.id("failover-hint"), "No node takes writes");
            browser.screenshot("console-replication-writer-gone");
            browser.click(By.id("promote-replica"));
            assertThat(confirmAndAwaitStep()).startsWith("promote replica ok:").contains("writes go to 127.0.0.1:" + Topology.env("BLOG_DB_REPLICA_PORT"));
            assertThat(browser.visible(By.id("failover-output")).getText()).contains("replica is the writer");
            assertThat(Topology.databaseWriter()).isEqualTo("replica");
            browser.textIn(By.id("writer"), "replica");
            browser.textIn(By.id("failover-hint"), "rejoin it");
            browser.screenshot("console-replication-promoted");

            browser.click(By.id("rejoin-replica"));
            assertThat(confirmAndAwaitStep()).startsWith("rejoin former writer ok:").contains("writer primary");
            assertThat(browser.visible(By.id("failover-output")).getText()).contains("primary is the writer again");
        } finally {
            // Whatever failed above, the next tests need the pair in its configured roles.
            if (!"primary".equals(Topology.databaseWriter())) {
                Topology.Output rejoined = Topology.operatorScript(Duration.ofMinutes(2), "scripts/maintenance/rejoin-replica.sh");
                assertThat(rejoined.exitCode()).as("rejoin-replica.sh after a failed test:%n%s", rejoined.report()).isZero();
            }
        }
        assertThat(Topology.databaseWriter()).isEqualTo("primary");
        browser.textIn(By.id("writer"), "primary");
        browser.textIn(By.id("replication-status"), "replicating");
        browser.screenshot("console-replication-rejoined");
        assertThat(Files.readString(auditFile))
                .contains("\"action\":\"promote replica\",\"outcome\":\"ok: ")
                .contains("\"action\":\"rejoin former writer\",\"outcome\":\"ok: ");
        // The services found the writer again by themselves: once the rejoin has returned, every
        // write through either instance of each service is taken (the gateway takes turns between
        // the two; a write that met a connection left from before the kill is repeated).
        Accounts.Account author = Accounts.register("afterfailover");
        Client writer = Client.newVisitor();
        String slug = null;
        for (int i = 0; i < 4; i++) {
            Client.Reply article = writer.send("POST", "/api/posts", author.token(),
                    "{\"title\":\"After the failover " + i + " " + System.nanoTime() + "\",\"body\":\"Written after the rejoin.\",\"tags\":[],\"status\":\"PUBLISHED\"}");
            assertThat(article.status()).as("article %d after the rejoin: %s", i, article).isEqualTo(201);
            slug = (String) article.json().get("slug");
        }
        for (int i = 0; i < 4; i++) {
            Client.Reply comment = Client.newVisitor().send("POST", "/api/comments", author.token(),
                    "{\"post\":\"" + slug + "\",\"body\":\"Comment after the rejoin " + i + "\"}");
            assertThat(comment.status()).as("comment %d after the rejoin: %s", i, comment).isEqualTo(201);
        }
    }

    /**
     * Confirms the dialog, then waits for the step's own outcome: the status must first have left
     * what it said before (the previous step's outcome), since the push that starts the step can
     * come after the first look. Promotion and rejoin take seconds, more on a busy machine.
     */
    private static String confirmAndAwaitStep() {
        String before = browser.driver().findElement(By.id("failover-status")).getText();
        browser.click(By.id("confirm"));
        return new WebDriverWait(browser.driver(), Duration.ofMinutes(3)).until(d -> {
            String text = d.findElement(By.id("failover-status")).getText();
            return !text.equals(before) && (text.contains(" ok:") || text.contains(" FAILED:")) ? text : null;
        });
    }

    private static Map<String, Object> account(String username) {
        Client.Reply reply = Client.newVisitor().get("/api/users?q=" + username, Accounts.admin().token());
        return reply.items().stream().filter(a -> username.equals(a.get("username"))).findFirst().orElseThrow();
    }

    private static void reloadUntil(String path, String what, BooleanSupplier shown) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            browser.driver().get(console(path));
            if (shown.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not shown within 30 s");
            }
            Topology.pause(Duration.ofSeconds(1));
        }
    }

    private static String rowOf(String component) {
        return browser.driver().findElement(By.id("health-grid")).getText().lines()
                .dropWhile(l -> !l.equals(component)).limit(7).reduce("", (a, b) -> a + " " + b);
    }

    private static void signInAsAdmin() {
        signIn(Topology.env("BLOG_ADMIN_USERNAME"), Topology.env("BLOG_ADMIN_PASSWORD"));
        browser.visible(By.id("operator"));
    }

    private static void signIn(String username, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.driver().get(console("/login"));
        WebElement user = browser.visible(By.cssSelector("vaadin-login-form input[name='username']"));
        user.sendKeys(username);
        WebElement pass = browser.visible(By.cssSelector("vaadin-login-form input[name='password']"));
        pass.sendKeys(password, Keys.ENTER);
    }
}
