/**
 * View counts: a beacon from the article page counts each visitor once per window in Redis, and the totals are
 * written to the database in periodic batches. Fetching an article counts nothing (the gateway may answer it).
 */
package io.blog.posts.view;
