/** Revisions: every save of an article is kept, listed, shown and restorable. */
package io.blog.posts.revision;
