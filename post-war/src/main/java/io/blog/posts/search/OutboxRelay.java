package io.blog.posts.search;

import io.blog.common.data.ServiceDataSources;
import io.blog.common.json.Timestamps;
import io.blog.posts.article.Article;
import io.blog.posts.article.ArticleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Pushes outbox entries to Elasticsearch. Each entry means "make the index match the article as
 * it is now": published articles are indexed with their version as an external version (an
 * older write can never overwrite a newer one), everything else is deleted. While Elasticsearch
 * is down entries wait; failures back off exponentially per entry.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 200;

    @Inject
    SearchOutbox outbox;

    @Inject
    SearchIndex index;

    @Inject
    ArticleRepository articles;

    @Inject
    ServiceDataSources dataSources;

    /** Through the container, so each batch gets its own transaction. */
    @Inject
    OutboxRelay self;

    /** Drains until the outbox is empty; each batch commits on its own. */
    public void drain() {
        if (!index.available()) {
            return;
        }
        while (self.relayBatch() == BATCH) {
            // a full batch means more may be waiting
        }
    }

    @Transactional
    public int relayBatch() {
        Instant now = Timestamps.now();
        List<OutboxEntry> due = outbox.claimDue(now, BATCH, dataSources.supportsSkipLocked());
        if (due.isEmpty()) {
            return 0;
        }
        Set<String> ids = due.stream().map(OutboxEntry::getArticleId).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Article> current = articles.findByIds(ids);
        Map<String, SearchIndex.Change> changes = new LinkedHashMap<>();
        for (String id : ids) {
            Article article = current.get(id);
            changes.put(id, article != null && article.isPublished()
                    ? SearchIndex.Change.upsert(index.document(article), article.getVersion())
                    : SearchIndex.Change.delete(id, article == null ? null : article.getVersion()));
        }
        Map<String, String> failures = index.apply(changes.values());
        for (OutboxEntry entry : due) {
            String error = failures.get(entry.getArticleId());
            if (error == null) {
                outbox.remove(entry);
            } else {
                long backoffSeconds = Math.min(300, 1L << Math.min(8, entry.getAttempts()));
                entry.failed(error, now.plus(Duration.ofSeconds(backoffSeconds)));
                LOG.warning("Search index update for article " + entry.getArticleId() + " failed (attempt "
                        + entry.getAttempts() + "): " + error);
            }
        }
        return due.size();
    }
}
