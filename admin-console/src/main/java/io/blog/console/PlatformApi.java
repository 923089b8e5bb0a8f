package io.blog.console;

import io.blog.console.auth.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to the platform's public interfaces (user-war's admin API through the gateway with
 * the operator's token; Prometheus and Alertmanager APIs). Problems become {@link Unavailable}
 * with a message for the operator: a view that cannot reach a source says so and stays usable.
 */
@ApplicationScoped
public class PlatformApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** A source that did not answer as hoped; the message says which and why. */
    public static class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    @Inject
    ConsoleSettings settings;

    public JsonStructure get(URI url, Operator operator) throws Unavailable {
        return send(request(url, operator).GET(), url);
    }

    public JsonStructure put(URI url, Operator operator, JsonObject body) throws Unavailable {
        return send(request(url, operator).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), url);
    }

    public JsonStructure post(URI url, JsonObject body) throws Unavailable {
        return send(request(url, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), url);
    }

    /** A path of the platform's API through the gateway. */
    public URI api(String pathAndQuery) {
        return settings.gateway().resolve(pathAndQuery);
    }

    private static HttpRequest.Builder request(URI url, Operator operator) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        if (operator != null) {
            builder.header("Authorization", "Bearer " + operator.accessToken());
        }
        return builder;
    }

    private static JsonStructure send(HttpRequest.Builder request, URI url) throws Unavailable {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new Unavailable(url.getPath() + " answered " + response.statusCode() + detail(response.body()));
            }
            return Json.createReader(new StringReader(response.body())).read();
        } catch (IOException e) {
            throw new Unavailable(url.getHost() + ":" + url.getPort() + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    /** The problem+json detail of an error answer, if it has one. */
    private static String detail(String body) {
        try {
            JsonObject problem = Json.createReader(new StringReader(body)).readObject();
            return problem.containsKey("detail") ? ": " + problem.getString("detail") : "";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
