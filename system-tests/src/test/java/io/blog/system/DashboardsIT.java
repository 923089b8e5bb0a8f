package io.blog.system;

import io.blog.system.Accounts.Account;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards without Grafana (it cannot be installed here): each dashboard's model is
 * checked (unique uid and panel ids, the provisioned datasource, panel positions, targets), and
 * every panel query — template variables substituted as Grafana would — is run against the live
 * Prometheus scraping the system tests' topology after some traffic: each must return data.
 */
class DashboardsIT {

    private static final Path ROOT = Path.of(System.getProperty("system.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path DASHBOARDS = ROOT.resolve("monitoring/grafana/dashboards");

    @BeforeAll
    static void someTrafficOfEveryKind() {
        Account writer = Accounts.register("dash-writer");
        Account reader = Accounts.register("dash-reader");
        Account editor = Accounts.withRoles("dash-editor", List.of("EDITOR"));
        Client client = Client.newVisitor();
        assertThat(client.send("POST", "/api/users/login", null, "{\"login\":\"" + reader.username() + "\",\"password\":\"wrong-password-1\"}")
                .status()).isEqualTo(401);
        Client.Reply article = client.send("POST", "/api/posts", writer.token(),
                "{\"title\":\"Dashboards " + Accounts.uniqueName("d") + "\",\"body\":\"Numbers for panels.\",\"tags\":[\"metrics\"],\"status\":\"PUBLISHED\"}");
        assertThat(article.status()).as("%s", article).isEqualTo(201);
        String slug = (String) article.json().get("slug");
        // Two rounds more than a scrape interval apart, so every rate sees its counter grow.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10; i++) {
                client.get("/api/posts/" + slug);
                client.get("/api/posts?limit=5");
                client.get("/api/posts/search?q=panels");
                client.get("/api/comments?post=" + slug);
                client.get("/api/users/jwks");
            }
            Topology.pause(Duration.ofSeconds(6));
        }
        Client.Reply comment = client.send("POST", "/api/comments", reader.token(), "{\"post\":\"" + slug + "\",\"body\":\"A first comment.\"}");
        assertThat(comment.status()).as("%s", comment).isEqualTo(201);
        Client.Reply moderated = client.send("POST", "/api/comments/moderation", editor.token(),
                "{\"ids\":[\"" + comment.json().get("id") + "\"],\"action\":\"APPROVE\"}");
        assertThat(moderated.status()).as("%s", moderated).isLessThan(300);
    }

    @Test
    void everyDashboardIsAWellFormedModelOnTheProvisionedDatasource() throws Exception {
        String provisioned = Files.readString(ROOT.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml"));
        Matcher uid = Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)").matcher(provisioned);
        assertThat(uid.find()).isTrue();
        Set<String> dashboardUids = new HashSet<>();
        List<Map<String, Object>> dashboards = dashboards();
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, Object> dashboard : dashboards) {
            String title = (String) dashboard.get("title");
            assertThat(dashboardUids.add((String) dashboard.get("uid"))).as("uid of %s is unique", title).isTrue();
            assertThat(dashboard).containsKeys("title", "schemaVersion", "panels", "templating", "time");
            Set<Long> panelIds = new HashSet<>();
            for (Map<String, Object> panel : panels(dashboard)) {
                assertThat(panelIds.add(((Number) panel.get("id")).longValue())).as("panel ids unique in %s", title).isTrue();
                assertThat(panel).containsKeys("type", "title", "gridPos", "targets");
                assertThat(datasourceUid(panel)).as("%s / %s", title, panel.get("title")).isEqualTo(uid.group(1));
                @SuppressWarnings("unchecked")
                Map<String, Object> grid = (Map<String, Object>) panel.get("gridPos");
                assertThat(grid).containsKeys("x", "y", "w", "h");
                assertThat(((Number) grid.get("x")).intValue() + ((Number) grid.get("w")).intValue()).isLessThanOrEqualTo(24);
                for (Map<String, Object> target : targets(panel)) {
                    assertThat(target).containsKeys("refId", "expr");
                    assertThat(datasourceUid(target)).isEqualTo(uid.group(1));
                }
            }
        }
    }

    @Test
    void everyPanelQueryReturnsDataFromTheLivePrometheus() throws Exception {
        int queries = 0;
        Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
        for (Map<String, Object> dashboard : dashboards()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<String, Object>) dashboard.get("templating")).get("list");
            for (Map<String, Object> variable : variables) {
                Matcher m = labelValues.matcher((String) variable.get("definition"));
                assertThat(m.matches()).as("variable %s is a label_values query", variable.get("name")).isTrue();
                Await.until("values for variable " + variable.get("name"), Duration.ofSeconds(60), () -> Prometheus.query(m.group(1)),
                        result -> !result.isEmpty());
            }
            for (Map<String, Object> panel : panels(dashboard)) {
                for (Map<String, Object> target : targets(panel)) {
                    String promql = substitute((String) target.get("expr"), dashboard);
                    String what = dashboard.get("title") + " / " + panel.get("title") + ": " + promql;
                    Await.until("data for " + what, Duration.ofSeconds(90), () -> Prometheus.query(promql), result -> !result.isEmpty());
                    queries++;
                }
            }
        }
        System.out.println("DashboardsIT: " + queries + " panel queries returned data");
    }

    /** The dashboard's variables set to "All", and Grafana's interval variables as it fills them for a 1 h range. */
    @SuppressWarnings("unchecked")
    private static String substitute(String expr, Map<String, Object> dashboard) {
        String result = expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h");
        List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<String, Object>) dashboard.get("templating")).get("list");
        for (Map<String, Object> variable : variables) {
            assertThat(variable.get("includeAll")).as("variable %s offers All", variable.get("name")).isEqualTo(true);
            String all = (String) variable.get("allValue");
            result = result.replace("${" + variable.get("name") + "}", all).replace("$" + variable.get("name"), all);
        }
        assertThat(result).as("every variable substituted").doesNotContain("$");
        return result;
    }

    private static List<Map<String, Object>> dashboards() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(JsonUtil.parseJson(Files.readString(file)));
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        return (List<Map<String, Object>>) dashboard.get("panels");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(Map<String, Object> panel) {
        return (List<Map<String, Object>>) panel.get("targets");
    }

    @SuppressWarnings("unchecked")
    private static String datasourceUid(Map<String, Object> element) {
        return ((Map<String, Object>) element.get("datasource")).get("uid").toString();
    }
}
