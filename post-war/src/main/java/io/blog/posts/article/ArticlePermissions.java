package io.blog.posts.article;

import io.blog.common.security.Caller;
import io.blog.common.security.Roles;

/** Who may write, edit and see articles. */
public final class ArticlePermissions {

    private ArticlePermissions() {
    }

    /** Authors write; so do editors and administrators. */
    public static boolean mayWrite(Caller caller) {
        return caller.hasRole(Roles.AUTHOR) || caller.moderatesAll();
    }

    public static boolean mayEdit(Caller caller, Article article) {
        return caller.signedIn() && (caller.is(article.getAuthor()) || caller.moderatesAll());
    }

    /** Drafts and scheduled articles exist only for those who may edit them. */
    public static boolean maySee(Caller caller, Article article) {
        return article.isPublished() || (!article.isDeleted() && mayEdit(caller, article));
    }
}
