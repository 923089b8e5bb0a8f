package io.blog.posts.search;

import java.time.Instant;
import java.util.List;

/** What the search index holds per published article: enough to show a result without the database. */
public record ArticleDocument(String id, String slug, String title, String summary, String body, List<String> tags,
                              String author, Instant publishedAt, int readingMinutes) {
}
