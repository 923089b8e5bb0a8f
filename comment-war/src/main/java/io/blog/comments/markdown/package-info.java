/** Comment Markdown: a small safe subset rendered and sanitized once, on write. */
package io.blog.comments.markdown;
