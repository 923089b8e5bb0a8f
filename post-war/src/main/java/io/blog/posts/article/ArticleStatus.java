package io.blog.posts.article;

public enum ArticleStatus {
    DRAFT, SCHEDULED, PUBLISHED
}
