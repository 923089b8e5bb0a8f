-- Articles, their tags, old slugs, revisions and the search outbox. Portable between MariaDB and
-- H2 in MariaDB mode (the zero-setup run).
CREATE TABLE article (
    id              VARCHAR(36)  NOT NULL,
    slug            VARCHAR(100) NOT NULL,
    title           VARCHAR(200) NOT NULL,
    summary         VARCHAR(500) NOT NULL,
    body_markdown   MEDIUMTEXT   NOT NULL,
    body_html       MEDIUMTEXT   NOT NULL,
    cover_image_url VARCHAR(500),
    author          VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    publish_at      DATETIME(3),
    published_at    DATETIME(3),
    reading_minutes INT          NOT NULL,
    view_count      BIGINT       NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    deleted_at      DATETIME(3),
    version         BIGINT       NOT NULL,
    CONSTRAINT pk_article PRIMARY KEY (id),
    CONSTRAINT uq_article_slug UNIQUE (slug)
);
-- Keyset pagination of the public list: newest first, ties broken by id.
CREATE INDEX ix_article_published ON article (status, published_at, id);
CREATE INDEX ix_article_author ON article (author, status, published_at);
CREATE INDEX ix_article_schedule ON article (status, publish_at);

CREATE TABLE article_tag (
    article_id VARCHAR(36) NOT NULL,
    tag        VARCHAR(50) NOT NULL,
    CONSTRAINT pk_article_tag PRIMARY KEY (article_id, tag),
    CONSTRAINT fk_article_tag_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);
CREATE INDEX ix_article_tag_tag ON article_tag (tag, article_id);

CREATE TABLE article_old_slug (
    slug       VARCHAR(100) NOT NULL,
    article_id VARCHAR(36)  NOT NULL,
    CONSTRAINT pk_article_old_slug PRIMARY KEY (slug),
    CONSTRAINT fk_article_old_slug_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);

CREATE TABLE article_revision (
    article_id    VARCHAR(36)  NOT NULL,
    number        INT          NOT NULL,
    title         VARCHAR(200) NOT NULL,
    summary       VARCHAR(500) NOT NULL,
    body_markdown MEDIUMTEXT   NOT NULL,
    tags          VARCHAR(600) NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    created_by    VARCHAR(32)  NOT NULL,
    CONSTRAINT pk_article_revision PRIMARY KEY (article_id, number),
    CONSTRAINT fk_article_revision_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
);

-- Written in the same transaction as the article change; the relay pushes it to Elasticsearch.
CREATE TABLE search_outbox (
    id              VARCHAR(36)  NOT NULL,
    article_id      VARCHAR(36)  NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at DATETIME(3)  NOT NULL,
    last_error      VARCHAR(500),
    CONSTRAINT pk_search_outbox PRIMARY KEY (id)
);
CREATE INDEX ix_search_outbox_due ON search_outbox (next_attempt_at, created_at);
