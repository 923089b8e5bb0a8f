package io.blog.common.data;

import io.blog.common.metrics.MetricNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Exposes the replica's lag for dashboards and alerts (-1 when replication is not running). */
@ApplicationScoped
public class ReplicaLagGauge {

    @Inject
    MetricRegistry metrics;

    @Inject
    ReplicaMonitor monitor;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!monitor.enabled()) {
            return;
        }
        metrics.gauge(Metadata.builder().withName(MetricNames.REPLICA_LAG_SECONDS)
                        .withDescription("Seconds the read replica is behind the primary, -1 if not replicating").build(),
                monitor, m -> {
                    Long lag = m.current().lagSeconds();
                    return lag == null ? -1 : lag;
                });
    }
}
