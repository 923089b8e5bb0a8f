package io.blog.common.health;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.PendingWrites;
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

    /**
     * Always UP: without Redis the service still answers (caches are bypassed, limits and the
     * token denylist are skipped), so taking the instance out of rotation would turn a degraded
     * site into a dead one. Whether Redis answers is in the data, and operators check Redis itself.
     */
    @Override
    public HealthCheckResponse call() {
        boolean available = store.ping();
        return HealthCheckResponse.named("redis")
                .up()
                .withData("store", store.describe())
                .withData("available", available)
                .withData("mode", available ? "normal" : "degraded: no cache, rate limits and token denylist skipped")
                .withData("failingFast", store.failingFast())
                .withData("pendingWrites", pendingWrites.count())
                .build();
    }
}
