package io.blog.comments.moderation;

import io.blog.comments.comment.Comment;
import io.blog.comments.comment.CommentStatus;

import java.time.Instant;

/** What a moderator can do to a comment. */
public enum ModerationAction {
    APPROVE, REJECT, SPAM, DELETE;

    static final String MARKED_BY_MODERATOR = "marked as spam by a moderator";

    void applyTo(Comment comment, Instant now) {
        switch (this) {
            case APPROVE -> comment.moderate(CommentStatus.APPROVED, null);
            case REJECT -> comment.moderate(CommentStatus.REJECTED, null);
            case SPAM -> comment.moderate(CommentStatus.SPAM, MARKED_BY_MODERATOR);
            case DELETE -> comment.delete(now);
        }
    }
}
