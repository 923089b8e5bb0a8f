package io.blog.posts.article;

import io.blog.common.profile.AuthorProfile;
import io.blog.posts.media.CoverImage;

import java.time.Instant;
import java.util.List;

/** What the API returns about articles. */
public final class ArticleViews {

    private ArticleViews() {
    }

    /**
     * One article. {@code bodyMarkdown} is present only for those who may edit it;
     * {@code publishAt} only while scheduled; {@code cover} is how to show {@code coverImageUrl}.
     */
    public record ArticleView(String id, String slug, String title, String summary, String bodyHtml,
                              String bodyMarkdown, List<String> tags, AuthorProfile author, ArticleStatus status,
                              Instant publishAt, Instant publishedAt, Instant updatedAt, int readingMinutes,
                              long viewCount, long version, String coverImageUrl, CoverImage cover) {

        ArticleView withEditorFields(String markdown) {
            return new ArticleView(id, slug, title, summary, bodyHtml, markdown, tags, author, status, publishAt,
                    publishedAt, updatedAt, readingMinutes, viewCount, version, coverImageUrl, cover);
        }

        ArticleView withViewCount(long views) {
            return new ArticleView(id, slug, title, summary, bodyHtml, bodyMarkdown, tags, author, status, publishAt,
                    publishedAt, updatedAt, readingMinutes, views, version, coverImageUrl, cover);
        }

        ArticleView withAuthor(AuthorProfile profile) {
            return new ArticleView(id, slug, title, summary, bodyHtml, bodyMarkdown, tags, profile, status, publishAt,
                    publishedAt, updatedAt, readingMinutes, viewCount, version, coverImageUrl, cover);
        }
    }

    /** A list entry: no body, the summary instead. */
    public record ArticleSummary(String id, String slug, String title, String summary, List<String> tags,
                                 AuthorProfile author, ArticleStatus status, Instant publishAt, Instant publishedAt,
                                 Instant updatedAt, int readingMinutes, String coverImageUrl, long version,
                                 CoverImage cover) {

        ArticleSummary withAuthor(AuthorProfile profile) {
            return new ArticleSummary(id, slug, title, summary, tags, profile, status, publishAt, publishedAt,
                    updatedAt, readingMinutes, coverImageUrl, version, cover);
        }
    }

    /** Where a reader goes from an article: the next older and the next newer published one, either may be null. */
    public record Neighbours(Neighbour older, Neighbour newer) {
    }

    public record Neighbour(String slug, String title, Instant publishedAt) {

        static Neighbour of(Article a) {
            return new Neighbour(a.getSlug(), a.getTitle(), a.getPublishedAt());
        }
    }

    public record Preview(String html, String summary, int readingMinutes) {
    }

    static ArticleView view(Article a) {
        return new ArticleView(a.getId(), a.getSlug(), a.getTitle(), a.getSummary(), a.getBodyHtml(), null,
                a.getTags(), AuthorProfile.unresolved(a.getAuthor()), a.getStatus(), a.getPublishAt(),
                a.getPublishedAt(), a.getUpdatedAt(), a.getReadingMinutes(), a.getViewCount(),
                a.getVersion(), a.getCoverImageUrl(), CoverImage.of(a.getCoverImageUrl()));
    }

    static ArticleSummary summary(Article a) {
        return new ArticleSummary(a.getId(), a.getSlug(), a.getTitle(), a.getSummary(), a.getTags(),
                AuthorProfile.unresolved(a.getAuthor()), a.getStatus(), a.getPublishAt(), a.getPublishedAt(),
                a.getUpdatedAt(), a.getReadingMinutes(), a.getCoverImageUrl(), a.getVersion(),
                CoverImage.of(a.getCoverImageUrl()));
    }
}
