-- Which version of the Markdown renderer produced body_html. Rows written before this column are
-- version 0; RenderUpgrade renders older rows again in the background, so a change to the
-- renderer (code highlighting, version 1) reaches every article, not only those saved since.
ALTER TABLE article ADD COLUMN render_version INT DEFAULT 0 NOT NULL;
CREATE INDEX ix_article_render_version ON article (render_version);
