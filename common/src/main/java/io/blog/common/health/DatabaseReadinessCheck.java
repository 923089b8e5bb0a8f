package io.blog.common.health;

import io.blog.common.data.ReplicaMonitor;
import io.blog.common.data.ReplicaStatus;
import io.blog.common.data.ServiceDataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ready only while the primary answers. The replica's state is reported but does not make the
 * service unready, because reads fall back to the primary.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Inject
    ServiceDataSources dataSources;

    @Inject
    ReplicaMonitor replicaMonitor;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("database");
        try (Connection connection = dataSources.primary().getConnection()) {
            builder.status(connection.isValid(2)).withData("primary", "up");
        } catch (SQLException e) {
            builder.down().withData("primary", "down: " + e.getMessage());
        }
        if (replicaMonitor.enabled()) {
            ReplicaStatus replica = replicaMonitor.current();
            builder.withData("replica", replica.usable() ? "up" : "bypassed: " + replica.problem());
            if (replica.lagSeconds() != null) {
                builder.withData("replicaLagSeconds", replica.lagSeconds());
            }
        }
        return builder.build();
    }
}
