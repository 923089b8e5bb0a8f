/** Articles: writing, publishing, slugs, access rules, the public lists and their cache. */
package io.blog.posts.article;
