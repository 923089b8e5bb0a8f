package io.blog.posts.article;

import io.blog.common.cache.JsonCache;
import io.blog.common.data.WritesToPrimary;
import io.blog.posts.markdown.MarkdownRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.logging.Logger;

/**
 * Renders stored articles again when the renderer changed ({@link MarkdownRenderer#VERSION}), a
 * batch per run, so readers get the new HTML for old articles too. Idempotent, and safe on every
 * instance at once: a row is rewritten only while its version is still older.
 */
@ApplicationScoped
public class RenderUpgrade {

    private static final Logger LOG = Logger.getLogger(RenderUpgrade.class.getName());
    static final int BATCH = 50;

    @Inject
    ArticleRepository articles;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    JsonCache cache;

    /** One batch; the number of articles rendered again (0 once all are current). */
    @Transactional
    @WritesToPrimary
    public int runOnce() {
        List<Article> stale = articles.findRenderedBefore(MarkdownRenderer.VERSION, BATCH);
        List<String> keys = stale.stream()
                .filter(a -> articles.storeRendering(a.getId(), markdown.toSafeHtml(a.getBodyMarkdown()), MarkdownRenderer.VERSION))
                .map(a -> ArticleCacheKeys.article(a.getSlug()))
                .toList();
        if (!keys.isEmpty()) {
            cache.evictAfterCommit(keys.toArray(String[]::new));
            LOG.info(() -> "Rendered " + keys.size() + " article(s) again with renderer version " + MarkdownRenderer.VERSION);
        }
        return keys.size();
    }
}
