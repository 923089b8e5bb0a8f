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

    /** Sets the value only if the key is absent; true if this call set it (a lock or a claim). */
    boolean setIfAbsent(String key, String value, Duration ttl);

    boolean exists(String key);

    void delete(String... keys);

    /** Adds {@code by} to one field of a hash (created without expiry); returns the new value. */
    long hashIncrement(String key, String field, long by);

    /** One field of a hash, 0 if absent. */
    long hashValue(String key, String field);

    /**
     * Atomically takes the whole hash away and returns it, so increments that arrive meanwhile
     * land in a fresh hash and are never lost nor counted twice.
     */
    java.util.Map<String, Long> hashDrain(String key);

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
