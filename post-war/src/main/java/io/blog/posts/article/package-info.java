/** Articles: writing, publishing, slugs, access rules ({@code ArticlePermissions}), the public lists and their cache. */
package io.blog.posts.article;
