package io.blog.comments.moderation;

import io.blog.common.profile.AuthorProfile;
import io.blog.comments.comment.Comment;

import java.time.Instant;
import java.util.List;

/** What the moderation endpoints return. */
public final class ModerationViews {

    private ModerationViews() {
    }

    /** A comment as a moderator sees it: whatever its state, with its text, article and spam reason. */
    public record ModerationItem(String id, String post, String postAuthor, String parentId, String rootId,
                                 AuthorProfile author, String body, String bodyHtml, String status, String spamReason,
                                 Instant createdAt, Instant editedAt) {

        static ModerationItem of(Comment c, AuthorProfile author) {
            return new ModerationItem(c.getId(), c.getPostSlug(), c.getPostAuthor(), c.getParentId(), c.getRootId(),
                    author, c.getBodyMarkdown(), c.getBodyHtml(), c.getStatus().name(), c.getSpamReason(),
                    c.getCreatedAt(), c.getEditedAt());
        }
    }

    public record AuditRecord(String id, String commentId, String post, String actor, String action,
                              String fromStatus, String toStatus, Instant at) {

        static AuditRecord of(AuditEntry e) {
            return new AuditRecord(e.getId(), e.getCommentId(), e.getPostSlug(), e.getActor(), e.getAction().name(),
                    e.getFromStatus().name(), e.getToStatus().name(), e.getCreatedAt());
        }
    }

    /** The outcome of a moderation request: one audit record per comment acted on. */
    public record Outcome(List<AuditRecord> items) {
    }
}
