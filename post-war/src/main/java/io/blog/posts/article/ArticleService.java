package io.blog.posts.article;

import io.blog.common.cache.JsonCache;
import io.blog.common.data.WritesToPrimary;
import io.blog.common.json.Timestamps;
import io.blog.common.metrics.MetricNames;
import io.blog.common.paging.CursorPage;
import io.blog.common.paging.Keyset;
import io.blog.common.problem.ProblemException;
import io.blog.common.profile.AuthorProfile;
import io.blog.common.ratelimit.RateLimit;
import io.blog.common.ratelimit.RateLimiter;
import io.blog.common.security.Caller;
import io.blog.common.security.Roles;
import io.blog.posts.article.ArticleRepository.Edited;
import io.blog.posts.article.ArticleRepository.Position;
import io.blog.posts.article.ArticleRequests.ArticleInput;
import io.blog.posts.article.ArticleViews.ArticleSummary;
import io.blog.posts.article.ArticleViews.ArticleView;
import io.blog.posts.article.ArticleViews.Neighbour;
import io.blog.posts.article.ArticleViews.Neighbours;
import io.blog.posts.article.ArticleViews.Preview;
import io.blog.common.profile.AuthorProfiles;
import io.blog.posts.markdown.MarkdownRenderer;
import io.blog.posts.media.MediaService;
import io.blog.posts.revision.Revisions;
import io.blog.posts.search.SearchOutbox;
import io.blog.posts.slug.Slugs;
import io.blog.posts.view.ViewCounter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Article rules: who may do what, slugs, publishing states, revisions, cache and index upkeep. */
@ApplicationScoped
public class ArticleService {

    static final Set<String> RESERVED_SLUGS = Set.of("mine", "tags", "titles", "search", "preview", "feed", "sitemap", "pages", "media");
    static final int MAX_TITLES = 50;
    private static final int SUMMARY_CHARS = 200;

    @Inject
    ArticleRepository articles;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    MediaService media;

    @Inject
    Revisions revisions;

    @Inject
    SearchOutbox outbox;

    @Inject
    JsonCache cache;

    @Inject
    ViewCounter views;

    @Inject
    AuthorProfiles authors;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "blog.posts.cache.article-seconds", defaultValue = "300")
    long articleCacheSeconds;

    @Inject
    @ConfigProperty(name = "blog.posts.cache.list-seconds", defaultValue = "60")
    long listCacheSeconds;

    @Inject
    @ConfigProperty(name = "blog.posts.trash.days", defaultValue = "30")
    long trashDays;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "blog.posts.limit.creates-per-hour", defaultValue = "60")
    int createsPerHour;

    @Inject
    @ConfigProperty(name = "blog.posts.limit.saves-per-hour", defaultValue = "600")
    int savesPerHour;

    @Inject
    @ConfigProperty(name = "blog.posts.limit.previews-per-hour", defaultValue = "1200")
    int previewsPerHour;

    private RateLimit createLimit;
    private RateLimit saveLimit;
    private RateLimit previewLimit;

    @PostConstruct
    void limits() {
        createLimit = new RateLimit("article-create-user", createsPerHour, Duration.ofHours(1));
        saveLimit = new RateLimit("article-save-user", savesPerHour, Duration.ofHours(1));
        previewLimit = new RateLimit("article-preview-user", previewsPerHour, Duration.ofHours(1));
    }

    /**
     * Writing costs a revision, a Markdown render and an index update: authors get an hourly budget
     * of each (editors and administrators, the site's staff, do not), so one new account cannot
     * flood the site or its storage at the API's general rate.
     */
    private void spend(RateLimit limit, Caller caller) {
        if (!caller.moderatesAll()) {
            rateLimiter.acquire(limit, caller.username());
        }
    }

    /** The first page of a list, cached whole; requests take the slice they asked for. */
    public record FirstPage(List<ArticleSummary> items, boolean more) {
    }

    @Transactional
    @WritesToPrimary
    public ArticleView create(ArticleInput input, Caller caller) {
        if (!ArticlePermissions.mayWrite(caller)) {
            throw ProblemException.forbidden("Only authors, editors and administrators can write articles.");
        }
        spend(createLimit, caller);
        Instant now = Timestamps.now();
        Article article = new Article(uniqueSlug(input.title()), caller.username(), content(input), now);
        applyStatus(article, input, now);
        articles.add(article);
        revisions.record(article, caller.username(), now);
        outbox.enqueue(article.getId(), now);
        metrics.counter(MetricNames.POSTS_CREATED).inc();
        if (article.isPublished()) {
            metrics.counter(MetricNames.POSTS_PUBLISHED).inc();
            cache.evictAfterCommit(ArticleCacheKeys.affectedBy(List.of(article.getSlug()), article.getTags(), article.getAuthor()));
        }
        return editorView(article);
    }

    /**
     * Replaces title, body, tags, status and cover. The caller must name the version they edited
     * (If-Match or {@code version}); a stale version fails with 412 and changes nothing.
     */
    @Transactional
    @WritesToPrimary
    public ArticleView update(String slug, ArticleInput input, Long expectedVersion, Caller caller) {
        Article article = lockedEditable(slug, caller);
        spend(saveLimit, caller);
        Long expected = expectedVersion != null ? expectedVersion : input.version();
        if (expected == null) {
            throw new ProblemException(428, "Precondition Required",
                    "Send the version you edited, as If-Match or as 'version' in the body.");
        }
        if (expected != article.getVersion()) {
            throw ProblemException.preconditionFailed("The article changed since version " + expected
                    + " (now " + article.getVersion() + "). Reload it and apply your edits again.");
        }
        Instant now = Timestamps.now();
        Set<String> affectedSlugs = new LinkedHashSet<>(List.of(article.getSlug()));
        Set<String> affectedTags = new LinkedHashSet<>(article.getTags());
        boolean wasPublished = article.isPublished();
        if (!article.getTitle().equals(input.title().trim())) {
            String newSlug = uniqueSlug(input.title());
            articles.rememberOldSlug(article.getSlug(), article.getId());
            article.changeSlug(newSlug);
            affectedSlugs.add(newSlug);
        }
        article.apply(content(input), now);
        applyStatus(article, input, now);
        affectedTags.addAll(article.getTags());
        try {
            articles.flush();
        } catch (OptimisticLockException e) {
            throw ProblemException.preconditionFailed("The article was changed at the same moment; reload it and try again.");
        }
        revisions.record(article, caller.username(), now);
        outbox.enqueue(article.getId(), now);
        if (!wasPublished && article.isPublished()) {
            metrics.counter(MetricNames.POSTS_PUBLISHED).inc();
        }
        cache.evictAfterCommit(ArticleCacheKeys.affectedBy(affectedSlugs, affectedTags, article.getAuthor()));
        return editorView(article);
    }

    /** Soft delete: the article disappears at once and can be restored by an administrator for a while. */
    @Transactional
    @WritesToPrimary
    public void delete(String slug, Caller caller) {
        Article article = lockedEditable(slug, caller);
        Instant now = Timestamps.now();
        article.delete(now);
        outbox.enqueue(article.getId(), now);
        cache.evictAfterCommit(ArticleCacheKeys.affectedBy(List.of(article.getSlug()), article.getTags(), article.getAuthor()));
    }

    @Transactional
    @WritesToPrimary
    public ArticleView restore(String slug, Caller caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ProblemException.forbidden("Only administrators can restore deleted articles.");
        }
        Article article = articles.findBySlugForUpdate(slug).filter(Article::isDeleted)
                .orElseThrow(() -> ProblemException.notFound("No deleted article '" + slug + "'."));
        Instant now = Timestamps.now();
        if (article.getDeletedAt().isBefore(now.minus(Duration.ofDays(trashDays)))) {
            throw new ProblemException(410, "Gone", "The article was deleted more than " + trashDays + " days ago.");
        }
        article.restore(now);
        outbox.enqueue(article.getId(), now);
        cache.evictAfterCommit(ArticleCacheKeys.affectedBy(List.of(article.getSlug()), article.getTags(), article.getAuthor()));
        return editorView(article);
    }

    /**
     * One article as the caller may see it. Anonymous readers of published articles are served
     * from the cache; everyone else reads through routing, so authors see their own saves at once.
     */
    public Optional<ArticleView> find(String slug, Caller caller) {
        Optional<ArticleView> found;
        if (!caller.signedIn()) {
            ArticleView cached = cache.get(ArticleCacheKeys.ARTICLE_CACHE, ArticleCacheKeys.article(slug),
                    Duration.ofSeconds(articleCacheSeconds), ArticleView.class,
                    () -> articles.findBySlug(slug).filter(Article::isPublished)
                            .map(a -> withAuthor(ArticleViews.view(a))).orElse(null));
            found = Optional.ofNullable(cached);
        } else {
            found = articles.findBySlug(slug).filter(a -> ArticlePermissions.maySee(caller, a))
                    .map(a -> {
                        ArticleView view = withAuthor(ArticleViews.view(a));
                        return ArticlePermissions.mayEdit(caller, a) ? view.withEditorFields(a.getBodyMarkdown()) : view;
                    });
        }
        return found.map(this::withCurrentViews);
    }

    /**
     * Where an old slug moved to, for a 301 — only for someone who may see the article there: the
     * new slug of a draft or deleted article is as private as the article.
     */
    public Optional<String> currentSlugFor(String oldSlug, Caller caller) {
        return articles.findByOldSlug(oldSlug).filter(a -> ArticlePermissions.maySee(caller, a)).map(Article::getSlug);
    }

    /**
     * True when the address belonged to a published article that has since been deleted (it is in
     * the trash): readers and crawlers are told it is gone for good (410), not that it never was.
     */
    public boolean wasDeleted(String slug) {
        return articles.findBySlug(slug).or(() -> articles.findByOldSlug(slug))
                .filter(a -> a.isDeleted() && a.getPublishedAt() != null).isPresent();
    }

    public CursorPage<ArticleSummary> list(String tag, String author, Integer limit, String cursor) {
        Keyset keyset = Keyset.of(cursor, limit);
        int size = keyset.limit();
        String normalizedTag = tag == null || tag.isBlank() ? null : normalizeTag(tag);
        String normalizedAuthor = author == null || author.isBlank() ? null : author.trim().toLowerCase(Locale.ROOT);
        List<ArticleSummary> items;
        boolean more;
        if (!keyset.continues()) {
            // The first page is cached at its longest, so every limit is served from one entry.
            FirstPage first = cache.get(ArticleCacheKeys.LIST_CACHE, ArticleCacheKeys.firstPage(normalizedTag, normalizedAuthor),
                    Duration.ofSeconds(listCacheSeconds), FirstPage.class,
                    () -> loadPage(normalizedTag, normalizedAuthor, null, Keyset.MAX_LIMIT));
            items = first.items().subList(0, Math.min(size, first.items().size()));
            more = first.items().size() > size || first.more();
        } else {
            FirstPage page = loadPage(normalizedTag, normalizedAuthor, new Position(keyset.after(), keyset.afterId()), size);
            items = page.items();
            more = page.more();
        }
        String next = more && !items.isEmpty() ? Keyset.cursorAfter(items.getLast().publishedAt(), items.getLast().id()) : null;
        return new CursorPage<>(items, next);
    }

    /**
     * Titles of published articles by slug, for pages that know slugs only (the moderation queue);
     * unknown, unpublished and deleted slugs are left out rather than failing the request.
     */
    public Titles titles(String slugs) {
        if (slugs == null || slugs.isBlank()) {
            throw ProblemException.invalidField("slugs", "is required: comma-separated article slugs");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String slug : slugs.split(",")) {
            if (!slug.isBlank()) {
                wanted.add(slug.trim());
            }
        }
        if (wanted.size() > MAX_TITLES) {
            throw ProblemException.invalidField("slugs", "at most " + MAX_TITLES + " articles at once");
        }
        return new Titles(wanted.isEmpty() ? Map.of() : articles.publishedTitles(wanted));
    }

    public record Titles(Map<String, String> titles) {
    }

    /** The published articles before and after this one in the public list; empty unless it is published. */
    public Optional<Neighbours> neighbours(String slug) {
        return articles.findBySlug(slug).filter(Article::isPublished).map(a -> {
            Position at = new Position(a.getPublishedAt(), a.getId());
            return new Neighbours(articles.findPublishedNext(at, false).map(Neighbour::of).orElse(null),
                    articles.findPublishedNext(at, true).map(Neighbour::of).orElse(null));
        });
    }

    /** The (signed-in) caller's own articles of every status, last updated first, a page at a time. */
    public CursorPage<ArticleSummary> mine(Caller caller, ArticleStatus status, Integer limit, String cursor) {
        Keyset keyset = Keyset.of(cursor, limit);
        Edited after = keyset.continues() ? new Edited(keyset.after(), keyset.afterId()) : null;
        List<Article> rows = articles.findByAuthor(caller.username(), status, after, keyset.fetchSize());
        return keyset.page(rows, Article::getUpdatedAt, Article::getId,
                shown -> withAuthors(shown.stream().map(ArticleViews::summary).toList()));
    }

    public Map<String, Long> tagCounts() {
        return cache.get(ArticleCacheKeys.LIST_CACHE, ArticleCacheKeys.TAGS_KEY, Duration.ofSeconds(listCacheSeconds),
                TagCounts.class, () -> new TagCounts(articles.publishedTagCounts())).counts();
    }

    public record TagCounts(Map<String, Long> counts) {
    }

    public Preview preview(String body, Caller caller) {
        spend(previewLimit, caller);
        return new Preview(markdown.toSafeHtml(body), markdown.summarize(body, SUMMARY_CHARS), markdown.readingMinutes(body));
    }

    /**
     * The article behind {@code slug} for an edit by {@code caller}: 404 if they may not see it, 403
     * if they may not edit. An old slug still names its article, so an editor left open before a
     * rename meets the version check (412) rather than a 404 for an article that exists.
     */
    public Article editable(String slug, Caller caller) {
        Article article = articles.findBySlugForUpdate(slug).or(() -> articles.findByOldSlugForUpdate(slug)).filter(a -> ArticlePermissions.maySee(caller, a))
                .orElseThrow(() -> ProblemException.notFound("No article '" + slug + "'."));
        if (!ArticlePermissions.mayEdit(caller, article)) {
            throw ProblemException.forbidden("Only the author, editors and administrators can change this article.");
        }
        return article;
    }

    /** As {@link #editable}, with the row locked until the transaction ends, so concurrent edits queue. */
    private Article lockedEditable(String slug, Caller caller) {
        return articles.findByIdForUpdate(editable(slug, caller).getId()).orElseThrow();
    }

    /** Called by the scheduler for each claimed article, inside its transaction. */
    public void publishScheduled(Article article, Instant now) {
        Instant due = article.getPublishAt();
        article.publish(now);
        if (due != null && !due.isAfter(now)) {
            metrics.timer(MetricNames.SCHEDULED_PUBLISH_LAG).update(Duration.between(due, now));
        }
        outbox.enqueue(article.getId(), now);
        metrics.counter(MetricNames.POSTS_PUBLISHED).inc();
        cache.evictAfterCommit(ArticleCacheKeys.affectedBy(List.of(article.getSlug()), article.getTags(), article.getAuthor()));
    }

    private FirstPage loadPage(String tag, String author, Position after, int size) {
        List<Article> rows = articles.findPublished(tag, author, after, size + 1);
        boolean more = rows.size() > size;
        List<ArticleSummary> items = rows.stream().limit(size).map(ArticleViews::summary).toList();
        return new FirstPage(withAuthors(items), more);
    }

    private List<ArticleSummary> withAuthors(List<ArticleSummary> items) {
        Map<String, AuthorProfile> profiles =
                authors.lookup(items.stream().map(i -> i.author().username()).collect(Collectors.toSet()));
        return items.stream().map(i -> i.withAuthor(profiles.getOrDefault(i.author().username(), i.author()))).toList();
    }

    private ArticleView withAuthor(ArticleView view) {
        return view.withAuthor(authors.lookup(Set.of(view.author().username()))
                .getOrDefault(view.author().username(), view.author()));
    }

    private ArticleView editorView(Article article) {
        return withAuthor(ArticleViews.view(article)).withEditorFields(article.getBodyMarkdown());
    }

    /** Views are counted by the page's beacon ({@code view.ViewBeacon}), not by fetching the article. */
    private ArticleView withCurrentViews(ArticleView view) {
        return view.status() == ArticleStatus.PUBLISHED ? view.withViewCount(views.total(view.id(), view.viewCount())) : view;
    }

    private Article.Content content(ArticleInput input) {
        String body = input.body();
        String summary = input.summary() == null || input.summary().isBlank()
                ? markdown.summarize(body, SUMMARY_CHARS) : input.summary().trim();
        Set<String> tags = new LinkedHashSet<>();
        if (input.tags() != null) {
            for (String tag : input.tags()) {
                tags.add(normalizeTag(tag));
            }
        }
        String cover = input.coverImageUrl() == null || input.coverImageUrl().isBlank() ? null : input.coverImageUrl().trim();
        media.requireUploaded(cover);
        return new Article.Content(input.title().trim(), summary, body, markdown.toSafeHtml(body),
                markdown.readingMinutes(body), tags, cover);
    }

    private static void applyStatus(Article article, ArticleInput input, Instant now) {
        switch (input.status()) {
            case DRAFT -> article.draft(now);
            case PUBLISHED -> article.publish(now);
            case SCHEDULED -> {
                if (input.publishAt() == null) {
                    throw ProblemException.invalidField("publishAt", "is required for a SCHEDULED article");
                }
                if (!input.publishAt().isAfter(now)) {
                    throw ProblemException.invalidField("publishAt", "must be in the future");
                }
                article.schedule(input.publishAt(), now);
            }
        }
    }

    private String uniqueSlug(String title) {
        String base = Slugs.slugify(title);
        // Leave room for a "-post" or "-N" suffix within the slug length limit.
        int room = Slugs.MAX_LENGTH - 8;
        if (base.length() > room) {
            int cut = Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room;
            base = base.substring(0, cut).replaceAll("-+$", "");
        }
        if (RESERVED_SLUGS.contains(base)) {
            base = base + "-post";
        }
        String candidate = base;
        for (int n = 2; articles.slugTaken(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    static String normalizeTag(String tag) {
        String normalized = tag.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        if (normalized.isEmpty() || normalized.length() > 50) {
            throw ProblemException.invalidField("tags", "each tag must be 1-50 characters");
        }
        return normalized;
    }
}
