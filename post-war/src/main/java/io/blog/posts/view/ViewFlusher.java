package io.blog.posts.view;

import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.metrics.MetricNames;
import io.blog.posts.article.ArticleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Map;
import java.util.Set;

/**
 * Copies the view totals of recently viewed articles into the database: one UPDATE per viewed
 * article per interval, not per view. Writing a total (never below the stored one) instead of
 * adding a difference makes a repeated or concurrent flush harmless, so every instance may run it.
 */
@ApplicationScoped
public class ViewFlusher {

    /** Articles per run; more than this viewed within one interval wait for the next run. */
    static final int BATCH = 2000;

    @Inject
    ViewCounter counter;

    @Inject
    ArticleRepository articles;

    @Inject
    MetricRegistry metrics;

    @Transactional
    public void flush() {
        Set<String> viewed;
        Map<String, Long> totals;
        try {
            viewed = counter.takeViewed(BATCH);
        } catch (KeyValueStoreException e) {
            return;
        }
        if (viewed.isEmpty()) {
            return;
        }
        try {
            totals = counter.storeTotals(viewed);
        } catch (KeyValueStoreException e) {
            tryGiveBack(viewed);
            return;
        }
        try {
            totals.forEach(articles::raiseViewsTo);
        } catch (RuntimeException e) {
            // The database refused: mark the articles viewed again so the next run retries them.
            tryGiveBack(totals.keySet());
            throw e;
        }
        metrics.counter(MetricNames.VIEW_FLUSHES).inc();
    }

    private void tryGiveBack(Set<String> ids) {
        try {
            counter.giveBack(ids);
        } catch (KeyValueStoreException e) {
            // Their totals stay in the store; the next view of each article marks it again.
        }
    }
}
