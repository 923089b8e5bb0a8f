-- Comments and the moderation audit. Portable between MariaDB and H2 in MariaDB mode (the
-- zero-setup run). Ids are UUIDs made in Java, so a root comment knows its own root_id at insert.
CREATE TABLE comment (
    id            VARCHAR(36)  NOT NULL,
    post_slug     VARCHAR(100) NOT NULL,
    -- The article's author when the comment was written (from post-war): who may moderate it.
    post_author   VARCHAR(32)  NOT NULL,
    parent_id     VARCHAR(36),
    -- The thread's root (its own id for a root): a page of threads is one IN query on this column.
    root_id       VARCHAR(36)  NOT NULL,
    depth         INT          NOT NULL,
    author        VARCHAR(32)  NOT NULL,
    -- Null once deleted: a deleted comment only keeps its place in the thread.
    body_markdown MEDIUMTEXT,
    body_html     MEDIUMTEXT,
    status        VARCHAR(16)  NOT NULL,
    spam_reason   VARCHAR(200),
    created_at    DATETIME(3)  NOT NULL,
    edited_at     DATETIME(3),
    deleted_at    DATETIME(3),
    CONSTRAINT pk_comment PRIMARY KEY (id)
);
CREATE INDEX ix_comment_post ON comment (post_slug, status, root_id);
-- Keyset pagination of a post's threads, oldest or newest first.
CREATE INDEX ix_comment_roots ON comment (post_slug, parent_id, created_at, id);
CREATE INDEX ix_comment_root ON comment (root_id);
CREATE INDEX ix_comment_author ON comment (author, status, created_at);
CREATE INDEX ix_comment_post_author ON comment (post_author, status, created_at);
-- The moderation queue of editors and administrators, and the pending gauge.
CREATE INDEX ix_comment_status ON comment (status, created_at);

-- Every moderation action: who did what to which comment, and the status before and after.
CREATE TABLE moderation_audit (
    id          VARCHAR(36)  NOT NULL,
    comment_id  VARCHAR(36)  NOT NULL,
    post_slug   VARCHAR(100) NOT NULL,
    actor       VARCHAR(32)  NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    from_status VARCHAR(16)  NOT NULL,
    to_status   VARCHAR(16)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT pk_moderation_audit PRIMARY KEY (id)
);
CREATE INDEX ix_moderation_audit_created ON moderation_audit (created_at, id);
