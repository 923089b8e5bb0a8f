package io.blog.posts.schedule;

import io.blog.common.data.ServiceDataSources;
import io.blog.common.json.Timestamps;
import io.blog.common.metrics.MetricNames;
import io.blog.posts.article.Article;
import io.blog.posts.article.ArticleRepository;
import io.blog.posts.article.ArticleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Publishes scheduled articles whose time has come. State lives in the database, so a restart
 * loses nothing; {@code FOR UPDATE SKIP LOCKED} makes each article go to exactly one instance.
 */
@ApplicationScoped
public class PublishScheduler {

    private static final Logger LOG = Logger.getLogger(PublishScheduler.class.getName());
    private static final int BATCH = 50;

    @Inject
    ArticleRepository articles;

    @Inject
    ArticleService service;

    @Inject
    ServiceDataSources dataSources;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "blog.posts.trash.days", defaultValue = "30")
    long trashDays;

    @Transactional
    public void runOnce() {
        Instant now = Timestamps.now();
        List<Article> due = articles.claimDueScheduled(now, BATCH, dataSources.supportsSkipLocked());
        for (Article article : due) {
            service.publishScheduled(article, now);
        }
        int purged = articles.purgeDeletedBefore(now.minus(Duration.ofDays(trashDays)));
        metrics.counter(MetricNames.SCHEDULER_RUNS).inc();
        if (!due.isEmpty() || purged > 0) {
            LOG.info("Scheduler published " + due.size() + " article(s), purged " + purged + " from the trash");
        }
    }
}
