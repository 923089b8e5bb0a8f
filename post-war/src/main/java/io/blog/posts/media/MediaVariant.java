package io.blog.posts.media;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.io.Serializable;

/** One stored width of an uploaded image, encoded and ready to send. */
@Entity
@Table(name = "media_variant")
@IdClass(MediaVariant.Key.class)
public class MediaVariant {

    public record Key(String mediaId, int width) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "media_id", length = 80)
    private String mediaId;

    @Id
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(name = "content_type", nullable = false, length = 32)
    private String contentType;

    @Lob
    @Basic(optional = false)
    @Column(nullable = false)
    private byte[] bytes;

    protected MediaVariant() {
    }

    MediaVariant(MediaId media, ImageVariants.Variant variant) {
        this.mediaId = media.toString();
        this.width = variant.width();
        this.height = variant.height();
        this.contentType = variant.contentType();
        this.bytes = variant.bytes();
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public String getContentType() {
        return contentType;
    }

    public byte[] getBytes() {
        return bytes;
    }
}
