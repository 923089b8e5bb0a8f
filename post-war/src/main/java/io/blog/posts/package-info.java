/** The content service: articles, tags, revisions, feeds, caching and search. */
package io.blog.posts;
