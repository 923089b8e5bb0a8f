/**
 * One-command run only: once every service answers, load sample content through the public API
 * (so it goes through the same rules as a real user's writes) and print where the blog is.
 */
package io.blog.frontend.devrun;
