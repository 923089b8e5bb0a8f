package io.blog.common.health;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.PendingWrites;
import io.blog.common.kv.SecurityState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class KeyValueStoreReadinessCheck implements HealthCheck {

    @Inject
    KeyValueStore store;

    @Inject
    PendingWrites pendingWrites;

    @Inject
    @SecurityState
    KeyValueStore securityStore;

    @Inject
    @SecurityState
    PendingWrites securityPendingWrites;

    /**
     * Always UP: without Redis the service still answers (caches are bypassed, limits and the
     * token denylist are skipped), so taking the instance out of rotation would turn a degraded
     * site into a dead one. Whether each store answers is in the data, and operators check Redis
     * itself.
     */
    @Override
    public HealthCheckResponse call() {
        boolean available = store.ping();
        boolean securityAvailable = securityStore.ping();
        String mode = available && securityAvailable ? "normal"
                : "degraded:" + (available ? "" : " no cache") + (securityAvailable ? "" : " rate limits and token denylist skipped");
        return HealthCheckResponse.named("redis")
                .up()
                .withData("store", store.describe())
                .withData("available", available)
                .withData("mode", mode)
                .withData("failingFast", store.failingFast())
                .withData("pendingWrites", pendingWrites.count())
                .withData("securityStore", securityStore.describe())
                .withData("securityAvailable", securityAvailable)
                .withData("securityPendingWrites", securityPendingWrites.count())
                .build();
    }
}
