package io.blog.posts.search;

import io.blog.common.metrics.MetricNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;

/** Outbox backlog and the age of its oldest entry: the search index's lag, for alerts. */
@ApplicationScoped
public class OutboxGauges {

    @Inject
    MetricRegistry metrics;

    @Inject
    SearchOutbox outbox;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        metrics.gauge(Metadata.builder().withName(MetricNames.OUTBOX_BACKLOG)
                .withDescription("Article changes not yet applied to the search index").build(), outbox, SearchOutbox::backlog);
        metrics.gauge(Metadata.builder().withName(MetricNames.OUTBOX_OLDEST_AGE_SECONDS)
                        .withDescription("Age of the oldest change waiting for the search index, 0 when none").build(),
                outbox, o -> {
                    Instant oldest = o.oldest();
                    return oldest == null ? 0 : Duration.between(oldest, Instant.now()).toSeconds();
                });
    }
}
