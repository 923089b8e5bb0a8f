package io.blog.common.kv;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The two stores: the cache store ({@code blog.redis.url}, unqualified) and the security-state
 * store ({@code blog.redis.security-url}, {@link SecurityState}). Each is Redis when its URL is set,
 * else the in-process substitute (with a warning). Without a security URL, security state shares
 * the cache store, as in the one-command run and the services' own integration tests. Each store
 * has its own {@link PendingWrites}.
 */
@ApplicationScoped
public class KeyValueStoreProducer {

    private static final Logger LOG = Logger.getLogger(KeyValueStoreProducer.class.getName());

    @Inject
    @ConfigProperty(name = "blog.redis.url")
    Optional<String> redisUrl;

    @Inject
    @ConfigProperty(name = "blog.redis.security-url")
    Optional<String> securityRedisUrl;

    @Inject
    @ConfigProperty(name = "blog.redis.timeout-ms", defaultValue = "500")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "blog.redis.pause-after-failure-ms", defaultValue = "1000")
    long pauseAfterFailureMillis;

    /** A pending delete is pointless once every entry it could remove has expired by itself. */
    @Inject
    @ConfigProperty(name = "blog.redis.pending-delete-seconds", defaultValue = "900")
    long keepDeletesSeconds;

    @Inject
    @ConfigProperty(name = "blog.redis.pending-writes-max", defaultValue = "100000")
    int maxPending;

    @Inject
    MetricRegistry metrics;

    /** Runs the store's background PINGs during a fail-fast pause. */
    @Resource
    ManagedExecutorService executor;

    /** Retries the writes a store refused. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @Produces
    @ApplicationScoped
    KeyValueStore keyValueStore() {
        KeyValueStore store = open(redisUrl, "blog.redis.url");
        LOG.info("Key-value store: " + store.describe());
        return store;
    }

    @Produces
    @SecurityState
    @ApplicationScoped
    KeyValueStore securityStore(KeyValueStore shared) {
        if (!securityStoreOfItsOwn()) {
            if (redisUrl.isPresent() && !redisUrl.get().isBlank()) {
                LOG.warning("blog.redis.security-url is not set: token revocations and rate limits share the cache "
                        + "store, whose evictions can drop them. Set BLOG_REDIS_SECURITY_URL in production.");
            }
            return shared;
        }
        KeyValueStore store = open(securityRedisUrl, "blog.redis.security-url");
        LOG.info("Security-state store: " + store.describe());
        return store;
    }

    @Produces
    @ApplicationScoped
    PendingWrites pendingWrites(KeyValueStore store) {
        return new PendingWrites(store, metrics, scheduler, keepDeletesSeconds, maxPending);
    }

    @Produces
    @SecurityState
    @ApplicationScoped
    PendingWrites securityPendingWrites(@SecurityState KeyValueStore store, PendingWrites shared) {
        // One queue per store: two queues writing to one store could reorder a key's writes.
        return securityStoreOfItsOwn() ? new PendingWrites(store, metrics, scheduler, keepDeletesSeconds, maxPending) : shared;
    }

    private boolean securityStoreOfItsOwn() {
        return securityRedisUrl.isPresent() && !securityRedisUrl.get().isBlank();
    }

    private KeyValueStore open(Optional<String> url, String property) {
        KeyValueStore store;
        if (url.isPresent() && !url.get().isBlank()) {
            store = new RedisKeyValueStore(url.get(), Duration.ofMillis(timeoutMillis),
                    Duration.ofMillis(pauseAfterFailureMillis), executor);
        } else {
            LOG.warning(property + " is not set: using an in-process key-value store. "
                    + "Rate limits and token revocation are then per instance; set BLOG_REDIS_URL in production.");
            store = new InMemoryKeyValueStore(Clock.systemUTC());
        }
        if (store instanceof AutoCloseable closeable) {
            opened.add(closeable);
        }
        return store;
    }

    @PreDestroy
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }
}
