package io.blog.console.replication;

import io.blog.console.ConsoleSettings;
import io.blog.console.PlatformApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica's lag over the last day, from Prometheus (the mysqld exporter of the replica): the
 * console itself keeps only an hour, and loses it when it restarts.
 */
@ApplicationScoped
public class LagHistory {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration STEP = Duration.ofMinutes(5);

    @Inject
    PlatformApi api;

    @Inject
    ConsoleSettings settings;

    /** One value per 5 minutes, oldest first; null where Prometheus has no value. */
    public List<Long> lastDay() throws PlatformApi.Unavailable {
        String base = settings.prometheus().orElseThrow(() -> new PlatformApi.Unavailable("no Prometheus in this run"));
        Instant end = Instant.now();
        Instant start = end.minus(DAY);
        String query = URLEncoder.encode("max(mysql_slave_status_seconds_behind_master{job=\"mysqld\", role=\"replica\"})", StandardCharsets.UTF_8);
        JsonObject answer = api.get(URI.create(base + "/api/v1/query_range?query=" + query + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=" + STEP.toSeconds()), null).asJsonObject();
        JsonArray result = answer.getJsonObject("data").getJsonArray("result");
        List<Long> values = new ArrayList<>();
        for (long t = start.getEpochSecond(); t <= end.getEpochSecond(); t += STEP.toSeconds()) {
            values.add(null);
        }
        if (!result.isEmpty()) {
            for (JsonValue point : result.getJsonObject(0).getJsonArray("values")) {
                JsonArray pair = point.asJsonArray();
                long at = pair.getJsonNumber(0).longValue();
                int slot = (int) ((at - start.getEpochSecond()) / STEP.toSeconds());
                if (slot >= 0 && slot < values.size()) {
                    values.set(slot, Math.round(Double.parseDouble(pair.getString(1))));
                }
            }
        }
        return values;
    }
}
