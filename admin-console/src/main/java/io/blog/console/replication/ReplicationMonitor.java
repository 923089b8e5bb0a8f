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
import java.util.List;
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

    private ReplicationState read() {
        Instant at = Instant.now();
        String primaryGtid;
        try (Connection c = connect(primaryUrl.orElseThrow()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
            rs.next();
            primaryGtid = rs.getString(1);
        } catch (SQLException e) {
            return new ReplicationState(at, null, null, null, null, null, null, "primary: " + e.getMessage());
        }
        try (Connection c = connect(replicaUrl.orElseThrow()); Statement s = c.createStatement()) {
            String replicaGtid;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_slave_pos")) {
                rs.next();
                replicaGtid = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                if (!rs.next()) {
                    return new ReplicationState(at, primaryGtid, replicaGtid, "No", "No", null, "", "the replica is not configured to replicate");
                }
                long lag = rs.getLong("Seconds_Behind_Master");
                Long lagSeconds = rs.wasNull() ? null : lag;
                String error = firstNonBlank(rs.getString("Last_IO_Error"), rs.getString("Last_SQL_Error"));
                return new ReplicationState(at, primaryGtid, replicaGtid, rs.getString("Slave_IO_Running"), rs.getString("Slave_SQL_Running"),
                        lagSeconds, error, null);
            }
        } catch (SQLException e) {
            return new ReplicationState(at, primaryGtid, null, null, null, null, null, "replica: " + e.getMessage());
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
