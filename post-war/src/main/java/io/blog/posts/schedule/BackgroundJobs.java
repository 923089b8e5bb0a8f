package io.blog.posts.schedule;

import io.blog.posts.article.RenderUpgrade;
import io.blog.posts.search.OutboxRelay;
import io.blog.posts.view.ViewFlusher;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the periodic jobs on the server's managed executor. Every instance runs them; the jobs
 * themselves claim their work with row locks, so running everywhere is safe and survives the
 * loss of any one instance.
 */
@ApplicationScoped
public class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    PublishScheduler publisher;

    @Inject
    ViewFlusher views;

    @Inject
    OutboxRelay relay;

    @Inject
    RenderUpgrade renderUpgrade;

    @Inject
    @ConfigProperty(name = "blog.posts.scheduler.interval-seconds", defaultValue = "20")
    long publishIntervalSeconds;

    @Inject
    @ConfigProperty(name = "blog.posts.views.flush-seconds", defaultValue = "10")
    long viewFlushSeconds;

    @Inject
    @ConfigProperty(name = "blog.search.relay-interval-ms", defaultValue = "1000")
    long relayIntervalMillis;

    @Inject
    @ConfigProperty(name = "blog.posts.render-upgrade.interval-seconds", defaultValue = "10")
    long renderUpgradeIntervalSeconds;

    private final List<ScheduledFuture<?>> running = new ArrayList<>();

    public void start() {
        running.add(every(publishIntervalSeconds * 1000, "publish scheduled articles", publisher::runOnce));
        running.add(every(viewFlushSeconds * 1000, "flush view counts", views::flush));
        running.add(every(relayIntervalMillis, "relay search outbox", relay::drain));
        running.add(every(renderUpgradeIntervalSeconds * 1000, "render older articles again", renderUpgrade::runOnce));
    }

    private ScheduledFuture<?> every(long millis, String name, Runnable job) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                // A failed run is retried at the next tick; the executor would stop rescheduling a throwing task.
                LOG.log(Level.WARNING, "Background job '" + name + "' failed: " + e.getMessage(), e);
            }
        }, Math.min(millis, 2000), millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        running.forEach(f -> f.cancel(false));
    }
}
