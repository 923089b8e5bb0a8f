package io.blog.common.kv;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/** Redis when {@code blog.redis.url} is set, otherwise the in-process substitute (with a warning). */
@ApplicationScoped
public class KeyValueStoreProducer {

    private static final Logger LOG = Logger.getLogger(KeyValueStoreProducer.class.getName());

    @Inject
    @ConfigProperty(name = "blog.redis.url")
    Optional<String> redisUrl;

    @Inject
    @ConfigProperty(name = "blog.redis.timeout-ms", defaultValue = "500")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "blog.redis.pause-after-failure-ms", defaultValue = "1000")
    long pauseAfterFailureMillis;

    /** Runs the store's background PINGs during a fail-fast pause. */
    @Resource
    ManagedExecutorService executor;

    private KeyValueStore store;

    @Produces
    @ApplicationScoped
    KeyValueStore keyValueStore() {
        if (redisUrl.isPresent() && !redisUrl.get().isBlank()) {
            store = new RedisKeyValueStore(URI.create(redisUrl.get()), Duration.ofMillis(timeoutMillis),
                    Duration.ofMillis(pauseAfterFailureMillis), executor);
        } else {
            LOG.warning("blog.redis.url is not set: using an in-process key-value store. "
                    + "Rate limits and token revocation are then per instance; set BLOG_REDIS_URL in production.");
            store = new InMemoryKeyValueStore(Clock.systemUTC());
        }
        LOG.info("Key-value store: " + store.describe());
        return store;
    }

    @PreDestroy
    void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
