-- "My articles" pages by last update, newest first, ties broken by id.
CREATE INDEX ix_article_author_updated ON article (author, updated_at, id);
