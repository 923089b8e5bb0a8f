package io.blog.comments.comment;

import io.blog.common.security.CurrentUser;
import io.blog.common.security.Roles;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Set;

/** Who is asking, as far as comment rules care: a username and roles, or nobody. */
public record Caller(String username, Set<String> roles) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public static Caller of(SecurityContext security) {
        return CurrentUser.token(security)
                .map(t -> new Caller(t.getName(), t.getGroups() == null ? Set.of() : Set.copyOf(t.getGroups())))
                .orElse(ANONYMOUS);
    }

    public boolean signedIn() {
        return username != null;
    }

    public boolean is(String name) {
        return username != null && username.equals(name);
    }

    /** Editors and administrators moderate every comment. */
    public boolean moderatesAll() {
        return roles.contains(Roles.EDITOR) || roles.contains(Roles.ADMIN);
    }

    /** Readers write no articles, so no comment is theirs to moderate. */
    public boolean mayModerate() {
        return moderatesAll() || roles.contains(Roles.AUTHOR);
    }

    /** Editors and administrators moderate every comment, an article's author the comments on it. */
    public boolean moderates(Comment comment) {
        return moderatesAll() || is(comment.getPostAuthor());
    }

    /** Approved comments are public; a pending one exists only for its author until approved. */
    public boolean maySee(Comment comment) {
        return !comment.isDeleted() && (comment.getStatus() == CommentStatus.APPROVED
                || comment.getStatus() == CommentStatus.PENDING && is(comment.getAuthor()));
    }
}
