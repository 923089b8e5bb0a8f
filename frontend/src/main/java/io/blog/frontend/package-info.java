/**
 * Serving the static front end from Liberty (the one-command run): every client-side route answers
 * with index.html, and the feed addresses readers know are passed to post-war.
 */
package io.blog.frontend;
