package io.blog.common.migration;

import io.blog.common.data.ServiceDataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.logging.Logger;

/**
 * Applies the service's migrations from {@code db/migration} on its classpath. Flyway takes a
 * database lock, so several instances starting together migrate once. Liberty's class loader
 * cannot list folders, so each migration folder carries an empty {@code flyway.location} marker.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Inject
    ServiceDataSources dataSources;

    private volatile boolean completed;

    public boolean completed() {
        return completed;
    }

    public MigrateResult migrate(ClassLoader classLoader) {
        MigrateResult result = Flyway.configure(classLoader)
                .dataSource(dataSources.primary())
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration")
                .baselineOnMigrate(false)
                .load()
                .migrate();
        LOG.info("Schema migrations: " + result.migrationsExecuted + " applied"
                + (result.targetSchemaVersion == null ? ", schema already up to date" : ", schema now at version " + result.targetSchemaVersion));
        completed = true;
        return result;
    }
}
