package io.blog.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the JVM has memory to work with; restarting is the only cure for an exhausted heap,
 * while a lost database is not (readiness covers that).
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double usedShare = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("memory")
                .status(usedShare < 0.95)
                .withData("heapUsedPercent", Math.round(usedShare * 100))
                .build();
    }
}
