package io.blog.console.replication;

import io.blog.console.ConsoleSettings;
import io.blog.console.Sampler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the pair every refresh interval as the monitoring account (PROCESS, REPLICATION CLIENT,
 * SLAVE MONITOR: status only, no data) and keeps an hour of readings.
 */
@ApplicationScoped
public class ReplicationMonitor {

    private static final Duration HISTORY = Duration.ofHours(1);

    @Inject
    ConsoleSettings settings;

    @Inject
    @ConfigProperty(name = "blog.console.db.primary.url")
    Optional<String> primaryUrl;

    @Inject
    @ConfigProperty(name = "blog.console.db.replica.url")
    Optional<String> replicaUrl;

    @Inject
    @ConfigProperty(name = "blog.console.db.user", defaultValue = "blog_exporter")
    String user;

    @Inject
    @ConfigProperty(name = "blog.console.db.password")
    Optional<String> password;

    private final Sampler<ReplicationState> sampler = new Sampler<>("console-replication-monitor", this::read, HISTORY);

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (configured()) {
            sampler.start(settings.refresh());
        }
    }

    @PreDestroy
    void stop() {
        sampler.close();
    }

    /** False in the one-command run, which has one embedded database and no replica. */
    public boolean configured() {
        return primaryUrl.filter(s -> !s.isBlank()).isPresent() && replicaUrl.filter(s -> !s.isBlank()).isPresent();
    }

    public Optional<ReplicationState> latest() {
        return sampler.latest();
    }

    public List<ReplicationState> history() {
        return sampler.history().stream().map(Sampler.Reading::value).toList();
    }

    public Runnable subscribe(Consumer<ReplicationState> listener) {
        return sampler.subscribe(listener);
    }

    /** What one node says of itself, or why it could not be asked. */
    private record Node(boolean writable, String binlogGtid, String slaveGtid, Replicating replicating, String error) {
    }

    /** The node's SHOW SLAVE STATUS row; null on a node that replicates from nobody. */
    private record Replicating(String ioThread, String sqlThread, Long lagSeconds, String lastError) {
    }

    /**
     * The writer is whichever node answers writable, so the reading follows a promotion and a
     * rejoin instead of reporting a dead "primary" while the replica takes the writes.
     */
    private ReplicationState read() {
        Instant at = Instant.now();
        Map<String, Node> nodes = new LinkedHashMap<>();
        nodes.put(ReplicationState.PRIMARY, node(primaryUrl.orElseThrow()));
        nodes.put(ReplicationState.REPLICA, node(replicaUrl.orElseThrow()));
        String writer = nodes.entrySet().stream().filter(e -> e.getValue().error() == null && e.getValue().writable())
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (writer == null) {
            String why = nodes.entrySet().stream().filter(e -> e.getValue().error() != null)
                    .map(e -> e.getKey() + ": " + e.getValue().error()).reduce((a, b) -> a + "; " + b).orElse("both nodes are read-only");
            return new ReplicationState(at, null, null, null, null, null, null, null, "no node takes writes (" + why + ")");
        }
        Node written = nodes.get(writer);
        String followerName = ReplicationState.PRIMARY.equals(writer) ? ReplicationState.REPLICA : ReplicationState.PRIMARY;
        Node follower = nodes.get(followerName);
        if (follower.error() != null) {
            return new ReplicationState(at, writer, written.binlogGtid(), null, null, null, null, null, followerName + ": " + follower.error());
        }
        Replicating r = follower.replicating();
        if (r == null) {
            return new ReplicationState(at, writer, written.binlogGtid(), follower.slaveGtid(), "No", "No", null, "",
                    followerName + " is not configured to replicate");
        }
        return new ReplicationState(at, writer, written.binlogGtid(), follower.slaveGtid(), r.ioThread(), r.sqlThread(), r.lagSeconds(),
                r.lastError(), null);
    }

    private Node node(String url) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            boolean writable;
            String binlog;
            String slave;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.read_only, @@GLOBAL.gtid_binlog_pos, @@GLOBAL.gtid_slave_pos")) {
                rs.next();
                writable = !rs.getBoolean(1);
                binlog = rs.getString(2);
                slave = rs.getString(3);
            }
            try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                if (!rs.next()) {
                    return new Node(writable, binlog, slave, null, null);
                }
                long lag = rs.getLong("Seconds_Behind_Master");
                Long lagSeconds = rs.wasNull() ? null : lag;
                String error = firstNonBlank(rs.getString("Last_IO_Error"), rs.getString("Last_SQL_Error"));
                return new Node(writable, binlog, slave,
                        new Replicating(rs.getString("Slave_IO_Running"), rs.getString("Slave_SQL_Running"), lagSeconds, error), null);
            }
        } catch (SQLException e) {
            return new Node(false, null, null, null, e.getMessage());
        }
    }

    private Connection connect(String url) throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(url, user, password.orElse(""));
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }
}
