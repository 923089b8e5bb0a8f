package io.blog.posts.author;

import io.blog.common.http.RequestIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The remote call with its fault tolerance: a short timeout, one retry (the lookup is a safe
 * GET), and a circuit breaker so a dead user-war costs nothing after a few failures.
 */
@ApplicationScoped
public class UserDirectory {

    @Inject
    @ConfigProperty(name = "blog.users.url", defaultValue = "http://127.0.0.1:8080")
    String usersUrl;

    @Inject
    @ConfigProperty(name = "blog.users.timeout-ms", defaultValue = "800")
    long timeoutMillis;

    private UsersClient client;

    @PostConstruct
    void init() {
        client = RestClientBuilder.newBuilder()
                .baseUri(URI.create(usersUrl))
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .register(RequestIdForwarding.class)
                .build(UsersClient.class);
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    public List<UsersClient.Profile> profiles(List<String> usernames) {
        return client.profiles(String.join(",", usernames)).items();
    }

    /** Forwards the request id so the call can be followed across services in the logs. */
    public static class RequestIdForwarding implements jakarta.ws.rs.client.ClientRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.client.ClientRequestContext request) {
            String id = RequestIds.current(null);
            if (id != null) {
                request.getHeaders().putSingle(RequestIds.HEADER, id);
            }
        }
    }
}
