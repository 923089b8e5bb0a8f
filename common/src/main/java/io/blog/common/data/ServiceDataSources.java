package io.blog.common.data;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's own datasources, {@code jdbc/<service>/primary} and {@code jdbc/<service>/replica}.
 * Named per service so that all services can share one server in the one-command run.
 */
@ApplicationScoped
public class ServiceDataSources {

    @Inject
    @ConfigProperty(name = "blog.service.name")
    String serviceName;

    private DataSource primary;
    private DataSource replica;
    private volatile Boolean skipLocked;

    @PostConstruct
    void lookup() {
        try {
            InitialContext context = new InitialContext();
            primary = (DataSource) context.lookup(jndiName(serviceName, "primary"));
            replica = (DataSource) context.lookup(jndiName(serviceName, "replica"));
        } catch (NamingException e) {
            throw new IllegalStateException("Datasources for service '" + serviceName + "' are not configured", e);
        }
    }

    public static String jndiName(String service, String role) {
        return "jdbc/" + service + "/" + role;
    }

    public DataSource primary() {
        return primary;
    }

    public DataSource replica() {
        return replica;
    }

    public String serviceName() {
        return serviceName;
    }

    /**
     * True on MariaDB/MySQL. The embedded H2 of the one-command run has no SKIP LOCKED, which
     * only matters with several instances, and that run has one.
     */
    public boolean supportsSkipLocked() {
        Boolean known = skipLocked;
        if (known == null) {
            try (Connection connection = primary.getConnection()) {
                known = !connection.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2");
            } catch (SQLException e) {
                return false;
            }
            skipLocked = known;
        }
        return known;
    }
}
