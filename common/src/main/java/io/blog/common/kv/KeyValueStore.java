package io.blog.common.kv;

import java.time.Duration;
import java.util.Optional;

/**
 * What the services need from Redis: short-lived values and windowed counters. Every method may
 * throw {@link KeyValueStoreException} when the store is unreachable; callers decide whether that
 * fails open or closed.
 */
public interface KeyValueStore {

    Optional<String> get(String key);

    void set(String key, String value, Duration ttl);

    boolean exists(String key);

    void delete(String key);

    /**
     * Adds one to a counter that starts at the first increment and disappears after {@code window}.
     * Returns the new value and the time left in the window.
     */
    Counter increment(String key, Duration window);

    /** The current value of a windowed counter, 0 if absent. */
    Counter peek(String key);

    /** True when the store answers; used by readiness checks. */
    boolean ping();

    /** A human-readable description for logs and health output (never includes credentials). */
    String describe();

    record Counter(long value, Duration remaining) {
    }
}
