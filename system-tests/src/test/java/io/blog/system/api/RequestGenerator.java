package io.blog.system.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests generated from an OpenAPI operation: path and query parameters and JSON bodies built from
 * the document's schemas, mostly well-formed, often wrong in one place (a missing or null field, a
 * field of the wrong type, a value past its bounds), and sometimes not JSON at all; values that name
 * existing data (slugs, usernames, comment ids) are mixed with hostile text. Seeded, so a failing
 * request is reproduced by its seed.
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
    private static final List<String> BROKEN_BODIES = List.of("{", "[]", "null", "\"text\"", "{\"a\":", "{}",
            "{\"title\":{\"$gt\":\"\"}}", "\uFEFF{}", "[".repeat(2000) + "]".repeat(2000), "{\"body\":\"" + "x".repeat(300_000) + "\"}");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/json; charset=iso-8859-1", "x/y;;;");
    private static final List<String> ODD_QUERIES = List.of("=&&=", "limit=1&limit=2", "&");
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ .";

    /** Values that name existing data, by the parameter names the documents use. */
    private final Map<String, List<String>> known;
    private final List<String> allKnown;
    private final SplittableRandom random;

    RequestGenerator(Map<String, List<String>> known, long seed) {
        this.known = known;
        this.allKnown = known.values().stream().flatMap(List::stream).distinct().toList();
        this.random = new SplittableRandom(seed);
    }

    Generated next(List<OpenApiDocuments.ApiOperation> operations) {
        OpenApiDocuments.ApiOperation op = operations.get(random.nextInt(operations.size()));
        List<Parameter> parameters = new ArrayList<>(Objects.requireNonNullElse(op.spec().getParameters(), List.of()));
        parameters.addAll(Objects.requireNonNullElse(op.item().getParameters(), List.of()));

        StringBuilder path = new StringBuilder();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(op.path());
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(encode(parameterValue(m.group(1), schemaOf(parameters, m.group(1))))));
        }
        m.appendTail(path);

        List<String> query = new ArrayList<>();
        for (Parameter p : parameters) {
            if ("query".equals(p.getIn()) && chance(5, 7)) {
                query.add(encode(p.getName()) + "=" + encode(parameterValue(p.getName(), p.getSchema())));
            }
        }
        // Now and then a parameter no operation knows, or an odd query. (Malformed escapes such as
        // %zz cannot be sent with java.net.URI; GatewayIT sends them over a raw socket.)
        if (chance(1, 10)) {
            query.add("unknown=" + encode(text()));
        } else if (chance(1, 9)) {
            query.add(pick(ODD_QUERIES));
        }
        String fullPath = path + (query.isEmpty() ? "" : "?" + String.join("&", query));

        Optional<Schema<?>> schema = Optional.ofNullable(op.spec().getRequestBody())
                .map(b -> b.getContent())
                .flatMap(c -> c.values().stream().map(MediaType::getSchema).filter(Objects::nonNull).findFirst())
                .map(s -> (Schema<?>) s);
        String contentType = chance(16, 20) ? "application/json" : pick(CONTENT_TYPES);
        if (schema.isEmpty()) {
            return chance(9, 10) ? new Generated(op.method(), fullPath, null, null)
                    : new Generated(op.method(), fullPath, contentType, broken());
        }
        int roll = random.nextInt(10);
        String body = roll < 7 ? json(schema.get(), 0) : roll < 9 ? broken() : "";
        return new Generated(op.method(), fullPath, contentType, body);
    }

    private String parameterValue(String name, Schema<?> schema) {
        List<String> existing = known.getOrDefault(name, List.of());
        Supplier<String> typed = "integer".equals(type(schema)) ? this::integer : this::text;
        int roll = random.nextInt(existing.isEmpty() ? 5 : 10);
        if (!existing.isEmpty() && roll >= 5) {
            return pick(existing);
        }
        return roll < 3 ? typed.get() : pick(HOSTILE);
    }

    private String json(Schema<?> schema, int depth) {
        // One field in ten is null or of another type than the schema says.
        int roll = random.nextInt(20);
        if (roll == 0) {
            return "null";
        }
        if (roll == 1) {
            return pick(List.of("0", "\"\"", "[]", "{}", "true", "-1"));
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return chance(8, 10) ? quote(String.valueOf(pick(schema.getEnum()))) : quote(text());
        }
        String type = Objects.requireNonNullElse(type(schema), "object");
        return switch (type) {
            case "object" -> depth > 3 ? "{}" : object(schema, depth);
            case "array" -> {
                if (depth > 3) {
                    yield "[]";
                }
                Schema<?> items = schema.getItems() == null ? new Schema<>().type("string") : schema.getItems();
                List<String> values = new ArrayList<>();
                for (int i = random.nextInt(13); i > 0; i--) {
                    values.add(json(items, depth + 1));
                }
                yield "[" + String.join(",", values) + "]";
            }
            case "integer" -> integer();
            case "number" -> pick(List.of("0", "-1", "1.5", "1e308", "-1e308", "12345678901234567890"));
            case "boolean" -> pick(List.of("true", "false"));
            default -> quote("date-time".equals(schema.getFormat())
                    ? pick(List.of("2026-01-01T00:00:00Z", "2999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "not a date", "2026-13-45T99:99:99Z"))
                    : switch (random.nextInt(10)) {
                        case 0, 1 -> pick(HOSTILE);
                        case 2, 3 -> allKnown.isEmpty() ? text() : pick(allKnown);
                        default -> text();
                    });
        };
    }

    private String object(Schema<?> schema, int depth) {
        Map<String, Schema> properties = Objects.requireNonNullElse(schema.getProperties(), Map.of());
        Set<String> required = schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, Schema> property : properties.entrySet()) {
            // Required fields are mostly there, the others mostly left out: both ways are tried.
            if (chance(required.contains(property.getKey()) ? 9 : 5, 10)) {
                fields.add(quote(property.getKey()) + ":" + json(property.getValue(), depth + 1));
            }
        }
        return "{" + String.join(",", fields) + "}";
    }

    private String broken() {
        return chance(1, 2) ? pick(BROKEN_BODIES) : text();
    }

    /** Plain words, any Unicode (control characters and lone surrogates included), or a long ASCII run. */
    private String text() {
        int kind = random.nextInt(3);
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case 0 -> random.ints(random.nextInt(41), 0, PLAIN.length()).forEach(i -> s.append(PLAIN.charAt(i)));
            case 1 -> random.ints(random.nextInt(61), 0, 0x10000).forEach(c -> s.append((char) c));
            default -> random.ints(190 + random.nextInt(71), 0x20, 0x7f).forEach(c -> s.append((char) c));
        }
        return s.toString();
    }

    private String integer() {
        return chance(1, 2) ? String.valueOf(random.nextInt(-3, 121))
                : pick(List.of("2147483648", "-2147483649", "9223372036854775808", "1.5", "1e3", "0x10", "abc"));
    }

    private boolean chance(int in, int outOf) {
        return random.nextInt(outOf) < in;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Schema<?> schemaOf(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> name.equals(p.getName())).map(Parameter::getSchema).findFirst().orElse(null);
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
