package io.blog.posts.bootstrap;

import io.blog.common.migration.SchemaMigrations;
import io.blog.posts.schedule.BackgroundJobs;
import io.blog.posts.search.SearchIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Migrates the schema before the application takes requests, then starts the background jobs. */
@ApplicationScoped
public class StartupTasks {

    @Inject
    SchemaMigrations migrations;

    @Inject
    SearchIndex searchIndex;

    @Inject
    BackgroundJobs jobs;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        migrations.migrate(StartupTasks.class.getClassLoader());
        searchIndex.prepare();
        jobs.start();
    }
}
