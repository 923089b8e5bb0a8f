package io.blog.comments.moderation;

import io.blog.comments.comment.CommentRepository;
import io.blog.common.metrics.MetricNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The size of the pending queue, for an alert when moderators fall behind. */
@ApplicationScoped
public class PendingGauge {

    @Inject
    MetricRegistry metrics;

    @Inject
    CommentRepository comments;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        metrics.gauge(Metadata.builder().withName(MetricNames.COMMENTS_PENDING)
                .withDescription("Comments waiting for a moderator").build(), comments, CommentRepository::countPending);
    }
}
