/** Markdown for posts and comments: safe HTML for display, plain text for summaries, search and reading time. */
package io.blog.posts.markdown;
