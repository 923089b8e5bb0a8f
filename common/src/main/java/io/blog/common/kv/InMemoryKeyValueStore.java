package io.blog.common.kv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process stand-in for Redis, for a single server without infrastructure. It has the same
 * expiry semantics, but nothing is shared between instances, so it must never back a cluster.
 */
public class InMemoryKeyValueStore implements KeyValueStore {

    private record Entry(String value, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> hashes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sets = new ConcurrentHashMap<>();
    private final Clock clock;
    private long writesSinceSweep;

    public InMemoryKeyValueStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(live(key)).map(Entry::value);
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, clock.instant().plus(ttl)));
        sweepNowAndThen();
    }

    @Override
    public boolean setIfAbsent(String key, String value, Duration ttl) {
        Instant now = clock.instant();
        Entry fresh = new Entry(value, now.plus(ttl));
        Entry result = entries.compute(key, (k, old) -> old == null || !old.expiresAt().isAfter(now) ? fresh : old);
        return result == fresh;
    }

    @Override
    public boolean exists(String key) {
        return live(key) != null;
    }

    @Override
    public void delete(String... keys) {
        for (String key : keys) {
            entries.remove(key);
            hashes.remove(key);
            sets.remove(key);
        }
    }

    @Override
    public long incrementAndMark(String key, String field, long floor, String markSet) {
        KeyValueStore.requireOneSlot(key, markSet);
        long value = hashes.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(field, f -> new AtomicLong())
                .updateAndGet(current -> Math.max(current, floor) + 1);
        setAdd(markSet, List.of(field));
        return value;
    }

    @Override
    public long hashValue(String key, String field) {
        Map<String, AtomicLong> hash = hashes.get(key);
        AtomicLong value = hash == null ? null : hash.get(field);
        return value == null ? 0 : value.get();
    }

    @Override
    public Map<String, Long> hashValues(String key, Collection<String> fields) {
        Map<String, Long> values = new LinkedHashMap<>();
        fields.forEach(field -> values.put(field, hashValue(key, field)));
        return values;
    }

    @Override
    public void setAdd(String key, Collection<String> members) {
        sets.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(members);
    }

    @Override
    public Set<String> setPop(String key, int count) {
        Set<String> set = sets.get(key);
        Set<String> popped = new HashSet<>();
        if (set != null) {
            for (Iterator<String> it = set.iterator(); it.hasNext() && popped.size() < count; ) {
                String member = it.next();
                if (set.remove(member)) {
                    popped.add(member);
                }
            }
        }
        return popped;
    }

    @Override
    public Counter increment(String key, Duration window) {
        Instant now = clock.instant();
        Entry updated = entries.compute(key, (k, old) -> old == null || !old.expiresAt().isAfter(now)
                ? new Entry("1", now.plus(window))
                : new Entry(Long.toString(Long.parseLong(old.value()) + 1), old.expiresAt()));
        sweepNowAndThen();
        return new Counter(Long.parseLong(updated.value()), Duration.between(now, updated.expiresAt()));
    }

    @Override
    public void decrementIfPresent(String key) {
        Instant now = clock.instant();
        entries.computeIfPresent(key, (k, old) -> !old.expiresAt().isAfter(now) ? null
                : new Entry(Long.toString(Math.max(0, Long.parseLong(old.value()) - 1)), old.expiresAt()));
    }

    @Override
    public Counter peek(String key) {
        Entry entry = live(key);
        return entry == null ? new Counter(0, Duration.ZERO)
                : new Counter(Long.parseLong(entry.value()), Duration.between(clock.instant(), entry.expiresAt()));
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public String describe() {
        return "in-process (single instance only)";
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && !entry.expiresAt().isAfter(clock.instant())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    /** Expired keys nobody reads again would otherwise stay forever; an occasional sweep bounds memory. */
    private void sweepNowAndThen() {
        boolean sweep;
        synchronized (this) {
            sweep = ++writesSinceSweep >= 10_000;
            if (sweep) {
                writesSinceSweep = 0;
            }
        }
        if (sweep) {
            Instant now = clock.instant();
            entries.entrySet().removeIf(e -> !e.getValue().expiresAt().isAfter(now));
        }
    }
}
