package io.blog.console.health;

import io.blog.console.ConsoleSettings;
import io.blog.console.PlatformApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which version each component runs and since when: the services say so in their liveness data;
 * the rest is asked of Prometheus (MariaDB, Redis through their exporters), of Prometheus and
 * Alertmanager themselves, and of Elasticsearch. Asked once a minute: none of it changes often.
 */
@ApplicationScoped
public class ComponentFacts {

    /** A component's version and when it started; either may be unknown (null). */
    public record Facts(String version, Instant startedAt) {

        public String uptime() {
            return startedAt == null ? "–" : describe(Duration.between(startedAt, Instant.now()));
        }
    }

    private static final Duration REFRESH = Duration.ofMinutes(1);

    @Inject
    PlatformApi api;

    @Inject
    ConsoleSettings settings;

    private final Map<String, Facts> known = new ConcurrentHashMap<>();
    private volatile Instant refreshed = Instant.EPOCH;

    public Optional<Facts> of(String component) {
        return Optional.ofNullable(known.get(component));
    }

    /** What a service instance's liveness check said ("version", "uptimeSeconds"). */
    void fromLiveness(String instance, JsonObject data) {
        known.put(instance, new Facts(data.getString("version", null), data.containsKey("uptimeSeconds")
                ? Instant.now().minusSeconds(data.getJsonNumber("uptimeSeconds").longValue()) : null));
    }

    /** Asks the other components, at most once a minute; a source that does not answer leaves its rows unknown. */
    void refreshIfDue() {
        if (Instant.now().isBefore(refreshed.plus(REFRESH))) {
            return;
        }
        refreshed = Instant.now();
        settings.prometheus().ifPresent(url -> {
            try {
                String version = api.get(URI.create(url + "/api/v1/status/buildinfo"), null).asJsonObject()
                        .getJsonObject("data").getString("version");
                String start = api.get(URI.create(url + "/api/v1/status/runtimeinfo"), null).asJsonObject()
                        .getJsonObject("data").getString("startTime");
                known.put("prometheus", new Facts(version, Instant.parse(start)));
                exporters(url);
            } catch (PlatformApi.Unavailable | RuntimeException e) {
                known.remove("prometheus");
            }
        });
        settings.alertmanager().ifPresent(url -> {
            try {
                JsonObject status = api.get(URI.create(url + "/api/v2/status"), null).asJsonObject();
                known.put("alertmanager", new Facts(status.getJsonObject("versionInfo").getString("version"),
                        Instant.parse(status.getString("uptime"))));
            } catch (PlatformApi.Unavailable | RuntimeException e) {
                known.remove("alertmanager");
            }
        });
        settings.logIndex().ifPresent(url -> {
            try {
                JsonObject nodes = api.get(URI.create(url + "/_nodes/_local/jvm?filter_path=nodes.*.version,nodes.*.jvm.start_time_in_millis"),
                        null).asJsonObject().getJsonObject("nodes");
                JsonObject node = nodes.values().iterator().next().asJsonObject();
                known.put("elasticsearch", new Facts(node.getString("version"),
                        Instant.ofEpochMilli(node.getJsonObject("jvm").getJsonNumber("start_time_in_millis").longValue())));
            } catch (PlatformApi.Unavailable | RuntimeException e) {
                known.remove("elasticsearch");
            }
        });
    }

    /** MariaDB and Redis as their exporters see them (the console has no Redis password). */
    private void exporters(String url) throws PlatformApi.Unavailable {
        Map<String, String> versions = new ConcurrentHashMap<>();
        Map<String, Instant> uptimes = new ConcurrentHashMap<>();
        for (JsonObject sample : query(url, "mysql_version_info")) {
            versions.put("mariadb-" + label(sample, "instance"), label(sample, "version"));
        }
        for (JsonObject sample : query(url, "mysql_global_status_uptime")) {
            uptimes.put("mariadb-" + label(sample, "instance"), Instant.now().minusSeconds((long) value(sample)));
        }
        // The role label names the store (cache, security), whose nodes are one row; its uptime is
        // the youngest node's, the last time any part of the store restarted.
        for (JsonObject sample : query(url, "redis_instance_info")) {
            versions.put(redisStore(label(sample, "role")), label(sample, "redis_version"));
        }
        for (JsonObject sample : query(url, "min by (role) (redis_uptime_in_seconds)")) {
            uptimes.put(redisStore(label(sample, "role")), Instant.now().minusSeconds((long) value(sample)));
        }
        for (String name : new String[] {"mariadb-primary", "mariadb-replica", "redis", "redis-security"}) {
            if (versions.containsKey(name) || uptimes.containsKey(name)) {
                known.put(name, new Facts(versions.get(name), uptimes.get(name)));
            } else {
                known.remove(name);
            }
        }
    }

    private static String redisStore(String role) {
        return "security".equals(role) ? "redis-security" : "redis";
    }

    private List<JsonObject> query(String url, String promql) throws PlatformApi.Unavailable {
        URI uri = URI.create(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return api.get(uri, null).asJsonObject().getJsonObject("data").getJsonArray("result").stream()
                .map(JsonValue::asJsonObject).toList();
    }

    private static String label(JsonObject sample, String name) {
        return sample.getJsonObject("metric").getString(name, "?");
    }

    private static double value(JsonObject sample) {
        return Double.parseDouble(sample.getJsonArray("value").getString(1));
    }

    /** "3 d 4 h", "2 h 5 min", "40 s". */
    static String describe(Duration uptime) {
        long s = uptime.toSeconds();
        if (s >= 86_400) {
            return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s >= 60 ? s / 60 + " min" : s + " s";
    }
}
