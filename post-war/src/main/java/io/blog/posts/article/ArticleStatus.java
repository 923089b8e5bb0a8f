package io.blog.posts.article;

/** Where an article is in its life: only a published one is shown to readers and counted. */
public enum ArticleStatus {
    DRAFT, SCHEDULED, PUBLISHED
}
