package io.blog.console.health;

import io.blog.console.ConsoleSettings;
import io.blog.console.Sampler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Samples every component every refresh interval ({@link Sampler}: an hour kept, the open views
 * told). One monitor for all operators: ten open consoles do not mean ten times the probes.
 */
@ApplicationScoped
public class HealthMonitor {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration HISTORY = Duration.ofHours(1);

    @Inject
    ConsoleSettings settings;

    @Inject
    ComponentFacts facts;

    private final Sampler<List<ComponentHealth>> sampler = new Sampler<>("console-health-monitor", this::sample, HISTORY);

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sampler.start(settings.refresh());
    }

    @PreDestroy
    void stop() {
        sampler.close();
    }

    public List<ComponentHealth> latest() {
        return sampler.latest().orElse(List.of());
    }

    /** The states of one component over the last hour, oldest first. */
    public List<ComponentHealth> history(String name) {
        return sampler.history().stream().flatMap(reading -> reading.value().stream())
                .filter(health -> health.name().equals(name)).toList();
    }

    public Runnable subscribe(Consumer<List<ComponentHealth>> listener) {
        return sampler.subscribe(listener);
    }

    private List<ComponentHealth> sample() {
        facts.refreshIfDue();
        List<ComponentHealth> now = new ArrayList<>();
        Map<String, List<Boolean>> seen = new LinkedHashMap<>();
        for (ConsoleSettings.Instance instance : settings.instances()) {
            now.add(service(instance, seen));
        }
        // The data stores as the services see them (their readiness checks' data).
        dependency(now, seen, "mariadb-primary", "database");
        dependency(now, seen, "mariadb-replica", "database");
        dependency(now, seen, "redis", "cache");
        dependency(now, seen, "redis-security", "security state");
        dependency(now, seen, "elasticsearch", "search");
        now.add(plain("gateway", "gateway", settings.gateway().resolve("/api/users/jwks")));
        now.add(settings.prometheus().map(url -> plain("prometheus", "monitoring", URI.create(url + "/-/ready")))
                .orElse(absent("prometheus", "monitoring")));
        now.add(settings.alertmanager().map(url -> plain("alertmanager", "monitoring", URI.create(url + "/-/ready")))
                .orElse(absent("alertmanager", "monitoring")));
        return List.copyOf(now);
    }

    /** MicroProfile Health of one instance: UP/DOWN and each check with its data. */
    private ComponentHealth service(ConsoleSettings.Instance instance, Map<String, List<Boolean>> seen) {
        Instant at = Instant.now();
        try {
            HttpResponse<String> response = get(instance.url().resolve("/health"));
            JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
            health.getJsonArray("checks").stream().map(JsonValue::asJsonObject).filter(c -> c.containsKey("data"))
                    .forEach(c -> note(seen, c.getString("name"), c.getJsonObject("data")));
            health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(c -> "memory".equals(c.getString("name")) && c.containsKey("data"))
                    .forEach(c -> facts.fromLiveness(instance.name(), c.getJsonObject("data")));
            String checks = health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .map(c -> c.getString("name") + " " + c.getString("status") + data(c))
                    .collect(Collectors.joining("; "));
            boolean up = "UP".equals(health.getString("status"));
            return new ComponentHealth(instance.name(), instance.service(), up, health.getString("status"), checks, at);
        } catch (Exception e) {
            return new ComponentHealth(instance.name(), instance.service(), false, "NO ANSWER", describe(e), at);
        }
    }

    /** What one instance says of the stores it uses: up (true) or not, per store. */
    private static void note(Map<String, List<Boolean>> seen, String check, JsonObject data) {
        switch (check) {
            case "database" -> {
                seen.computeIfAbsent("mariadb-primary", k -> new ArrayList<>()).add("up".equals(data.getString("primary", "")));
                if (data.containsKey("replica")) {
                    seen.computeIfAbsent("mariadb-replica", k -> new ArrayList<>()).add("up".equals(data.getString("replica", "")));
                }
            }
            case "redis" -> {
                seen.computeIfAbsent("redis", k -> new ArrayList<>()).add(data.getBoolean("available", false));
                // A store of its own only where one is configured (not in the one-command run).
                if (data.containsKey("securityStore") && !data.getString("securityStore").equals(data.getString("store", ""))) {
                    seen.computeIfAbsent("redis-security", k -> new ArrayList<>()).add(data.getBoolean("securityAvailable", false));
                }
            }
            case "search" -> seen.computeIfAbsent("elasticsearch", k -> new ArrayList<>()).add("up".equals(data.getString("elasticsearch", "")));
            default -> {
            }
        }
    }

    private static void dependency(List<ComponentHealth> rows, Map<String, List<Boolean>> seen, String name, String kind) {
        List<Boolean> views = seen.get(name);
        if (views == null || views.isEmpty()) {
            return;
        }
        long up = views.stream().filter(b -> b).count();
        boolean healthy = up == views.size();
        rows.add(new ComponentHealth(name, kind, healthy, healthy ? "UP" : up == 0 ? "DOWN" : "PARTLY",
                "reachable from " + up + " of " + views.size() + " instances that use it", Instant.now()));
    }

    private static String data(JsonObject check) {
        if (!check.containsKey("data")) {
            return "";
        }
        return " " + check.getJsonObject("data").entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().toString().replace("\"", ""))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private ComponentHealth plain(String name, String kind, URI url) {
        Instant at = Instant.now();
        try {
            HttpResponse<String> response = get(url);
            boolean up = response.statusCode() == 200;
            return new ComponentHealth(name, kind, up, up ? "UP" : "HTTP " + response.statusCode(), url.toString(), at);
        } catch (Exception e) {
            return new ComponentHealth(name, kind, false, "NO ANSWER", url + ": " + describe(e), at);
        }
    }

    private static ComponentHealth absent(String name, String kind) {
        return new ComponentHealth(name, kind, true, "NOT IN THIS RUN", "the one-command run has no " + name, Instant.now());
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
