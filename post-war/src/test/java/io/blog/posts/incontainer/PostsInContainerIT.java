package io.blog.posts.incontainer;

import io.blog.common.testing.InContainerWars;

import io.blog.common.cache.JsonCache;
import io.blog.common.kv.KeyValueStore;
import io.blog.common.profile.AuthorProfiles;
import io.blog.posts.search.SearchIndex;
import io.blog.posts.search.SearchOutbox;
import io.blog.posts.view.ViewCounter;
import jakarta.enterprise.inject.spi.CDI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** post-war's beans in the real test server: cache, view counter, search index, outbox, profiles. */
@ExtendWith(ArquillianExtension.class)
class PostsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return InContainerWars.packagedWith("target/post-war.war", "posts-incontainer.war", PostsInContainerIT.class);
    }

    private static <T> T bean(Class<T> type) {
        return CDI.current().select(type).get();
    }

    @Test
    void aColdKeyIsLoadedOnceEvenUnderConcurrentReaders() throws Exception {
        JsonCache cache = bean(JsonCache.class);
        String key = "test:stampede:" + UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.get("test", key, Duration.ofSeconds(30), String.class, () -> {
                    loads.incrementAndGet();
                    sleep(300);
                    return "value";
                })));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("value");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(loads.get()).isEqualTo(1);
        assertThat(bean(KeyValueStore.class).get(key)).contains("\"value\"");
        cache.evict(key);
        assertThat(bean(KeyValueStore.class).get(key)).isEmpty();
    }

    /** Totals live in Redis; a total Redis lost starts again from the database's count, not from zero. */
    @Test
    void viewTotalsLiveInRedisAndNeverFallBelowTheStoredCount() {
        ViewCounter views = bean(ViewCounter.class);
        String id = UUID.randomUUID().toString();
        assertThat(views.record(id, 0)).isEqualTo(1);
        assertThat(views.record(id, 0)).isEqualTo(2);
        assertThat(views.total(id, 0)).isEqualTo(2);
        assertThat(views.record(id, 40)).isEqualTo(41);
        assertThat(views.total(id, 100)).isEqualTo(100);
        assertThat(views.record(id, 0)).isEqualTo(42);
    }

    @Test
    void theSearchIndexIsConfiguredAndAnswers() {
        SearchIndex index = bean(SearchIndex.class);
        assertThat(index.configured()).isTrue();
        assertThat(index.available()).isTrue();
        assertThat(bean(SearchOutbox.class).backlog()).isGreaterThanOrEqualTo(0);
    }

    /**
     * In this run post-war's user-war address is the HTTP tests' proxy, which is not running:
     * the lookup must fail soft and fast (the HTTP tests cover the answered path).
     */
    @Test
    void authorLookupFailsSoftAndFastWhenUserWarIsUnreachable() {
        long started = System.nanoTime();
        assertThat(bean(AuthorProfiles.class).lookup(Set.of("rootadmin", "nobody-" + UUID.randomUUID()))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
