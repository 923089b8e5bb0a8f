package io.blog.common.kv;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Adds one to a field of a hash (created without expiry), first raising the field to
     * {@code floor} if it is lower or absent, and adds the field to the set {@code markSet}, all in
     * one atomic step; returns the new value. The floor lets a counter the store lost start again
     * from a known total instead of zero; the set tells a batch job what changed without a scan.
     * Both keys must have the same hash tag ({@code views:{counts}:totals} and
     * {@code views:{counts}:viewed}) so that a Redis Cluster keeps them in one slot.
     */
    long incrementAndMark(String key, String field, long floor, String markSet);

    /** One field of a hash, 0 if absent. */
    long hashValue(String key, String field);

    /** Several fields of a hash in one call, each 0 if absent. */
    Map<String, Long> hashValues(String key, Collection<String> fields);

    /** Adds members to a set (created without expiry). */
    void setAdd(String key, Collection<String> members);

    /** Removes and returns up to {@code count} members of a set; each member goes to one caller only. */
    Set<String> setPop(String key, int count);

    /**
     * Adds one to a counter that starts at the first increment and disappears after {@code window}.
     * Returns the new value and the time left in the window.
     */
    Counter increment(String key, Duration window);

    /** The current value of a windowed counter, 0 if absent. */
    Counter peek(String key);

    /**
     * Takes one back from a windowed counter (never below 0), keeping its window; nothing if the
     * counter is gone. For limits that count an attempt before knowing whether it counts.
     */
    void decrementIfPresent(String key);

    /** True when the store answers; used by readiness checks. An answer ends a fail-fast pause. */
    boolean ping();

    /** True while calls fail at once after a recent connection failure, without asking the store. */
    default boolean failingFast() {
        return false;
    }

    /** A human-readable description for logs and health output (never includes credentials). */
    String describe();

    record Counter(long value, Duration remaining) {
    }

    /**
     * The part of a key a Redis Cluster hashes to pick its slot: the text between the first
     * {@code {} and the next {@code }}, if not empty, else the whole key.
     */
    static String hashTag(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }

    /** Refuses keys that a cluster would put in different slots, whichever store runs: a test on the in-process store catches it too. */
    static void requireOneSlot(String... keys) {
        String tag = hashTag(keys[0]);
        for (String key : keys) {
            if (!hashTag(key).equals(tag)) {
                throw new IllegalArgumentException("keys of one operation must share a hash tag ({…}): " + String.join(", ", keys));
            }
        }
    }
}
