package io.blog.system.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Requests generated from an OpenAPI operation: path and query parameters and JSON bodies built from
 * the document's schemas, mostly well-formed, often wrong in one place (a missing or null field, a
 * field of the wrong type, a value past its bounds), and sometimes not JSON at all; values that name
 * existing data (slugs, usernames, comment ids) are mixed with hostile text.
 */
final class RequestGenerator {

    /** A generated request, before a target and a token are chosen for it. */
    record Generated(String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body);
            return method + " " + path + (contentType == null ? "" : " [" + contentType + "]") + shown;
        }
    }

    private static final List<String> HOSTILE = List.of("", " ", "..", ".", "%", "%00", "\u0000", "null", "undefined", "-1", "0",
            "99999999999999999999", "1e309", "NaN", "true", "[]", "{}", "' OR '1'='1", "\"; DROP TABLE articles; --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "a/b", "a;b", "a?b", "a#b",
            "\u202e\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uD800", "x".repeat(5000));

    /** Values that name existing data, by the parameter names the documents use. */
    private final Map<String, List<String>> known;

    RequestGenerator(Map<String, List<String>> known) {
        this.known = known;
    }

    Arbitrary<Generated> requests(List<OpenApiDocuments.ApiOperation> operations) {
        return Arbitraries.of(operations).flatMap(this::request);
    }

    private Arbitrary<Generated> request(OpenApiDocuments.ApiOperation op) {
        List<Parameter> parameters = op.spec().getParameters() == null ? List.of() : op.spec().getParameters();
        if (op.item().getParameters() != null) {
            parameters = new ArrayList<>(parameters);
            parameters.addAll(op.item().getParameters());
        }
        List<Arbitrary<String>> pathValues = new ArrayList<>();
        for (String name : OpenApiDocuments.pathParameters(op.path())) {
            pathValues.add(parameterValue(name, schemaOf(parameters, name)).map(RequestGenerator::encode));
        }
        Arbitrary<String> path = Combinators.combine(pathValues.isEmpty() ? List.of(Arbitraries.just("")) : pathValues)
                .as(values -> fillTemplate(op.path(), pathValues.isEmpty() ? List.of() : values));
        Arbitrary<String> query = query(parameters.stream().filter(p -> "query".equals(p.getIn())).toList());
        Arbitrary<Tuple.Tuple2<String, String>> body = body(op.spec());
        return Combinators.combine(path, query, body)
                .as((p, q, b) -> new Generated(op.method(), p + q, b.get1(), b.get2()));
    }

    private static Schema<?> schemaOf(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> name.equals(p.getName())).map(Parameter::getSchema).findFirst().orElse(null);
    }

    private static String fillTemplate(String template, List<String> values) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\w+}").matcher(template);
        int i = 0;
        while (m.find()) {
            m.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(values.get(i++)));
        }
        return m.appendTail(path).toString();
    }

    private Arbitrary<String> parameterValue(String name, Schema<?> schema) {
        List<String> existing = known.getOrDefault(name, List.of());
        Arbitrary<String> typed = "integer".equals(type(schema)) ? integers() : strings();
        if (existing.isEmpty()) {
            return Arbitraries.frequencyOf(Tuple.of(3, typed), Tuple.of(2, Arbitraries.of(HOSTILE)));
        }
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(existing)), Tuple.of(3, typed), Tuple.of(2, Arbitraries.of(HOSTILE)));
    }

    private Arbitrary<String> query(List<Parameter> parameters) {
        List<Arbitrary<String>> pairs = new ArrayList<>();
        for (Parameter p : parameters) {
            Arbitrary<String> value = parameterValue(p.getName(), p.getSchema());
            pairs.add(Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("")),
                    Tuple.of(5, value.map(v -> encode(p.getName()) + "=" + encode(v)))));
        }
        // Now and then a parameter no operation knows, or an odd query. (Malformed escapes such as
        // %zz cannot be sent with java.net.URI; GatewayIT sends them over a raw socket.)
        pairs.add(Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, strings().map(v -> "unknown=" + encode(v))), Tuple.of(1, Arbitraries.of("=&&=", "limit=1&limit=2", "&"))));
        return Combinators.combine(pairs).as(values -> {
            String joined = values.stream().filter(v -> !v.isEmpty()).collect(Collectors.joining("&"));
            return joined.isEmpty() ? "" : "?" + joined;
        });
    }

    /** The content type and the body: from the schema (mostly), or something that is not what it says. */
    private Arbitrary<Tuple.Tuple2<String, String>> body(Operation operation) {
        Optional<Schema<?>> schema = Optional.ofNullable(operation.getRequestBody())
                .map(b -> b.getContent())
                .flatMap(c -> c.values().stream().map(MediaType::getSchema).filter(s -> s != null).findFirst())
                .map(s -> (Schema<?>) s);
        Arbitrary<String> broken = Arbitraries.oneOf(
                Arbitraries.of("{", "[]", "null", "\"text\"", "{\"a\":", "{}", "{\"title\":{\"$gt\":\"\"}}", "\uFEFF{}",
                        "[".repeat(2000) + "]".repeat(2000), "{\"body\":\"" + "x".repeat(300_000) + "\"}"),
                strings());
        Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(16, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.just("text/plain")), Tuple.of(1, Arbitraries.just("application/xml")),
                Tuple.of(1, Arbitraries.just("application/json; charset=iso-8859-1")), Tuple.of(1, Arbitraries.just("x/y;;;")));
        if (schema.isEmpty()) {
            return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(Tuple.of((String) null, (String) null))),
                    Tuple.of(1, Combinators.combine(contentType, broken).as(Tuple::of)));
        }
        Arbitrary<String> json = Arbitraries.frequencyOf(Tuple.of(7, jsonFrom(schema.get(), 0)), Tuple.of(2, broken),
                Tuple.of(1, Arbitraries.just("")));
        return Combinators.combine(contentType, json).as(Tuple::of);
    }

    private Arbitrary<String> jsonFrom(Schema<?> schema, int depth) {
        String type = type(schema);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            List<String> values = schema.getEnum().stream().map(v -> quote(String.valueOf(v))).toList();
            return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(values)), Tuple.of(2, strings().map(RequestGenerator::quote)));
        }
        Arbitrary<String> value = switch (type == null ? "object" : type) {
            case "object" -> depth > 3 ? Arbitraries.just("{}") : object(schema, depth);
            case "array" -> depth > 3 ? Arbitraries.just("[]")
                    : jsonFrom(schema.getItems() == null ? new Schema<>().type("string") : schema.getItems(), depth + 1)
                    .list().ofMaxSize(12).map(items -> "[" + String.join(",", items) + "]");
            case "integer" -> integers();
            case "number" -> Arbitraries.of("0", "-1", "1.5", "1e308", "-1e308", "12345678901234567890");
            case "boolean" -> Arbitraries.of("true", "false");
            default -> "date-time".equals(schema.getFormat())
                    ? Arbitraries.of("2026-01-01T00:00:00Z", "2999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "not a date", "2026-13-45T99:99:99Z")
                    .map(RequestGenerator::quote)
                    : Arbitraries.frequencyOf(Tuple.of(6, strings()), Tuple.of(2, Arbitraries.of(HOSTILE)),
                            Tuple.of(2, knownText())).map(RequestGenerator::quote);
        };
        // One field in ten is null or of another type than the schema says.
        return Arbitraries.frequencyOf(Tuple.of(18, value), Tuple.of(1, Arbitraries.just("null")),
                Tuple.of(1, Arbitraries.of("0", "\"\"", "[]", "{}", "true", "-1")));
    }

    private Arbitrary<String> object(Schema<?> schema, int depth) {
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        Set<String> required = schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
        List<Arbitrary<String>> fields = new ArrayList<>();
        for (Map.Entry<String, Schema> property : new LinkedHashMap<>(properties).entrySet()) {
            Arbitrary<String> field = jsonFrom(property.getValue(), depth + 1).map(v -> quote(property.getKey()) + ":" + v);
            // Required fields are mostly there, the others mostly left out: both ways are tried.
            int present = required.contains(property.getKey()) ? 9 : 5;
            fields.add(Arbitraries.frequencyOf(Tuple.of(present, field), Tuple.of(10 - present, Arbitraries.just(""))));
        }
        if (fields.isEmpty()) {
            return Arbitraries.just("{}");
        }
        return Combinators.combine(fields).as(values -> "{" + values.stream().filter(v -> !v.isEmpty())
                .collect(Collectors.joining(",")) + "}");
    }

    private Arbitrary<String> knownText() {
        List<String> all = known.values().stream().flatMap(List::stream).distinct().toList();
        return all.isEmpty() ? strings() : Arbitraries.of(all);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars("-_ .").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().ascii().ofMinLength(190).ofMaxLength(260));
    }

    private static Arbitrary<String> integers() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-3, 120).map(String::valueOf),
                Arbitraries.of("2147483648", "-2147483649", "9223372036854775808", "1.5", "1e3", "0x10", "abc"));
    }

    /** The schema's type, for documents of OpenAPI 3.0 (type) and 3.1 (types). */
    private static String type(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null ? null : schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
