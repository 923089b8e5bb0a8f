package io.blog.frontend.devrun;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few calls the sample loader makes against the platform's public API, as JSON. */
class ApiClient {

    record Reply(int status, String body) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                JsonStructure value = reader.read();
                return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
            }
        }

        Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return this;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    Reply send(String method, String path, String token, JsonObject body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
