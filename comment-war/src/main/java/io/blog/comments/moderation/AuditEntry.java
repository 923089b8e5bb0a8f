package io.blog.comments.moderation;

import io.blog.comments.comment.CommentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One moderation action, kept for good: who did what to which comment, and its state before and after. */
@Entity
@Table(name = "moderation_audit")
public class AuditEntry {

    @Id
    private String id;

    @Column(name = "comment_id", nullable = false, length = 36)
    private String commentId;

    @Column(name = "post_slug", nullable = false, length = 100)
    private String postSlug;

    @Column(nullable = false, length = 32)
    private String actor;

    /** Whether the actor moderates the whole site (editor, administrator), not just their own articles. */
    @Column(name = "site_wide", nullable = false)
    private boolean siteWide;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ModerationAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", nullable = false, length = 16)
    private CommentStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, length = 16)
    private CommentStatus toStatus;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AuditEntry() {
    }

    AuditEntry(String commentId, String postSlug, String actor, boolean siteWide, ModerationAction action,
               CommentStatus fromStatus, CommentStatus toStatus, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.commentId = commentId;
        this.postSlug = postSlug;
        this.actor = actor;
        this.siteWide = siteWide;
        this.action = action;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.createdAt = now;
    }

    public String getId() {
        return id;
    }

    public String getCommentId() {
        return commentId;
    }

    public String getPostSlug() {
        return postSlug;
    }

    public String getActor() {
        return actor;
    }

    public ModerationAction getAction() {
        return action;
    }

    public CommentStatus getFromStatus() {
        return fromStatus;
    }

    public CommentStatus getToStatus() {
        return toStatus;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
