package io.blog.common.health;

import io.blog.common.migration.SchemaMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema is migrated; until then the service cannot answer anything useful. */
@Startup
@ApplicationScoped
public class MigrationsStartedCheck implements HealthCheck {

    @Inject
    SchemaMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schema-migrations").status(migrations.completed()).build();
    }
}
