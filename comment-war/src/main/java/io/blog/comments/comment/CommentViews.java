package io.blog.comments.comment;

import io.blog.common.profile.AuthorProfile;
import io.blog.common.security.Caller;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API returns about comments. */
public final class CommentViews {

    /** Replies deeper than this are shown at this depth, after the comment they answer. */
    public static final int MAX_DISPLAY_DEPTH = 5;

    private CommentViews() {
    }

    /**
     * One comment in a thread. {@code depth} is the display depth (0 for a root, at most
     * {@link #MAX_DISPLAY_DEPTH}); {@code replyToId}/{@code replyToAuthor} name the comment it
     * answers, which is how a UI labels replies flattened at the deepest level. {@code body}, the
     * Markdown, is there only for its author. A placeholder ({@code deleted: true}) stands for a
     * comment that was deleted or moderated away but has replies: no author, no text, no status.
     * {@code replies} is absent in flat lists.
     */
    public record CommentNode(String id, String post, String parentId, String rootId, String replyToId,
                              String replyToAuthor, int depth, AuthorProfile author, String bodyHtml, String body,
                              String status, boolean pending, boolean deleted, boolean edited, Instant createdAt,
                              Instant editedAt, List<CommentNode> replies) {
    }

    public record Counts(Map<String, Long> counts) {
    }

    /**
     * How {@code viewer} sees {@code comment}: in full if they may see it, else as a placeholder.
     * {@code parent} is the comment it answers (null for a root).
     */
    static CommentNode node(Comment comment, Comment parent, Caller viewer, Map<String, AuthorProfile> profiles,
                            List<CommentNode> replies) {
        String replyToAuthor = parent != null && CommentPermissions.maySee(viewer, parent) ? parent.getAuthor() : null;
        if (!CommentPermissions.maySee(viewer, comment)) {
            return new CommentNode(comment.getId(), comment.getPostSlug(), comment.getParentId(), comment.getRootId(),
                    comment.getParentId(), replyToAuthor, displayDepth(comment), null, null, null, null, false, true,
                    false, comment.getCreatedAt(), null, replies);
        }
        return full(comment, replyToAuthor, profiles.getOrDefault(comment.getAuthor(),
                AuthorProfile.unresolved(comment.getAuthor())), viewer.is(comment.getAuthor()), replies);
    }

    /**
     * A comment as its author sees it right after writing or editing it, whatever its state (so
     * they learn it is pending or was held as spam).
     */
    static CommentNode forAuthor(Comment comment, String replyToAuthor, AuthorProfile author, List<CommentNode> replies) {
        return full(comment, replyToAuthor, author, true, replies);
    }

    private static CommentNode full(Comment comment, String replyToAuthor, AuthorProfile author, boolean withMarkdown,
                                    List<CommentNode> replies) {
        return new CommentNode(comment.getId(), comment.getPostSlug(), comment.getParentId(), comment.getRootId(),
                comment.getParentId(), replyToAuthor, displayDepth(comment), author, comment.getBodyHtml(),
                withMarkdown ? comment.getBodyMarkdown() : null, comment.getStatus().name(),
                comment.getStatus() == CommentStatus.PENDING, false, comment.getEditedAt() != null,
                comment.getCreatedAt(), comment.getEditedAt(), replies);
    }

    private static int displayDepth(Comment comment) {
        return Math.min(comment.getDepth(), MAX_DISPLAY_DEPTH);
    }
}
