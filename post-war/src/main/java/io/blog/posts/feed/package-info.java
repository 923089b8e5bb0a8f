/** Syndication and discovery documents: RSS 2.0 and Atom 1.0 feeds and the sitemaps.org sitemap. */
package io.blog.posts.feed;
