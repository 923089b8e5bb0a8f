-- Trust comes only from approvals by site-wide moderators (editors, administrators), not from an
-- article's author approving comments on their own article (#14: a new account could publish an
-- article, approve its own comment there and be trusted everywhere).
ALTER TABLE moderation_audit ADD COLUMN site_wide BOOLEAN NOT NULL DEFAULT FALSE;
-- Earlier approvals by anyone but the article's author were by editors or administrators (no one
-- else may moderate another's article); an approval by the article's author stays article-wide.
-- (A correlated subquery rather than UPDATE … JOIN: the one-command run migrates H2 with the same file.)
UPDATE moderation_audit SET site_wide = TRUE
 WHERE actor <> (SELECT c.post_author FROM comment c WHERE c.id = moderation_audit.comment_id);
CREATE INDEX ix_moderation_audit_comment ON moderation_audit (comment_id);
