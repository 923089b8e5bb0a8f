package io.blog.common.data;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.metrics.MetricNames;
import jakarta.annotation.Resource;
import io.blog.common.security.RequestCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Chooses the database for a read. A caller who wrote recently has the primary's GTID position
 * remembered (in the shared store, so it works across instances); their reads wait a bounded time
 * for the replica to reach it and otherwise go to the primary. Everyone else reads the replica
 * while it is healthy.
 */
@ApplicationScoped
public class ReadRouting {

    private static final Logger LOG = Logger.getLogger(ReadRouting.class.getName());
    private static final ThreadLocal<Boolean> REPLICA_CHOSEN = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> PRIMARY_REQUIRED = ThreadLocal.withInitial(() -> false);

    @Inject
    @Primary
    EntityManager primary;

    @Inject
    @Replica
    EntityManager replica;

    @Inject
    ServiceDataSources dataSources;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ReplicaMonitor monitor;

    @Inject
    KeyValueStore store;

    @Inject
    Instance<RequestCaller> caller;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "blog.db.replica.read-your-writes-seconds", defaultValue = "30")
    long readYourWritesSeconds;

    @Inject
    @ConfigProperty(name = "blog.db.replica.gtid-wait-ms", defaultValue = "250")
    long gtidWaitMillis;

    /** The entity manager a read should use now. */
    public EntityManager forRead() {
        boolean useReplica = readFromReplica();
        REPLICA_CHOSEN.set(useReplica);
        return useReplica ? replica : primary;
    }

    /** Whether the last {@link #forRead()} on this thread chose the replica; clears the mark. */
    static boolean replicaWasChosen() {
        boolean chosen = REPLICA_CHOSEN.get();
        REPLICA_CHOSEN.remove();
        return chosen;
    }

    /**
     * Runs {@code reads} against the primary whoever asks: for reads whose result outlives the
     * request (a cache fill), where the replica's lag would otherwise last as long as the copy.
     */
    public static <T> T fromPrimary(Supplier<T> reads) {
        if (PRIMARY_REQUIRED.get()) {
            return reads.get();
        }
        PRIMARY_REQUIRED.set(true);
        try {
            return reads.get();
        } finally {
            PRIMARY_REQUIRED.remove();
        }
    }

    /** For writes; also what reads inside a transaction use. */
    public EntityManager forWrite() {
        return primary;
    }

    boolean readFromReplica() {
        boolean useReplica = decide();
        metrics.counter(useReplica ? MetricNames.REPLICA_READS : MetricNames.PRIMARY_READS).inc();
        return useReplica;
    }

    boolean decide() {
        if (PRIMARY_REQUIRED.get() || !monitor.enabled() || inTransaction() || !monitor.usable()) {
            return false;
        }
        Optional<String> user = callerName();
        if (user.isEmpty()) {
            return true;
        }
        Optional<String> position;
        try {
            position = store.get(positionKey(user.get()));
        } catch (KeyValueStoreException e) {
            // Without the remembered position we cannot prove the replica is fresh enough for this caller.
            return false;
        }
        return position.isEmpty() || replicaReached(position.get());
    }

    /** Called after a committed write by the current caller. */
    public void rememberWrite() {
        if (!monitor.enabled()) {
            return;
        }
        Optional<String> user = callerName();
        if (user.isEmpty()) {
            return;
        }
        try (Connection connection = dataSources.primary().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
            if (rs.next() && rs.getString(1) != null) {
                store.set(positionKey(user.get()), rs.getString(1), Duration.ofSeconds(readYourWritesSeconds));
            }
        } catch (SQLException | KeyValueStoreException e) {
            LOG.warning("Could not remember the write position for read-your-writes: " + e.getMessage());
        }
    }

    private boolean replicaReached(String gtidPosition) {
        try (Connection connection = dataSources.replica().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            statement.setString(1, gtidPosition);
            statement.setDouble(2, gtidWaitMillis / 1000.0);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getInt(1) == 0 && !rs.wasNull();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    boolean inTransaction() {
        return transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    private Optional<String> callerName() {
        try {
            return Optional.ofNullable(caller.get().username());
        } catch (ContextNotActiveException e) {
            // Background jobs run outside any request and have no caller.
            return Optional.empty();
        }
    }

    private String positionKey(String user) {
        return "blog:rw:" + dataSources.serviceName() + ":" + user;
    }
}
