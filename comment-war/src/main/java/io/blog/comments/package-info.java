/** The discussion service: comment threads on published articles, spam checks and moderation. */
package io.blog.comments;
