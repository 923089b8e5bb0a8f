package io.blog.posts.article;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A slug an article had before its title changed; requests for it redirect to the current one. */
@Entity
@Table(name = "article_old_slug")
public class OldSlug {

    @Id
    private String slug;

    @Column(name = "article_id", nullable = false, length = 36)
    private String articleId;

    protected OldSlug() {
    }

    OldSlug(String slug, String articleId) {
        this.slug = slug;
        this.articleId = articleId;
    }

    String getArticleId() {
        return articleId;
    }
}
