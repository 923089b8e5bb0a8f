package io.blog.posts.search;

import io.blog.common.json.InstantAdapter;
import io.blog.common.json.Timestamps;
import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.problem.ProblemException;
import io.blog.posts.article.Article;
import io.blog.posts.article.ArticleStatus;
import io.blog.common.data.ReadRouting;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Rebuilds the index without downtime: a new index is filled while searches use the old one
 * through the alias, then the alias moves in one atomic step. Changes made during the rebuild
 * are replayed through the outbox after the switch. Job state lives in the shared store, so any
 * instance can report progress.
 */
@ApplicationScoped
public class ReindexJobs {

    private static final Logger LOG = Logger.getLogger(ReindexJobs.class.getName());
    private static final Duration KEEP_STATUS = Duration.ofDays(1);
    private static final int PAGE = 200;
    /** Held by the running job, so that two rebuilds never race to move the alias. */
    private static final String RUNNING_KEY = "blog:search:reindex:running";
    /** Longer than any rebuild takes; a job whose instance died frees the slot by then. */
    private static final Duration RUNNING_AT_MOST = Duration.ofHours(1);

    public record Job(String id, String status, String index, long indexed, long total, Instant startedAt,
                      Instant finishedAt, String error) {
    }

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withAdapters(new InstantAdapter()));

    @Resource
    ManagedExecutorService executor;

    @Inject
    SearchIndex index;

    @Inject
    ReadRouting routing;

    @Inject
    KeyValueStore store;

    @Inject
    SearchOutbox outbox;

    @Inject
    ReindexJobs self;

    public Job start() {
        if (!index.available()) {
            throw ProblemException.serviceUnavailable("Elasticsearch is not available; try again when it is.");
        }
        String id = UUID.randomUUID().toString();
        Optional<String> running;
        try {
            running = store.setIfAbsent(RUNNING_KEY, id, RUNNING_AT_MOST) ? Optional.empty()
                    : Optional.of(store.get(RUNNING_KEY).orElse("a job that just finished"));
        } catch (KeyValueStoreException e) {
            throw ProblemException.serviceUnavailable("Cannot make sure no other reindex runs (Redis does not answer); try again shortly.");
        }
        if (running.isPresent()) {
            throw ProblemException.conflict("A reindex is already running (" + running.get() + "); wait for it to finish.");
        }
        Instant started = Timestamps.now();
        String target = index.newIndexName();
        Job job = new Job(id, "RUNNING", target, 0, self.countPublished(), started, null, null);
        save(job);
        executor.submit(() -> run(job));
        return job;
    }

    public Optional<Job> find(String id) {
        return store.get(key(id)).map(json -> jsonb.fromJson(json, Job.class));
    }

    private void run(Job job) {
        try {
            index.createIndex(job.index());
            long indexed = 0;
            String afterId = "";
            while (true) {
                List<Article> page = self.publishedAfter(afterId);
                if (page.isEmpty()) {
                    break;
                }
                index.bulkIndex(job.index(), page.stream().map(index::document).toList(),
                        page.stream().map(Article::getVersion).toList());
                indexed += page.size();
                afterId = page.getLast().getId();
                save(new Job(job.id(), "RUNNING", job.index(), indexed, job.total(), job.startedAt(), null, null));
            }
            index.switchAlias(job.index());
            self.replayChangesSince(job.startedAt());
            save(new Job(job.id(), "DONE", job.index(), indexed, job.total(), job.startedAt(), Timestamps.now(), null));
            LOG.info("Reindex " + job.id() + " done: " + indexed + " articles in " + job.index());
        } catch (RuntimeException e) {
            save(new Job(job.id(), "FAILED", job.index(), 0, job.total(), job.startedAt(), Timestamps.now(), e.getMessage()));
            LOG.warning("Reindex " + job.id() + " failed: " + e.getMessage());
        } finally {
            release(job.id());
        }
    }

    private void release(String id) {
        try {
            if (store.get(RUNNING_KEY).filter(id::equals).isPresent()) {
                store.delete(RUNNING_KEY);
            }
        } catch (KeyValueStoreException e) {
            LOG.warning("Reindex " + id + " could not free its slot (it expires by itself): " + e.getMessage());
        }
    }

    @Transactional
    public long countPublished() {
        return routing.forWrite().createQuery("SELECT COUNT(a) FROM Article a WHERE a.status = :p AND a.deletedAt IS NULL", Long.class)
                .setParameter("p", ArticleStatus.PUBLISHED).getSingleResult();
    }

    @Transactional
    public List<Article> publishedAfter(String afterId) {
        List<Article> page = routing.forWrite()
                .createQuery("SELECT a FROM Article a WHERE a.status = :p AND a.deletedAt IS NULL AND a.id > :after ORDER BY a.id", Article.class)
                .setParameter("p", ArticleStatus.PUBLISHED).setParameter("after", afterId)
                .setMaxResults(PAGE).getResultList();
        return new ArrayList<>(page);
    }

    /** Articles changed while the new index was being filled go through the outbox once more. */
    @Transactional
    public void replayChangesSince(Instant since) {
        Instant now = Timestamps.now();
        routing.forWrite().createQuery("SELECT a.id FROM Article a WHERE a.updatedAt >= :since", String.class)
                .setParameter("since", since).getResultList()
                .forEach(id -> outbox.enqueue(id, now));
    }

    private void save(Job job) {
        store.set(key(job.id()), jsonb.toJson(job), KEEP_STATUS);
    }

    private static String key(String id) {
        return "posts:reindex:" + id;
    }
}
