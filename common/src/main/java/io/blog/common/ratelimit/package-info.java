/** Fixed-window rate limits kept in the shared key-value store, so a limit holds across instances. */
package io.blog.common.ratelimit;
