package io.blog.common.ratelimit;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.kv.SecurityState;
import io.blog.common.metrics.MetricNames;
import io.blog.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.logging.Logger;

/**
 * Counts events per key in fixed windows. When the store is down the limiter fails open: losing
 * brute-force protection for a moment is better than refusing every login.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

    @Inject
    @SecurityState
    KeyValueStore store;

    @Inject
    MetricRegistry metrics;

    /** Counts one event and rejects it with 429 if it goes over the limit. */
    public void acquire(RateLimit limit, String key) {
        KeyValueStore.Counter over = countOne(limit, key);
        if (over != null) {
            throw tooMany(over);
        }
    }

    /** Counts one event; false when it goes over the limit, for a caller that declines quietly instead of answering 429. */
    public boolean tryAcquire(RateLimit limit, String key) {
        return countOne(limit, key) == null;
    }

    /** The counter when this event went over the limit (counted as a rejection), else null. */
    private KeyValueStore.Counter countOne(RateLimit limit, String key) {
        try {
            KeyValueStore.Counter counter = store.increment(storeKey(limit, key), limit.window());
            if (counter.value() > limit.limit()) {
                rejected(limit);
                return counter;
            }
        } catch (KeyValueStoreException e) {
            LOG.warning("Rate limiter " + limit.name() + " skipped, store unavailable: " + e.getMessage());
        }
        return null;
    }

    /** Rejects with 429 if earlier events already used up the limit, without counting this one. */
    public void checkNotExceeded(RateLimit limit, String key) {
        try {
            KeyValueStore.Counter counter = store.peek(storeKey(limit, key));
            if (counter.value() >= limit.limit()) {
                rejected(limit);
                throw tooMany(counter);
            }
        } catch (KeyValueStoreException e) {
            LOG.warning("Rate limiter " + limit.name() + " skipped, store unavailable: " + e.getMessage());
        }
    }

    /** Counts an event (for example a failed login) without rejecting this request. */
    public void record(RateLimit limit, String key) {
        try {
            store.increment(storeKey(limit, key), limit.window());
        } catch (KeyValueStoreException e) {
            LOG.warning("Rate limiter " + limit.name() + " could not count, store unavailable: " + e.getMessage());
        }
    }

    /** Gives back one event counted by {@link #acquire} that turned out not to count (e.g. a sign-in that succeeded). */
    public void refund(RateLimit limit, String key) {
        try {
            store.decrementIfPresent(storeKey(limit, key));
        } catch (KeyValueStoreException e) {
            LOG.warning("Rate limiter " + limit.name() + " could not refund, store unavailable: " + e.getMessage());
        }
    }

    public void reset(RateLimit limit, String key) {
        try {
            store.delete(storeKey(limit, key));
        } catch (KeyValueStoreException e) {
            LOG.warning("Rate limiter " + limit.name() + " could not reset, store unavailable: " + e.getMessage());
        }
    }

    private void rejected(RateLimit limit) {
        metrics.counter(MetricNames.RATE_LIMIT_REJECTIONS, new Tag("limiter", limit.name())).inc();
    }

    private static ProblemException tooMany(KeyValueStore.Counter counter) {
        return ProblemException.tooManyRequests("Too many requests; try again later.", counter.remaining());
    }

    private static String storeKey(RateLimit limit, String key) {
        return "blog:rl:" + limit.name() + ":" + key;
    }
}
