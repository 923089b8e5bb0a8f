package io.blog.common.profile;

import io.blog.common.http.RequestIdForwarding;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The remote call with its fault tolerance: a short timeout, one retry (the lookup is a safe
 * GET), a circuit breaker so a dead user-war costs nothing after a few failures, and a fallback
 * of no profiles, which shows comments with the username alone.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

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
    @Retry(maxRetries = 1, delay = 50, jitter = 25)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @Fallback(fallbackMethod = "noProfiles")
    public List<UsersClient.Profile> profiles(List<String> usernames) {
        return client.profiles(String.join(",", usernames)).items();
    }

    List<UsersClient.Profile> noProfiles(List<String> usernames) {
        LOG.fine(() -> "Author profiles unavailable, serving usernames only for " + usernames.size() + " names");
        return List.of();
    }
}
