package io.blog.common.cache;

import io.blog.common.data.ReadRouting;
import io.blog.common.json.InstantAdapter;
import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.kv.PendingWrites;
import io.blog.common.metrics.MetricNames;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Cache-aside with JSON values in the shared store.
 * <ul>
 *   <li>Stampede protection: one loader per key per instance (others wait for its result), and
 *   across instances a short lock so only one instance loads while the rest briefly wait for
 *   the value to appear.</li>
 *   <li>Failure isolation: if the store is down every call goes straight to the loader.</li>
 *   <li>Eviction after commit: a reader can never re-cache the old value between our delete and
 *   the commit of the change.</li>
 *   <li>Evictions survive a Redis outage: one the store refused is retried by {@link PendingWrites}
 *   until Redis takes it, and until then this instance bypasses the entry, so a change made during
 *   an outage is visible to every reader within moments of Redis answering again, not after the
 *   entry's TTL.</li>
 * </ul>
 */
@ApplicationScoped
public class JsonCache {

    private static final Duration LOCK_TTL = Duration.ofSeconds(3);
    private static final long WAIT_FOR_OTHER_LOADER_MS = 300;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withAdapters(new InstantAdapter()));
    private final Map<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    @Inject
    KeyValueStore store;

    @Inject
    PendingWrites pendingWrites;

    @Inject
    MetricRegistry metrics;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Returns the cached value of {@code key}, loading and caching it on a miss. Null results are not cached. */
    @SuppressWarnings("unchecked")
    public <T> T get(String cache, String key, Duration ttl, Type type, Supplier<T> loader) {
        if (pendingWrites.pendingFor(key).isPresent()) {
            // Evicted while Redis was away: what Redis holds may be stale, and caching now could
            // race the retried eviction.
            return loader.get();
        }
        Optional<String> cached;
        try {
            cached = store.get(key);
        } catch (KeyValueStoreException e) {
            count(MetricNames.CACHE_ERRORS, cache);
            return loader.get();
        }
        if (cached.isPresent()) {
            count(MetricNames.CACHE_HITS, cache);
            return jsonb.fromJson(cached.get(), type);
        }
        count(MetricNames.CACHE_MISSES, cache);
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return (T) running.join();
        }
        try {
            T value = loadOnce(cache, key, ttl, type, loader);
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private <T> T loadOnce(String cache, String key, Duration ttl, Type type, Supplier<T> loader) {
        String lock = key + ":loading";
        boolean leader;
        try {
            leader = store.setIfAbsent(lock, "1", LOCK_TTL);
            if (!leader) {
                T fromOther = waitForOtherLoader(key, type);
                if (fromOther != null) {
                    return fromOther;
                }
            }
        } catch (KeyValueStoreException e) {
            count(MetricNames.CACHE_ERRORS, cache);
            return loader.get();
        }
        // From the primary: a fill from a lagging replica right after an eviction would bring the
        // old value back for the whole TTL, not just for the replica's lag.
        T value = ReadRouting.fromPrimary(loader);
        try {
            if (value != null) {
                store.set(key, jsonb.toJson(value, type), ttl);
            }
            if (leader) {
                store.delete(lock);
            }
        } catch (KeyValueStoreException e) {
            count(MetricNames.CACHE_ERRORS, cache);
        }
        return value;
    }

    private <T> T waitForOtherLoader(String key, Type type) {
        long deadline = System.nanoTime() + WAIT_FOR_OTHER_LOADER_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<String> value = store.get(key);
            if (value.isPresent()) {
                return jsonb.fromJson(value.get(), type);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Deletes the keys once the current transaction commits (at once when there is none). */
    public void evictAfterCommit(String... keys) {
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        evict(keys);
                    }
                }
            });
        } else {
            evict(keys);
        }
    }

    public void evict(String... keys) {
        pendingWrites.delete(keys);
    }

    private void count(String metric, String cache) {
        metrics.counter(metric, new Tag("cache", cache)).inc();
    }
}
