package io.blog.posts.search;

import io.blog.common.data.ReadRouting;
import io.blog.common.metrics.MetricNames;
import io.blog.common.problem.ProblemException;
import io.blog.posts.article.Article;
import io.blog.posts.article.ArticleRepository;
import io.blog.posts.article.ArticleStatus;
import io.blog.common.profile.AuthorProfile;
import io.blog.common.profile.AuthorProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import io.blog.common.data.ReadsWithFallback;

/**
 * Search: Elasticsearch when it answers, otherwise a plain database match flagged
 * {@code degraded}, so the search box keeps working, only less well.
 */
@ApplicationScoped
@ReadsWithFallback
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class.getName());
    public static final int MAX_SIZE = 50;

    @Inject
    SearchIndex index;

    @Inject
    ReadRouting routing;

    @Inject
    AuthorProfiles authors;

    @Inject
    MetricRegistry metrics;

    public SearchResults search(String query, String tag, String author, Integer page, Integer size) {
        if (query == null || query.isBlank()) {
            throw ProblemException.invalidField("q", "is required");
        }
        if (query.length() > 200) {
            throw ProblemException.invalidField("q", "must be at most 200 characters");
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 10 : size;
        if (p < 0 || p > 100) {
            throw ProblemException.invalidField("page", "must be between 0 and 100");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
        String normalizedTag = tag == null || tag.isBlank() ? null : tag.trim().toLowerCase(Locale.ROOT);
        String normalizedAuthor = author == null || author.isBlank() ? null : author.trim().toLowerCase(Locale.ROOT);
        long started = System.nanoTime();
        SearchResults results = null;
        if (index.available()) {
            try {
                results = index.search(query.trim(), normalizedTag, normalizedAuthor, p, s);
            } catch (RuntimeException e) {
                LOG.warning("Search index failed, answering from the database: " + SearchIndex.describe(e));
            }
        }
        if (results == null) {
            metrics.counter(MetricNames.SEARCH_DEGRADED).inc();
            results = fromDatabase(query.trim(), normalizedTag, normalizedAuthor, p, s);
        }
        metrics.timer(MetricNames.SEARCH_DURATION, new Tag("backend", results.degraded() ? "database" : "elasticsearch"))
                .update(Duration.ofNanos(System.nanoTime() - started));
        return withAuthors(results);
    }

    /** Title and summary matches, newest first: no ranking, but always available. */
    private SearchResults fromDatabase(String query, String tag, String author, int page, int size) {
        EntityManager em = routing.forRead();
        String pattern = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = " FROM Article a WHERE a.status = :published AND a.deletedAt IS NULL"
                + " AND (LOWER(a.title) LIKE :q ESCAPE '\\' OR LOWER(a.summary) LIKE :q ESCAPE '\\')"
                + (tag == null ? "" : " AND :tag MEMBER OF a.tags")
                + (author == null ? "" : " AND a.author = :author");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a)" + where, Long.class);
        TypedQuery<Article> items = ArticleRepository.withTagsInOneQuery(
                        em.createQuery("SELECT a" + where + " ORDER BY a.publishedAt DESC, a.id DESC", Article.class))
                .setFirstResult(page * size).setMaxResults(size);
        for (TypedQuery<?> q : List.of(count, items)) {
            q.setParameter("published", ArticleStatus.PUBLISHED).setParameter("q", pattern);
            if (tag != null) {
                q.setParameter("tag", tag);
            }
            if (author != null) {
                q.setParameter("author", author);
            }
        }
        List<SearchResults.Hit> hits = items.getResultList().stream()
                .map(a -> new SearchResults.Hit(a.getId(), a.getSlug(), a.getTitle(), a.getSummary(), a.getTags(),
                        AuthorProfile.unresolved(a.getAuthor()), a.getPublishedAt(), a.getReadingMinutes(), Map.of()))
                .toList();
        return new SearchResults(hits, count.getSingleResult(), true, page, size, true);
    }

    private SearchResults withAuthors(SearchResults results) {
        Map<String, AuthorProfile> profiles = authors.lookup(results.items().stream()
                .map(h -> h.author().username()).collect(Collectors.toSet()));
        return new SearchResults(results.items().stream()
                .map(h -> h.withAuthor(profiles.getOrDefault(h.author().username(), h.author()))).toList(),
                results.total(), results.totalExact(), results.page(), results.size(), results.degraded());
    }
}
