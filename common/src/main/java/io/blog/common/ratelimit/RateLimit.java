package io.blog.common.ratelimit;

import java.time.Duration;

/** A named limit: at most {@code limit} events per {@code window} per key. */
public record RateLimit(String name, int limit, Duration window) {
}
