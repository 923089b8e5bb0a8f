package io.blog.comments.moderation;

import io.blog.comments.comment.Comment;
import io.blog.comments.comment.CommentStatus;
import io.blog.common.data.ReadRouting;
import io.blog.common.metrics.MetricNames;
import io.blog.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Instant;
import java.util.List;
import io.blog.common.data.ReadsWithFallback;
import io.blog.common.paging.Keyset;

/** The audit table of moderation actions, and their counter. */
@ApplicationScoped
@ReadsWithFallback
public class ModerationLog {

    @Inject
    ReadRouting routing;

    @Inject
    MetricRegistry metrics;

    /** Must run in the transaction of the action: the action and its record commit together or not at all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(Comment comment, ModerationAction action, CommentStatus fromStatus, Caller actor, Instant now) {
        AuditEntry entry = new AuditEntry(comment.getId(), comment.getPostSlug(), actor.username(), actor.moderatesAll(), action,
                fromStatus, comment.getStatus(), now);
        routing.forWrite().persist(entry);
        metrics.counter(MetricNames.COMMENTS_MODERATION_ACTIONS, new Tag("action", action.name())).inc();
        return entry;
    }

    /** Newest first. */
    List<AuditEntry> page(Keyset keyset) {
        String jpql = "SELECT a FROM AuditEntry a"
                + (keyset.continues() ? " WHERE a.createdAt < :t OR (a.createdAt = :t AND a.id < :id)" : "")
                + " ORDER BY a.createdAt DESC, a.id DESC";
        TypedQuery<AuditEntry> query = routing.forRead().createQuery(jpql, AuditEntry.class).setMaxResults(keyset.fetchSize());
        if (keyset.continues()) {
            query.setParameter("t", keyset.after()).setParameter("id", keyset.afterId());
        }
        return query.getResultList();
    }
}
