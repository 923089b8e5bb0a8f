package io.blog.comments.comment;

/** Moderation state. Deletion is separate (a deleted comment keeps the state it had). */
public enum CommentStatus {
    PENDING, APPROVED, REJECTED, SPAM
}
