package io.blog.posts.revision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The state of an article after one save. Tags are kept as a comma list: they are only read back whole. */
@Entity
@Table(name = "article_revision")
@IdClass(Revision.Key.class)
public class Revision {

    public record Key(String articleId, int number) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "article_id", length = 36)
    private String articleId;

    @Id
    private int number;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 500)
    private String summary;

    @Column(name = "body_markdown", nullable = false)
    private String bodyMarkdown;

    @Column(nullable = false, length = 600)
    private String tags;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 32)
    private String createdBy;

    protected Revision() {
    }

    Revision(String articleId, int number, String title, String summary, String bodyMarkdown, List<String> tags,
             Instant createdAt, String createdBy) {
        this.articleId = articleId;
        this.number = number;
        this.title = title;
        this.summary = summary;
        this.bodyMarkdown = bodyMarkdown;
        this.tags = String.join(",", tags);
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public int getNumber() {
        return number;
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

    public List<String> getTags() {
        return tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
