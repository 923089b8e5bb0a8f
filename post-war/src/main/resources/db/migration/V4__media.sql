-- Uploaded images (io.blog.posts.media) and the widths they are served in. The bytes live in the
-- database like every article, so replication to the replica, backups and restores carry them.
CREATE TABLE media (
    id         VARCHAR(80) NOT NULL,
    owner      VARCHAR(32) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    width      INT         NOT NULL,
    height     INT         NOT NULL,
    CONSTRAINT pk_media PRIMARY KEY (id)
);
CREATE INDEX ix_media_owner ON media (owner, created_at);

CREATE TABLE media_variant (
    media_id     VARCHAR(80) NOT NULL,
    width        INT         NOT NULL,
    height       INT         NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    bytes        MEDIUMBLOB  NOT NULL,
    CONSTRAINT pk_media_variant PRIMARY KEY (media_id, width),
    CONSTRAINT fk_media_variant_media FOREIGN KEY (media_id) REFERENCES media (id)
);
