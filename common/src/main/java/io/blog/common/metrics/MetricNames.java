package io.blog.common.metrics;

/**
 * Application metric names. Counters are exported by mpMetrics with a {@code _total} suffix, so
 * {@code users_registered} appears in Prometheus as {@code users_registered_total}.
 */
public final class MetricNames {

    /** Timer with histogram buckets: {@code http_server_requests_seconds_bucket{method,endpoint,status}}. */
    public static final String HTTP_REQUESTS = "http_server_requests";

    public static final String USERS_REGISTERED = "users_registered";
    public static final String LOGINS = "logins";
    public static final String TOKENS_REFRESHED = "tokens_refreshed";
    public static final String RATE_LIMIT_REJECTIONS = "rate_limit_rejections";
    public static final String REVOKED_TOKEN_REJECTIONS = "revoked_token_rejections";
    public static final String REPLICA_READS = "db_replica_reads";
    public static final String PRIMARY_READS = "db_primary_reads";
    public static final String REPLICA_LAG_SECONDS = "db_replica_lag_seconds";
    /** Writes repeated after a read-only node refused them (see RefusedWriteRepeat). */
    public static final String DB_WRITES_REPEATED = "db_writes_repeated";

    public static final String CACHE_HITS = "cache_hits";
    public static final String CACHE_MISSES = "cache_misses";
    public static final String CACHE_ERRORS = "cache_errors";
    /** Writes to Redis given up because too many already waited for it during an outage. */
    public static final String STORE_WRITES_DROPPED = "store_writes_dropped";

    public static final String POSTS_CREATED = "posts_created";
    public static final String POSTS_PUBLISHED = "posts_published";
    public static final String SCHEDULER_RUNS = "posts_scheduler_runs";
    /** Timer with histogram buckets: how long after its {@code publishAt} a scheduled article went live. */
    public static final String SCHEDULED_PUBLISH_LAG = "posts_scheduled_publish_lag";
    public static final String SEARCH_DURATION = "posts_search_duration";
    public static final String SEARCH_DEGRADED = "posts_search_degraded";
    public static final String OUTBOX_BACKLOG = "posts_outbox_backlog";
    public static final String OUTBOX_OLDEST_AGE_SECONDS = "posts_outbox_oldest_age_seconds";
    public static final String VIEW_FLUSHES = "posts_view_flushes";

    public static final String COMMENTS_CREATED = "comments_created";
    public static final String COMMENTS_MODERATION_ACTIONS = "comments_moderation_actions";
    public static final String COMMENTS_SPAM_DETECTED = "comments_spam_detected";
    public static final String COMMENTS_PENDING = "comments_pending";

    private MetricNames() {
    }
}
