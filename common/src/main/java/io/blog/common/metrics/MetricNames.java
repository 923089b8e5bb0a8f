package io.blog.common.metrics;

/**
 * Application metric names. Counters are exported by mpMetrics with a {@code _total} suffix, so
 * {@code users_registered} appears in Prometheus as {@code users_registered_total}.
 */
public final class MetricNames {

    public static final String USERS_REGISTERED = "users_registered";
    public static final String LOGINS = "logins";
    public static final String TOKENS_REFRESHED = "tokens_refreshed";
    public static final String RATE_LIMIT_REJECTIONS = "rate_limit_rejections";
    public static final String REVOKED_TOKEN_REJECTIONS = "revoked_token_rejections";
    public static final String REPLICA_READS = "db_replica_reads";
    public static final String PRIMARY_READS = "db_primary_reads";
    public static final String REPLICA_LAG_SECONDS = "db_replica_lag_seconds";

    private MetricNames() {
    }
}
