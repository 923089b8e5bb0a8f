package io.blog.posts.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import co.elastic.clients.json.jsonb.JsonbJsonpMapper;
import co.elastic.clients.transport.instrumentation.NoopInstrumentation;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.util.NamedValue;
import io.blog.common.json.InstantAdapter;
import io.blog.posts.article.Article;
import io.blog.common.profile.AuthorProfile;
import io.blog.posts.markdown.MarkdownRenderer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The Elasticsearch side of search, through the official client. Searches and writes go to an
 * alias, so the index behind it can be rebuilt and swapped without downtime. The analyzer is
 * configurable: the standard analyzer (which splits Chinese into single characters and so finds
 * Chinese words as phrases) works on a minimal node; a full cluster can use richer ones.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    private static final DateTimeFormatter INDEX_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    /** Elasticsearch's address, or every node's, comma-separated. */
    @Inject
    @ConfigProperty(name = "blog.search.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "blog.search.alias", defaultValue = "posts")
    String alias;

    @Inject
    @ConfigProperty(name = "blog.search.analyzer", defaultValue = "standard")
    String analyzer;

    @Inject
    @ConfigProperty(name = "blog.search.timeout-ms", defaultValue = "2000")
    int timeoutMillis;

    @Inject
    @ConfigProperty(name = "blog.search.health-interval-ms", defaultValue = "2000")
    long healthIntervalMillis;

    /**
     * Hits counted exactly up to this many; beyond it the total is a lower bound. An exact count
     * over every match keeps Lucene from skipping the documents that cannot reach the top page
     * (block-max WAND): over 100,000 articles it cost a third of the throughput.
     */
    @Inject
    @ConfigProperty(name = "blog.search.exact-total-up-to", defaultValue = "1000")
    int exactTotalUpTo;

    /**
     * How many of the best matches the phrase boost re-ranks. A phrase clause in the main query
     * is evaluated against every match (nearly all articles for a common word); as a rescore it
     * touches only these, which nearly doubled throughput.
     */
    @Inject
    @ConfigProperty(name = "blog.search.phrase-rescore-window", defaultValue = "100")
    int phraseRescoreWindow;

    /** How long a node that failed is asked last, after the others (see {@link SearchNodes}). */
    @Inject
    @ConfigProperty(name = "blog.search.failed-node-last-ms", defaultValue = "5000")
    long failedNodeLastMillis;

    @Inject
    MarkdownRenderer markdown;

    private SearchNodes<ElasticsearchClient> nodes;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile boolean healthy;
    private volatile long checkedAt;
    private volatile boolean prepared;

    /** One change for the index: upsert (document present) or delete. */
    public record Change(String id, ArticleDocument document, Long version) {
        static Change upsert(ArticleDocument document, long version) {
            return new Change(document.id(), document, version);
        }

        static Change delete(String id, Long version) {
            return new Change(id, null, version);
        }
    }

    @PostConstruct
    void init() {
        if (url.isEmpty() || url.get().isBlank()) {
            LOG.info("blog.search.url is not set: search answers from the database (degraded).");
            return;
        }
        Timeout timeout = Timeout.ofMilliseconds(timeoutMillis);
        JsonbJsonpMapper mapper = new JsonbJsonpMapper(JsonProvider.provider(),
                JsonbBuilder.create(new JsonbConfig().withAdapters(new InstantAdapter())));
        List<ElasticsearchClient> clients = Arrays.stream(url.get().split(",")).map(String::trim).filter(u -> !u.isEmpty())
                .map(node -> new ElasticsearchClient(new Rest5ClientTransport(Rest5Client.builder(URI.create(node))
                        .setConnectionConfigCallback(c -> c.setConnectTimeout(timeout).setSocketTimeout(timeout))
                        .setRequestConfigCallback(r -> r.setResponseTimeout(timeout).setConnectionRequestTimeout(timeout))
                        .build(), mapper, null, NoopInstrumentation.INSTANCE)))
                .toList();
        nodes = new SearchNodes<>(clients, failedNodeLastMillis, System::currentTimeMillis);
    }

    @PreDestroy
    void close() {
        if (nodes != null) {
            for (ElasticsearchClient client : nodes.clients()) {
                try {
                    client.close();
                } catch (IOException | RuntimeException e) {
                    LOG.fine(() -> "Closing an Elasticsearch client: " + e);
                }
            }
        }
    }

    public boolean configured() {
        return nodes != null;
    }

    /**
     * Whether Elasticsearch answers, checked at most every interval by one thread; the others use
     * the last answer. The first successful check also creates the index and alias if missing.
     */
    public boolean available() {
        if (nodes == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (now - checkedAt >= healthIntervalMillis && checking.compareAndSet(false, true)) {
            try {
                // Reachable is enough: a search that then fails falls back on its own. The probe is a
                // count, which the shard copies answer: cluster health needs the master, and while a
                // killed master is replaced (seconds) it timed out, so every search fell back to the
                // database although the surviving nodes answered searches all along. Any answer from
                // Elasticsearch, an error included (no alias yet), means it is up.
                boolean up;
                try {
                    callRepeatable(client -> client.count(c -> c.index(alias)));
                    up = true;
                } catch (IllegalStateException answeredWithAnError) {
                    up = true;
                }
                if (up && !prepared) {
                    prepare();
                }
                healthy = up && prepared;
            } catch (RuntimeException e) {
                if (healthy) {
                    LOG.warning("Elasticsearch does not answer; searches answer from the database until it does: " + describe(e));
                }
                healthy = false;
            } finally {
                checkedAt = System.currentTimeMillis();
                checking.set(false);
            }
        }
        return healthy;
    }

    /** Creates the first index behind the alias when there is none (first start, or a fresh cluster). */
    public synchronized void prepare() {
        if (nodes == null || prepared) {
            return;
        }
        try {
            if (!call(client -> client.indices().existsAlias(a -> a.name(alias)).value())) {
                String first = newIndexName();
                createIndex(first);
                call(client -> client.indices().updateAliases(u -> u.actions(a -> a.add(ad -> ad.index(first).alias(alias)))));
                LOG.info("Created search index " + first + " behind alias " + alias);
            }
            prepared = true;
        } catch (RuntimeException e) {
            LOG.warning("Search index not prepared yet (Elasticsearch unavailable?): " + e.getMessage());
        }
    }

    public String newIndexName() {
        return alias + "-" + INDEX_SUFFIX.format(Instant.now());
    }

    public void createIndex(String name) {
        call(client -> client.indices().create(c -> c.withJson(new StringReader(settings())).index(name)));
    }

    /** Applies changes through the alias; returns an error message per failed article id. */
    public Map<String, String> apply(Collection<Change> changes) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (Change change : changes) {
            if (change.document() != null) {
                bulk.operations(op -> op.index(i -> i.index(alias).id(change.id()).document(change.document())
                        .version(change.version()).versionType(VersionType.External)));
            } else if (change.version() != null) {
                bulk.operations(op -> op.delete(d -> d.index(alias).id(change.id())
                        .version(change.version()).versionType(VersionType.External)));
            } else {
                bulk.operations(op -> op.delete(d -> d.index(alias).id(change.id())));
            }
        }
        BulkRequest request = bulk.build();
        return failures(callRepeatable(client -> client.bulk(request)));
    }

    public void bulkIndex(String index, List<ArticleDocument> documents, List<Long> versions) {
        if (documents.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (int i = 0; i < documents.size(); i++) {
            ArticleDocument doc = documents.get(i);
            long version = versions.get(i);
            bulk.operations(op -> op.index(x -> x.index(index).id(doc.id()).document(doc)
                    .version(version).versionType(VersionType.External)));
        }
        BulkRequest request = bulk.build();
        Map<String, String> failed = failures(callRepeatable(client -> client.bulk(request)));
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Bulk indexing failed for " + failed.size() + " articles: " + failed.values().iterator().next());
        }
    }

    /**
     * Points the alias at {@code index} in one atomic step and drops the indexes it pointed to
     * before. The new index is refreshed first, so searches never see it half-visible.
     */
    public void switchAlias(String index) {
        call(client -> client.indices().refresh(r -> r.index(index)));
        List<String> old = call(client -> client.indices().existsAlias(a -> a.name(alias)).value()
                ? new ArrayList<>(client.indices().getAlias(g -> g.name(alias)).aliases().keySet())
                : new ArrayList<String>());
        // The alias is taken from every index of its name, not only those read above: whatever
        // pointed there in between, it points at exactly one index afterwards (an alias over two
        // indices refuses every write, and the outbox would stall).
        call(client -> client.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(alias + "-*").alias(alias).mustExist(false)))
                .actions(a -> a.add(ad -> ad.index(index).alias(alias)))));
        for (String o : old) {
            if (!o.equals(index)) {
                call(client -> client.indices().delete(d -> d.index(o)));
            }
        }
    }

    public SearchResults search(String text, String tag, String author, int page, int size) {
        List<Query> filters = new ArrayList<>();
        if (tag != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("tags").value(tag))));
        }
        if (author != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("author").value(author))));
        }
        Query phrase = Query.of(q -> q.multiMatch(mm -> mm.query(text).fields("title^3", "body").type(TextQueryType.Phrase)));
        // The body is only needed to cut highlight fragments, which Elasticsearch does on its side
        // (from the offsets stored in the index); fetching and parsing 20 bodies is wasted work.
        // The request cache keeps the ranking of repeated queries until the next refresh that
        // changes the index, so a cached answer is never staler than an uncached one.
        SearchResponse<ArticleDocument> response = callRepeatable(client -> client.search(s -> s
                .index(alias)
                .requestCache(true)
                .source(src -> src.filter(f -> f.excludes("body")))
                .query(q -> q.bool(b -> b
                        .must(m -> m.multiMatch(mm -> mm.query(text).fields("title^3", "summary^2", "body")
                                .type(TextQueryType.BestFields).operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)))
                        .filter(filters)))
                .rescore(r -> r.windowSize(phraseRescoreWindow).query(rq -> rq.query(phrase)))
                .highlight(hl -> hl.preTags("<mark>").postTags("</mark>")
                        .fields(NamedValue.of("title", HighlightField.of(f -> f.numberOfFragments(0))),
                                NamedValue.of("body", HighlightField.of(f -> f.fragmentSize(150).numberOfFragments(2)))))
                .trackTotalHits(t -> t.count(exactTotalUpTo))
                .from(page * size)
                .size(size), ArticleDocument.class));
        List<SearchResults.Hit> hits = new ArrayList<>();
        for (Hit<ArticleDocument> hit : response.hits().hits()) {
            ArticleDocument d = hit.source();
            if (d != null) {
                hits.add(new SearchResults.Hit(d.id(), d.slug(), d.title(), d.summary(), d.tags(),
                        AuthorProfile.unresolved(d.author()), d.publishedAt(), d.readingMinutes(), new HashMap<>(hit.highlight())));
            }
        }
        TotalHits total = response.hits().total();
        return total == null
                ? new SearchResults(hits, hits.size(), true, page, size, false)
                : new SearchResults(hits, total.value(), total.relation() == TotalHitsRelation.Eq, page, size, false);
    }

    public ArticleDocument document(Article a) {
        return new ArticleDocument(a.getId(), a.getSlug(), a.getTitle(), a.getSummary(),
                markdown.toPlainText(a.getBodyMarkdown()), a.getTags(), a.getAuthor(), a.getPublishedAt(),
                a.getReadingMinutes());
    }

    /**
     * Title and body keep their terms' offsets ({@code index_options: offsets}), so the highlighter
     * cuts fragments from the postings instead of analysing each hit's text again (about 10 % of
     * search throughput, for a larger index). An index created before this gets them at its next
     * reindex; until then highlights are computed the old way, with the same result.
     * {@code auto_expand_replicas} gives every shard one replica as soon as a second node is there
     * (the production cluster has three), and none on a single node, which would stay yellow.
     */
    private String settings() {
        return """
                {
                  "settings": {
                    "number_of_shards": 1,
                    "auto_expand_replicas": "0-1",
                    "analysis": { "analyzer": { "blog_text": { "type": "%s" } } }
                  },
                  "mappings": {
                    "dynamic": "strict",
                    "properties": {
                      "id":             { "type": "keyword" },
                      "slug":           { "type": "keyword" },
                      "title":          { "type": "text", "analyzer": "blog_text", "index_options": "offsets" },
                      "summary":        { "type": "text", "analyzer": "blog_text" },
                      "body":           { "type": "text", "analyzer": "blog_text", "index_options": "offsets" },
                      "tags":           { "type": "keyword" },
                      "author":         { "type": "keyword" },
                      "publishedAt":    { "type": "date" },
                      "readingMinutes": { "type": "integer" }
                    }
                  }
                }
                """.formatted(analyzer);
    }

    /** Per-id errors; a version conflict means the index already holds a newer state, which is success. */
    private static Map<String, String> failures(BulkResponse response) {
        Map<String, String> failed = new HashMap<>();
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != 409 && !(item.status() == 404 && item.id() != null)) {
                    failed.put(item.id(), item.error().type() + ": " + item.error().reason());
                }
            }
        }
        return failed;
    }

    /**
     * One line for the log: the failure, what caused it, and what was suppressed on the way (the
     * nodes tried before are added to it as suppressed exceptions).
     */
    static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (!line.isEmpty()) {
                line.append(" <- ");
            }
            line.append(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
            for (Throwable s : e.getSuppressed()) {
                line.append(" [after ").append(s.getClass().getSimpleName()).append(": ").append(s.getMessage()).append(']');
            }
        }
        return line.toString();
    }

    /** For requests that may be sent twice: reads, and bulk writes (versioned, so a repeat is a harmless conflict). */
    private <T> T callRepeatable(SearchNodes.Call<ElasticsearchClient, T> call) {
        try {
            return nodes.onAnyNode(call);
        } catch (IOException noNodeAnswered) {
            healthy = false;
            throw new UncheckedIOException(noNodeAnswered);
        } catch (ElasticsearchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private <T> T call(SearchNodes.Call<ElasticsearchClient, T> call) {
        try {
            return nodes.onOneNode(call);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ElasticsearchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
