package io.blog.common.health;

import io.blog.common.kv.KeyValueStore;
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

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis")
                .status(store.ping())
                .withData("store", store.describe())
                .build();
    }
}
