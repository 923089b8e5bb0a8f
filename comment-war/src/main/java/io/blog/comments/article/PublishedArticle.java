package io.blog.comments.article;

/** An article that accepts comments: its current slug and its author, who may moderate them. */
public record PublishedArticle(String slug, String author) {
}
