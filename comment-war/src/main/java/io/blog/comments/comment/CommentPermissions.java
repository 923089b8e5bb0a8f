package io.blog.comments.comment;

import io.blog.common.security.Caller;
import io.blog.common.security.Roles;

/** Who may see and moderate comments. */
public final class CommentPermissions {

    private CommentPermissions() {
    }

    /** Readers write no articles, so no comment is theirs to moderate. */
    public static boolean mayModerate(Caller caller) {
        return caller.moderatesAll() || caller.hasRole(Roles.AUTHOR);
    }

    /** Editors and administrators moderate every comment, an article's author the comments on it. */
    public static boolean moderates(Caller caller, Comment comment) {
        return caller.moderatesAll() || caller.is(comment.getPostAuthor());
    }

    /**
     * Whoever may see a comment knows it exists, and so does whoever moderates it (it is in their
     * queue): they are told what they may not do to it, where anyone else cannot tell it from none.
     */
    public static boolean knowsOf(Caller caller, Comment comment) {
        return maySee(caller, comment) || (!comment.isDeleted() && moderates(caller, comment));
    }

    /** Approved comments are public; a pending one exists only for its author until approved. */
    public static boolean maySee(Caller caller, Comment comment) {
        return !comment.isDeleted() && (comment.getStatus() == CommentStatus.APPROVED
                || comment.getStatus() == CommentStatus.PENDING && caller.is(comment.getAuthor()));
    }
}
