package io.blog.common.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Knows whether the replica may serve reads. The check runs at most once per interval and only
 * one request thread does it; the others use the last answer, so a dead replica costs one failed
 * connection attempt per interval, not one per request.
 */
@ApplicationScoped
public class ReplicaMonitor {

    @Inject
    ServiceDataSources dataSources;

    @Inject
    @ConfigProperty(name = "blog.db.replica.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "blog.db.replica.max-lag-seconds", defaultValue = "5")
    long maxLagSeconds;

    @Inject
    @ConfigProperty(name = "blog.db.replica.check-interval-ms", defaultValue = "1000")
    long checkIntervalMillis;

    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile ReplicaStatus last = new ReplicaStatus(false, false, null, false, "not checked yet", Instant.EPOCH);

    public boolean enabled() {
        return enabled;
    }

    public boolean usable() {
        return enabled && current().usable();
    }

    public ReplicaStatus current() {
        if (!enabled) {
            return new ReplicaStatus(false, false, null, false, "replica routing disabled", Instant.now());
        }
        ReplicaStatus status = last;
        boolean stale = Duration.between(status.checkedAt(), Instant.now()).toMillis() >= checkIntervalMillis;
        if (stale && checking.compareAndSet(false, true)) {
            try {
                last = status = check();
            } finally {
                checking.set(false);
            }
        }
        return status;
    }

    /**
     * A read on the replica just failed to reach it: stop routing reads there until the next
     * regular check finds it healthy again, instead of failing reads until then.
     */
    public void markUnreachable(String reason) {
        last = new ReplicaStatus(false, false, null, false, "unreachable: " + reason, Instant.now());
    }

    private ReplicaStatus check() {
        try (Connection connection = dataSources.replica().getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rs = statement.executeQuery("SHOW REPLICA STATUS")) {
                if (!rs.next()) {
                    return new ReplicaStatus(true, false, null, false, "not configured as a replica", Instant.now());
                }
                boolean io = "Yes".equalsIgnoreCase(rs.getString("Slave_IO_Running"));
                boolean sql = "Yes".equalsIgnoreCase(rs.getString("Slave_SQL_Running"));
                long lag = rs.getLong("Seconds_Behind_Master");
                Long lagSeconds = rs.wasNull() ? null : lag;
                boolean replicating = io && sql;
                boolean usable = replicating && lagSeconds != null && lagSeconds <= maxLagSeconds;
                String problem = usable ? null
                        : !replicating ? "replication stopped (io=" + io + ", sql=" + sql + ")"
                        : "replica " + lagSeconds + " s behind (max " + maxLagSeconds + " s)";
                return new ReplicaStatus(true, replicating, lagSeconds, usable, problem, Instant.now());
            }
        } catch (SQLException e) {
            return new ReplicaStatus(false, false, null, false, "unreachable: " + e.getMessage(), Instant.now());
        }
    }
}
