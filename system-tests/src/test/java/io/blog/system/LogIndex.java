package io.blog.system;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology's log index in Elasticsearch (alias blog-logs, filled by the log shipper) and the
 * files it is filled from.
 */
final class LogIndex {

    static final String ALIAS = "blog-logs";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LogIndex() {
    }

    static String url(String path) {
        return "http://127.0.0.1:" + Topology.ports("es").getFirst() + path;
    }

    /** Documents matching a Lucene query (as Kibana and Elasticsearch's query_string read it). */
    static long count(String luceneQuery) {
        Map<String, Object> reply = post("/" + ALIAS + "/_count", Map.of("query", queryString(luceneQuery)));
        return ((Number) reply.get("count")).longValue();
    }

    /**
     * Documents matching a Lucene query in one index; none when the index does not exist, or was
     * created a moment ago and its shard is not yet allocated (a 503 from Elasticsearch).
     */
    static long countIn(String index, String luceneQuery) {
        try {
            Map<String, Object> reply = post("/" + index + "/_count?ignore_unavailable=true", Map.of("query", queryString(luceneQuery)));
            return ((Number) reply.get("count")).longValue();
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains("no_shard_available_action_exception")) {
                return 0;
            }
            throw e;
        }
    }

    /** The _source of up to {@code size} documents matching a Lucene query, oldest first. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> search(String luceneQuery, int size) {
        Map<String, Object> reply = post("/" + ALIAS + "/_search", Map.of("query", queryString(luceneQuery), "size", size,
                "sort", List.of(Map.of("@timestamp", "asc"))));
        List<Map<String, Object>> hits = (List<Map<String, Object>>) ((Map<String, Object>) reply.get("hits")).get("hits");
        return hits.stream().map(h -> (Map<String, Object>) h.get("_source")).toList();
    }

    /** Every field the index maps, as dotted names (e.g. http.request.id). */
    @SuppressWarnings("unchecked")
    static TreeSet<String> mappedFields() {
        Map<String, Object> reply = get("/" + ALIAS + "/_mapping");
        TreeSet<String> fields = new TreeSet<>();
        for (Object index : reply.values()) {
            Map<String, Object> mappings = (Map<String, Object>) ((Map<String, Object>) index).get("mappings");
            collect("", (Map<String, Object>) mappings.get("properties"), fields);
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> properties, TreeSet<String> into) {
        properties.forEach((name, definition) -> {
            Map<String, Object> field = (Map<String, Object>) definition;
            if (field.get("properties") instanceof Map<?, ?> children) {
                collect(prefix + name + ".", (Map<String, Object>) children, into);
            } else {
                into.add(prefix + name);
            }
        });
    }

    /**
     * How many lines of the topology's log files carry this request id: the gateway's access log,
     * every Liberty server's access log (the id is its second field) and messages (ext_requestId).
     */
    static long linesInFiles(String requestId) {
        Path dir = Topology.dir();
        long gateway = countLines(dir.resolve("gateway/logs/access.json"), "\"requestId\":\"" + requestId + "\"");
        long liberty = 0;
        try (Stream<Path> servers = Files.list(dir.resolve("wlp/usr/servers"))) {
            for (Path server : servers.toList()) {
                liberty += countLines(server.resolve("logs/http_access.log"), " " + requestId + " ");
                liberty += countLines(server.resolve("logs/messages.log"), "\"ext_requestId\":\"" + requestId + "\"");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gateway + liberty;
    }

    private static long countLines(Path file, String needle) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.contains(needle)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> queryString(String luceneQuery) {
        return Map.of("query_string", Map.of("query", luceneQuery, "default_field", "message"));
    }

    /** A plain-text answer (the _cat APIs). */
    static String getText(String path) {
        return body(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    static Map<String, Object> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    static Map<String, Object> post(String path, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(body))));
    }

    static Map<String, Object> put(String path, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(body))));
    }

    private static Map<String, Object> send(HttpRequest.Builder request) {
        try {
            return JsonUtil.parseJson(body(request));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a 200 answer; any other status fails the test with what Elasticsearch said. */
    private static String body(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Elasticsearch answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates an empty index (the retention drill's old and new ones); one already there is fine. */
    static void createIndex(String index) {
        HttpResponse<String> reply = raw("PUT", "/" + index);
        assertThat(reply.statusCode() == 200 || reply.body().contains("resource_already_exists_exception"))
                .as("PUT /%s: %s %s", index, reply.statusCode(), reply.body()).isTrue();
    }

    static boolean indexExists(String index) {
        return raw("HEAD", "/" + index).statusCode() == 200;
    }

    /** The daily log indices that exist now. */
    static Set<String> logIndices() {
        HttpResponse<String> reply = raw("GET", "/_cat/indices/blog-logs-*?h=index");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return new TreeSet<>(reply.body().lines().map(String::trim).filter(l -> !l.isEmpty()).toList());
    }

    /** The indices behind the articles' alias (posts-<timestamp>). */
    static Set<String> articleIndices() {
        HttpResponse<String> reply = raw("GET", "/_alias/posts");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        try {
            return new TreeSet<>(JsonUtil.parseJson(reply.body()).keySet());
        } catch (JoseException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
    }

    /** Any request, its status left to the caller (HEAD, or DELETE of what may be gone already). */
    static HttpResponse<String> raw(String method, String path) {
        URI uri = URI.create(url(path));
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The lines of a Kibana NDJSON export, each parsed. */
    static List<Map<String, Object>> ndjson(Path file) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    objects.add(JsonUtil.parseJson(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(file + " is not NDJSON", e);
        }
        return objects;
    }
}
