package io.blog.posts.search;

import io.blog.common.profile.AuthorProfile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The search answer. {@code totalExact} is false when there are at least {@code total} matches
 * (the index stops counting past a bound); {@code degraded} says the database fallback answered
 * instead of the index.
 */
public record SearchResults(List<Hit> items, long total, boolean totalExact, int page, int size, boolean degraded) {

    public record Hit(String id, String slug, String title, String summary, List<String> tags, AuthorProfile author,
                      Instant publishedAt, int readingMinutes, Map<String, List<String>> highlights) {

        Hit withAuthor(AuthorProfile profile) {
            return new Hit(id, slug, title, summary, tags, profile, publishedAt, readingMinutes, highlights);
        }
    }
}
