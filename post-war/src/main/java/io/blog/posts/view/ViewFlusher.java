package io.blog.posts.view;

import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.metrics.MetricNames;
import io.blog.posts.article.ArticleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Map;

/** Moves counted views into the database: one UPDATE per viewed article per interval, not per view. */
@ApplicationScoped
public class ViewFlusher {

    @Inject
    ViewCounter counter;

    @Inject
    ArticleRepository articles;

    @Inject
    MetricRegistry metrics;

    @Transactional
    public void flush() {
        Map<String, Long> drained;
        try {
            drained = counter.drain();
        } catch (KeyValueStoreException e) {
            return;
        }
        try {
            drained.forEach(articles::addViews);
        } catch (RuntimeException e) {
            // The database refused: give the counts back so the next run retries them.
            drained.forEach(counter::putBack);
            throw e;
        }
        if (!drained.isEmpty()) {
            metrics.counter(MetricNames.VIEW_FLUSHES).inc();
        }
    }
}
