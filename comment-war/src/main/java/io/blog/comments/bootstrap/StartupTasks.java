package io.blog.comments.bootstrap;

import io.blog.common.migration.SchemaMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Migrates the schema before the application takes requests. */
@ApplicationScoped
public class StartupTasks {

    @Inject
    SchemaMigrations migrations;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        migrations.migrate(StartupTasks.class.getClassLoader());
    }
}
