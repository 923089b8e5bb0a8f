package io.blog.console.logs;

import io.blog.console.ConsoleSettings;
import io.blog.console.PlatformApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** Searches of the log index (logging/elasticsearch/index-template.json has its fields). */
@ApplicationScoped
public class LogIndex {

    /** One log line as the operator reads it. */
    public record Line(String timestamp, String node, String dataset, String level, String message, String requestId,
                       String traceId) {
    }

    /** Request ids as the gateway accepts them (RequestIds in common): nothing else reaches a query. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    @Inject
    PlatformApi api;

    @Inject
    ConsoleSettings settings;

    /** False where there is no log index (the one-command run). */
    public boolean configured() {
        return settings.logIndex().isPresent();
    }

    public static boolean isRequestId(String candidate) {
        return candidate != null && REQUEST_ID.matcher(candidate).matches();
    }

    /** The newest error lines of the last day, newest first. */
    public List<Line> recentErrors(int size) throws PlatformApi.Unavailable {
        JsonObject query = Json.createObjectBuilder()
                .add("bool", Json.createObjectBuilder()
                        .add("filter", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("term", Json.createObjectBuilder().add("log.level", "error")))
                                .add(Json.createObjectBuilder().add("range", Json.createObjectBuilder()
                                        .add("@timestamp", Json.createObjectBuilder().add("gte", "now-24h"))))))
                .build();
        return search(query, size, "desc");
    }

    /** Every line of one request, in the order they were written. */
    public List<Line> trail(String requestId) throws PlatformApi.Unavailable {
        if (!isRequestId(requestId)) {
            throw new IllegalArgumentException("not a request id: " + requestId);
        }
        JsonObject query = Json.createObjectBuilder()
                .add("term", Json.createObjectBuilder().add("http.request.id", requestId)).build();
        return search(query, 500, "asc");
    }

    private List<Line> search(JsonObject query, int size, String order) throws PlatformApi.Unavailable {
        JsonObject body = Json.createObjectBuilder().add("query", query).add("size", size)
                .add("sort", Json.createArrayBuilder().add(Json.createObjectBuilder().add("@timestamp", order)))
                .build();
        JsonObject answer = api.post(URI.create(settings.logIndex().orElseThrow() + "/blog-logs/_search"), body).asJsonObject();
        return answer.getJsonObject("hits").getJsonArray("hits").stream().map(JsonValue::asJsonObject)
                .map(hit -> hit.getJsonObject("_source")).map(LogIndex::line).toList();
    }

    private static Line line(JsonObject source) {
        return new Line(text(source, "@timestamp"), text(source, "service.node.name"), text(source, "event.dataset"),
                text(source, "log.level"), text(source, "message"), text(source, "http.request.id"), text(source, "trace.id"));
    }

    /** The shipper writes dotted names ("log.level") as keys of the document's top level. */
    private static String text(JsonObject source, String field) {
        JsonValue value = source.get(field);
        if (value == null) {
            return "";
        }
        return value.getValueType() == JsonValue.ValueType.STRING ? source.getString(field) : value.toString();
    }
}
