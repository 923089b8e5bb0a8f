/**
 * Full-text search in Elasticsearch, kept in step with the database through a transactional
 * outbox, with a database fallback when Elasticsearch is unavailable.
 */
package io.blog.posts.search;
