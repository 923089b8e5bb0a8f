package io.blog.console.auth;

import io.blog.console.ConsoleSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Sign-in, refresh and sign-out through user-war's public API (via the gateway), and verification
 * of each access token against user-war's JWKS with the issuer and audience every service checks.
 */
@ApplicationScoped
public class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    ConsoleSettings settings;

    @Inject
    @ConfigProperty(name = "blog.jwt.issuer", defaultValue = "blog-users")
    String issuer;

    @Inject
    @ConfigProperty(name = "blog.jwt.audience", defaultValue = "blog")
    String audience;

    private JwtConsumer consumer;

    @PostConstruct
    void keys() {
        HttpsJwks jwks = new HttpsJwks(settings.gateway().resolve("/api/users/jwks").toString());
        consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .build();
    }

    public Operator signIn(String login, String password) throws SignInRefused {
        JsonObject body = Json.createObjectBuilder().add("login", login).add("password", password).build();
        return operator(post("/api/users/login", body, "Sign-in"));
    }

    public Operator refresh(Operator operator) throws SignInRefused {
        JsonObject body = Json.createObjectBuilder().add("refreshToken", operator.refreshToken()).build();
        return operator(post("/api/users/refresh", body, "Refreshing the session"));
    }

    public void signOut(Operator operator) {
        HttpRequest request = HttpRequest.newBuilder(settings.gateway().resolve("/api/users/logout"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operator.accessToken())
                .POST(HttpRequest.BodyPublishers.ofString(
                        Json.createObjectBuilder().add("refreshToken", operator.refreshToken()).build().toString()))
                .build();
        try {
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The session ends in the console anyway; the token expires by itself.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonObject post(String path, JsonObject body, String what) throws SignInRefused {
        HttpRequest request = HttpRequest.newBuilder(settings.gateway().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SignInRefused(what + " failed: the platform does not answer (" + settings.gateway() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInRefused(what + " was interrupted.");
        }
        return switch (response.statusCode()) {
            case 200 -> Json.createReader(new StringReader(response.body())).readObject();
            case 401 -> throw new SignInRefused("Unknown account or wrong password.");
            case 429 -> throw new SignInRefused("Too many attempts; try again in a minute.");
            default -> throw new SignInRefused(what + " failed (HTTP " + response.statusCode() + ").");
        };
    }

    private Operator operator(JsonObject pair) throws SignInRefused {
        String access = pair.getString("accessToken");
        try {
            JwtClaims claims = consumer.processToClaims(access);
            Set<String> roles = new HashSet<>(claims.getStringListClaimValue("groups"));
            return new Operator(claims.getClaimValueAsString("upn"), Set.copyOf(roles), access, pair.getString("refreshToken"),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new SignInRefused("The platform's token could not be verified against its keys.");
        }
    }

    /** A URI on the gateway, for the views that call the admin API. */
    public URI api(String path) {
        return settings.gateway().resolve(path);
    }
}
