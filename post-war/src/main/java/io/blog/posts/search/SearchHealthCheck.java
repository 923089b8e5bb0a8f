package io.blog.posts.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Elasticsearch but never makes the service unready: without it search falls back to
 * the database and writes queue in the outbox, so the service is degraded, not down.
 */
@Readiness
@ApplicationScoped
public class SearchHealthCheck implements HealthCheck {

    @Inject
    SearchIndex index;

    @Override
    public HealthCheckResponse call() {
        String state = !index.configured() ? "not configured (database search, degraded)"
                : index.available() ? "up" : "unavailable (database search, degraded)";
        return HealthCheckResponse.named("search").up().withData("elasticsearch", state).build();
    }
}
