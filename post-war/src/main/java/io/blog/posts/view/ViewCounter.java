package io.blog.posts.view;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Views are counted in the shared store as each article's running total, and
 * {@link ViewFlusher} copies the totals of recently viewed articles into the database. Readers
 * get the total straight from the store, so the number they see never depends on how old a
 * cached copy of the article is. Losing a few views while Redis is down is acceptable; failing
 * the page is not.
 */
@ApplicationScoped
public class ViewCounter {

    /** One hash tag: the script that counts a view touches both keys, which a Redis Cluster needs in one slot. */
    static final String TOTALS = "posts:{views}:total";
    static final String VIEWED = "posts:{views}:viewed";

    @Inject
    KeyValueStore store;

    /**
     * Counts one view and returns the article's total. {@code storedTotal} is the database's
     * count as the caller saw it: a total the store lost starts again from there, not from zero.
     */
    public long record(String articleId, long storedTotal) {
        try {
            return store.incrementAndMark(TOTALS, articleId, storedTotal, VIEWED);
        } catch (KeyValueStoreException e) {
            return storedTotal;
        }
    }

    /** The article's total without counting a view (an author reading their own article). */
    public long total(String articleId, long storedTotal) {
        try {
            return Math.max(storedTotal, store.hashValue(TOTALS, articleId));
        } catch (KeyValueStoreException e) {
            return storedTotal;
        }
    }

    Set<String> takeViewed(int count) {
        return store.setPop(VIEWED, count);
    }

    Map<String, Long> storeTotals(Collection<String> articleIds) {
        return store.hashValues(TOTALS, articleIds);
    }

    void giveBack(Collection<String> articleIds) {
        store.setAdd(VIEWED, articleIds);
    }
}
