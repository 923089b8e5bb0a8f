package io.blog.common.kv;

import io.blog.common.metrics.MetricNames;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Writes to the shared store that must not be lost to a Redis outage: a cache eviction (else
 * readers see the old content until the entry's TTL) and a token revocation (else a logged-out
 * token stays valid until it expires). Each is tried at once; if the store does not answer, the
 * write is kept here and retried every {@value #RETRY_MS} ms until it succeeds, so it reaches
 * Redis within moments of Redis answering again. Until then the instance that made the write
 * honours it itself ({@link #pendingFor}).
 * <p>
 * Only the latest write per key is kept (a revocation lifted during the outage is not replayed),
 * and a write whose effect would have expired by itself is dropped. The queue lives in this
 * instance: if the instance stops during an outage its pending writes are lost and the entries'
 * own expiry bounds the damage.
 */
public class PendingWrites {

    static final long RETRY_MS = 250;
    private static final Logger LOG = Logger.getLogger(PendingWrites.class.getName());

    /** What this instance still has to write for a key: a value (set) or nothing (delete). */
    public record Pending(Optional<String> value, Instant expiresAt, Instant dropAfter) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private final KeyValueStore store;
    private final MetricRegistry metrics;
    private final ManagedScheduledExecutorService executor;
    private final long keepDeletesSeconds;
    private final int maxPending;

    /** One queue per store ({@link KeyValueStoreProducer}). */
    PendingWrites(KeyValueStore store, MetricRegistry metrics, ManagedScheduledExecutorService executor,
                  long keepDeletesSeconds, int maxPending) {
        this.store = store;
        this.metrics = metrics;
        this.executor = executor;
        this.keepDeletesSeconds = keepDeletesSeconds;
        this.maxPending = maxPending;
    }

    /** For CDI's client proxy of the produced, application-scoped queue. */
    protected PendingWrites() {
        this(null, null, null, 0, 0);
    }

    /** Sets {@code key} until {@code expiresAt}, now or as soon as the store answers again. */
    public void set(String key, String value, Instant expiresAt) {
        write(key, new Pending(Optional.of(value), expiresAt, expiresAt));
    }

    /** Deletes the keys, now or as soon as the store answers again. */
    public void delete(String... keys) {
        Instant dropAfter = clock.instant().plusSeconds(keepDeletesSeconds);
        for (String key : keys) {
            write(key, new Pending(Optional.empty(), null, dropAfter));
        }
    }

    /** The write this instance has not yet managed to make for {@code key}, if any. */
    public Optional<Pending> pendingFor(String key) {
        return pending.isEmpty() ? Optional.empty() : Optional.ofNullable(pending.get(key));
    }

    public int count() {
        return pending.size();
    }

    private void write(String key, Pending write) {
        if (pending.replace(key, write) != null) {
            // A write for this key still waits: replace it (only the latest intent counts) and let
            // the retry apply it, so an older write can never land after this one.
            return;
        }
        try {
            apply(key, write);
        } catch (KeyValueStoreException e) {
            if (pending.size() >= maxPending) {
                metrics.counter(MetricNames.STORE_WRITES_DROPPED).inc();
                LOG.warning("Store write for " + key + " dropped: " + maxPending + " writes already wait for the store");
                return;
            }
            pending.put(key, write);
            scheduleRetry();
        }
    }

    private void apply(String key, Pending write) {
        if (write.value().isPresent()) {
            Duration ttl = Duration.between(clock.instant(), write.expiresAt());
            if (ttl.isPositive()) {
                store.set(key, write.value().get(), ttl);
            }
        } else {
            store.delete(key);
        }
    }

    private void scheduleRetry() {
        if (retryScheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(this::retry, RETRY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The application is stopping; its pending writes go with it (see the class comment).
                retryScheduled.set(false);
            }
        }
    }

    private void retry() {
        retryScheduled.set(false);
        Instant now = clock.instant();
        int applied = 0;
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            Pending write = entry.getValue();
            if (now.isAfter(write.dropAfter())) {
                pending.remove(entry.getKey(), write);
                continue;
            }
            try {
                apply(entry.getKey(), write);
                pending.remove(entry.getKey(), write);
                applied++;
            } catch (KeyValueStoreException e) {
                break;
            }
        }
        if (applied > 0) {
            LOG.info("Applied " + applied + " store write(s) that had waited for the store; " + pending.size() + " left");
        }
        if (!pending.isEmpty()) {
            scheduleRetry();
        }
    }
}
