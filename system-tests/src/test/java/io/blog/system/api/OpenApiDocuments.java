package io.blog.system.api;

import io.blog.system.Topology;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI document of each service, as its first instance publishes it. The gateway does not
 * publish them (GatewayIT), so they are read from the instances' own ports.
 */
public final class OpenApiDocuments {

    /** The services in the order the gateway routes them, with their public path prefixes. */
    public static final List<String> SERVICES = List.of("users", "posts", "comments");

    /** One operation: the method and the public path template, e.g. {@code PUT /api/posts/{slug}}. */
    public record ApiOperation(String service, String method, String path, Operation spec, PathItem item, OpenAPI document) {
        public String key() {
            return method + " " + path;
        }
    }

    private OpenApiDocuments() {
    }

    public static OpenAPI document(String service) {
        String json = fetch("http://127.0.0.1:" + Topology.ports(service).getFirst() + "/openapi?format=JSON");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        if (result.getOpenAPI() == null) {
            throw new AssertionError(service + "'s OpenAPI document does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /** Every operation of every service, keyed "METHOD /api/..." in document order. */
    public static Map<String, ApiOperation> operations() {
        Map<String, ApiOperation> all = new LinkedHashMap<>();
        for (String service : SERVICES) {
            OpenAPI document = document(service);
            for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
                String publicPath = publicPath(service, path.getKey());
                for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                    ApiOperation op = new ApiOperation(service, operation.getKey().name(), publicPath,
                            operation.getValue(), path.getValue(), document);
                    all.put(op.key(), op);
                }
            }
        }
        return all;
    }

    /** The documents list paths under the WAR's context root, which is the public prefix. */
    static String publicPath(String service, String documentPath) {
        String prefix = "/api/" + service;
        String path = documentPath.startsWith(prefix + "/") || documentPath.equals(prefix)
                ? documentPath : prefix + (documentPath.equals("/") ? "" : documentPath);
        // A JAX-RS template's regular expression ({slug: [^/.]+}) is no part of the parameter's name.
        return path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
    }

    private static String fetch(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The names of an operation's path parameters, in template order. */
    public static List<String> pathParameters(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
