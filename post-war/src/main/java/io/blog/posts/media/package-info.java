/**
 * Uploaded images (article covers): each upload is decoded, turned upright, re-encoded without its
 * metadata in a few widths for responsive {@code srcset}, stored in the posts database (so
 * replication and backups carry it) and served with immutable caching under a content address.
 */
package io.blog.posts.media;
