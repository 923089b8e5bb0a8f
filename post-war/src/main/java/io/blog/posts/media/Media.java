package io.blog.posts.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An uploaded image: who uploaded it and when. Its pixels are in its {@link MediaVariant}s. */
@Entity
@Table(name = "media")
public class Media {

    @Id
    @Column(length = 80)
    private String id;

    @Column(nullable = false, length = 32)
    private String owner;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    protected Media() {
    }

    Media(MediaId id, String owner, Instant createdAt) {
        this.id = id.toString();
        this.owner = owner;
        this.createdAt = createdAt;
        this.width = id.width();
        this.height = id.height();
    }

    public String getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
