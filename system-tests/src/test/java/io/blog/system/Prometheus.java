package io.blog.system;

import org.jose4j.json.JsonUtil;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology's Prometheus, asked over its HTTP API. */
public final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String URL = "http://127.0.0.1:" + Topology.env("BLOG_PROMETHEUS_PORT");

    private Prometheus() {
    }

    /** The result of an instant query: one map per series, with "metric" (its labels) and "value". */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> query(String promql) {
        Map<String, Object> data = (Map<String, Object>) get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("data");
        return (List<Map<String, Object>>) data.get("result");
    }

    /** The parsed answer of an API path (e.g. {@code /api/v1/targets}), which must be 200. */
    public static Map<String, Object> get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(URL + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JsonUtil.parseJson(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Prometheus " + path + ": " + e.getMessage(), e);
        }
    }
}
