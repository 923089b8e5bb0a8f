package io.blog.posts.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * "Article X changed": the relay reads the article's current state when it handles the entry, so
 * entries carry no payload, may be handled twice, and order does not matter.
 */
@Entity
@Table(name = "search_outbox")
public class OutboxEntry {

    // Generated here rather than by the database: portable between MariaDB and H2, and no extra round trip.
    @Id
    private String id;

    @Column(name = "article_id", nullable = false, length = 36)
    private String articleId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected OutboxEntry() {
    }

    OutboxEntry(String articleId, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.articleId = articleId;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    String getArticleId() {
        return articleId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    int getAttempts() {
        return attempts;
    }

    void failed(String error, Instant retryAt) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        nextAttemptAt = retryAt;
    }
}
