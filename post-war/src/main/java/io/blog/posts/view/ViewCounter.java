package io.blog.posts.view;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * A view is one HINCRBY in the shared store; {@link ViewFlusher} moves the totals into the
 * database. Losing a few views while Redis is down is acceptable; failing the page is not.
 */
@ApplicationScoped
public class ViewCounter {

    static final String PENDING = "posts:views:pending";

    @Inject
    KeyValueStore store;

    public void record(String articleId) {
        try {
            store.hashIncrement(PENDING, articleId, 1);
        } catch (KeyValueStoreException e) {
            // The view is lost; the page is not.
        }
    }

    /** Views counted but not yet in the database, so readers see an up-to-date number. */
    public long pending(String articleId) {
        try {
            return store.hashValue(PENDING, articleId);
        } catch (KeyValueStoreException e) {
            return 0;
        }
    }

    Map<String, Long> drain() {
        return store.hashDrain(PENDING);
    }

    void putBack(String articleId, long views) {
        store.hashIncrement(PENDING, articleId, views);
    }
}
