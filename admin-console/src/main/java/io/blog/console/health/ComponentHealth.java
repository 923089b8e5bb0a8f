package io.blog.console.health;

import java.time.Instant;

/** One component's state at one sample: up or not, and what it said about itself. */
public record ComponentHealth(String name, String kind, boolean up, String state, String detail, Instant at) {
}
