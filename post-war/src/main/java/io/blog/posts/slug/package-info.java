/** URL slugs derived from post titles, and the check that keeps junk slugs out of lookups. */
package io.blog.posts.slug;
