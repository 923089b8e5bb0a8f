package io.blog.posts.article;

import io.blog.common.security.CurrentUser;
import io.blog.common.security.Roles;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Set;

/** Who is asking, as far as article rules care: a username and roles, or nobody. */
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

    /** Editors and administrators may act on every article. */
    public boolean moderates() {
        return roles.contains(Roles.EDITOR) || roles.contains(Roles.ADMIN);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean mayWrite() {
        return roles.contains(Roles.AUTHOR) || moderates();
    }

    public boolean mayEdit(Article article) {
        return signedIn() && (article.getAuthor().equals(username) || moderates());
    }

    /** Drafts and scheduled articles exist only for those who may edit them. */
    public boolean maySee(Article article) {
        return article.isPublished() || (!article.isDeleted() && mayEdit(article));
    }
}
