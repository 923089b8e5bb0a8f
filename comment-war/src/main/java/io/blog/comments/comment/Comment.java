package io.blog.comments.comment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A comment on an article. The article is referred to by slug and its author copied in at
 * creation (post-war owns articles; this service never reads its tables). Every comment carries
 * its thread's root id, so a page of threads loads with one query.
 */
@Entity
@Table(name = "comment")
public class Comment {

    @Id
    private String id;

    @Column(name = "post_slug", nullable = false, length = 100)
    private String postSlug;

    @Column(name = "post_author", nullable = false, length = 32)
    private String postAuthor;

    @Column(name = "parent_id", length = 36)
    private String parentId;

    @Column(name = "root_id", nullable = false, length = 36)
    private String rootId;

    /** The true depth (0 for a root); displays cap it. */
    @Column(nullable = false)
    private int depth;

    @Column(nullable = false, length = 32)
    private String author;

    // Deliberately eager: with EclipseLink fetch groups, touching a lazy attribute of a changed
    // entity reloads it and silently drops the unflushed changes.
    @Column(name = "body_markdown")
    private String bodyMarkdown;

    @Column(name = "body_html")
    private String bodyHtml;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CommentStatus status;

    @Column(name = "spam_reason", length = 200)
    private String spamReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Comment() {
    }

    /** A new root comment ({@code parent} null) or a reply in {@code parent}'s thread. */
    Comment(String postSlug, String postAuthor, Comment parent, String author, Body body, CommentStatus status,
            String spamReason, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.postSlug = postSlug;
        this.postAuthor = postAuthor;
        this.parentId = parent == null ? null : parent.id;
        this.rootId = parent == null ? id : parent.rootId;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.author = author;
        this.bodyMarkdown = body.markdown();
        this.bodyHtml = body.html();
        this.status = status;
        this.spamReason = spamReason;
        this.createdAt = now;
    }

    /** The text as written and as rendered for display. */
    record Body(String markdown, String html) {
    }

    void edit(Body body, Instant now) {
        this.bodyMarkdown = body.markdown();
        this.bodyHtml = body.html();
        this.editedAt = now;
    }

    /** Moves the comment to another moderation state; a spam reason only stays with SPAM. */
    public void moderate(CommentStatus newStatus, String newSpamReason) {
        this.status = newStatus;
        this.spamReason = newStatus == CommentStatus.SPAM ? newSpamReason : null;
    }

    /** The text goes; the row stays so replies keep their place in the thread. */
    public void delete(Instant now) {
        this.deletedAt = now;
        this.bodyMarkdown = null;
        this.bodyHtml = null;
    }

    public String getId() {
        return id;
    }

    public String getPostSlug() {
        return postSlug;
    }

    public String getPostAuthor() {
        return postAuthor;
    }

    public String getParentId() {
        return parentId;
    }

    public String getRootId() {
        return rootId;
    }

    public int getDepth() {
        return depth;
    }

    public String getAuthor() {
        return author;
    }

    public String getBodyMarkdown() {
        return bodyMarkdown;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public CommentStatus getStatus() {
        return status;
    }

    public String getSpamReason() {
        return spamReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getEditedAt() {
        return editedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
