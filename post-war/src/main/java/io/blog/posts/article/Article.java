package io.blog.posts.article;

import io.blog.posts.markdown.MarkdownRenderer;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An article. The rendered, sanitized HTML is stored next to the Markdown, so reads never render.
 * The author is a username: stable across services, display data is looked up, never joined.
 */
@Entity
@Table(name = "article")
public class Article {

    @Id
    private String id;

    @Column(nullable = false, unique = true, length = 100)
    private String slug;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 500)
    private String summary;

    // Deliberately eager: with EclipseLink fetch groups, touching a lazy attribute of a changed
    // entity reloads it and silently drops the unflushed changes (seen: a rename that kept the old title).
    @Column(name = "body_markdown", nullable = false)
    private String bodyMarkdown;

    @Column(name = "body_html", nullable = false)
    private String bodyHtml;

    @Column(name = "cover_image_url")
    private String coverImageUrl;

    @Column(nullable = false, length = 32)
    private String author;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ArticleStatus status;

    @Column(name = "publish_at")
    private Instant publishAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "render_version", nullable = false)
    private int renderVersion;

    @Column(name = "reading_minutes", nullable = false)
    private int readingMinutes;

    @Column(name = "view_count", nullable = false)
    private long viewCount;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "article_tag", joinColumns = @JoinColumn(name = "article_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Version
    private long version;

    protected Article() {
    }

    Article(String slug, String author, Content content, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.slug = slug;
        this.author = author;
        this.viewCount = 0;
        this.createdAt = now;
        apply(content, now);
    }

    /** Everything an author edits, already rendered and validated. */
    record Content(String title, String summary, String bodyMarkdown, String bodyHtml, int readingMinutes,
                   Set<String> tags, String coverImageUrl) {
    }

    void apply(Content content, Instant now) {
        this.title = content.title();
        this.summary = content.summary();
        this.bodyMarkdown = content.bodyMarkdown();
        this.bodyHtml = content.bodyHtml();
        this.renderVersion = MarkdownRenderer.VERSION;
        this.readingMinutes = content.readingMinutes();
        this.tags.clear();
        this.tags.addAll(content.tags());
        this.coverImageUrl = content.coverImageUrl();
        this.updatedAt = now;
    }

    void changeSlug(String slug) {
        this.slug = slug;
    }

    void draft(Instant now) {
        this.status = ArticleStatus.DRAFT;
        this.publishAt = null;
        this.updatedAt = now;
    }

    void schedule(Instant at, Instant now) {
        this.status = ArticleStatus.SCHEDULED;
        this.publishAt = at;
        this.updatedAt = now;
    }

    /** Publishing keeps the first publication date, so re-publishing an edit does not bump it to the top. */
    void publish(Instant now) {
        this.status = ArticleStatus.PUBLISHED;
        this.publishAt = null;
        if (this.publishedAt == null) {
            this.publishedAt = now;
        }
        this.updatedAt = now;
    }

    void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }

    void restore(Instant now) {
        this.deletedAt = null;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getTitle() {
        return title;
    }

    public String getSummary() {
        return summary;
    }

    public String getBodyMarkdown() {
        return bodyMarkdown;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public String getCoverImageUrl() {
        return coverImageUrl;
    }

    public String getAuthor() {
        return author;
    }

    public ArticleStatus getStatus() {
        return status;
    }

    public Instant getPublishAt() {
        return publishAt;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public int getReadingMinutes() {
        return readingMinutes;
    }

    public long getViewCount() {
        return viewCount;
    }

    public List<String> getTags() {
        return tags.stream().sorted().toList();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public boolean isPublished() {
        return status == ArticleStatus.PUBLISHED && deletedAt == null;
    }

    public long getVersion() {
        return version;
    }
}
