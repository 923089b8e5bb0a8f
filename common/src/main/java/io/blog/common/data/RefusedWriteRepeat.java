package io.blog.common.data;

import io.blog.common.metrics.MetricNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repeats, once, a write that a read-only node refused after the primary had come back.
 *
 * <p>A connection left idle in the write pool while the primary was killed and rejoined still
 * holds the dead socket of the old primary process. When it is borrowed, MariaDB Connector/J
 * meets the dead socket, puts the primary (healthy again) on its JVM-wide deny list for
 * {@code deniedListTimeout} and reconnects to the next host of the write URL: the demoted node,
 * which refuses the write (1290). Liberty then empties the pool (1290 is a stale connection,
 * {@code liberty-config/fragments/datasources.xml}); once the denial has lapsed, a new connection
 * finds the primary again. So the write is repeated after that long, as a whole new transaction.
 * A refusal while no node takes writes (before a promotion) is refused again and answered 503.
 *
 * <p>Only the outermost write repeats: inside an enclosing transaction the refusal belongs to that
 * transaction. A write URL without {@code deniedListTimeout} (one host, or the one-command run's
 * embedded database) has no such denial, and nothing is repeated.
 */
@ApplicationScoped
public class RefusedWriteRepeat {

    private static final Logger LOG = Logger.getLogger(RefusedWriteRepeat.class.getName());
    private static final Pattern DENIED_LIST_TIMEOUT = Pattern.compile("[?&]deniedListTimeout=(\\d+)");
    /** The driver lifts a denial only once its deadline is strictly past, on a millisecond clock. */
    static final Duration MARGIN = Duration.ofMillis(50);

    /** Unset in the one-command run, whose services have datasources of their own names. */
    @Inject
    @ConfigProperty(name = "blog.db.url")
    Optional<String> writeUrl;

    @Inject
    MetricRegistry metrics;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private Optional<Duration> pause;

    @PostConstruct
    void readPause() {
        pause = writeUrl.flatMap(RefusedWriteRepeat::pauseFor);
    }

    /** How long to wait before repeating a refused write on this write URL; empty: do not repeat. */
    static Optional<Duration> pauseFor(String jdbcUrl) {
        Matcher timeout = DENIED_LIST_TIMEOUT.matcher(jdbcUrl);
        return timeout.find() ? Optional.of(Duration.ofMillis(Long.parseLong(timeout.group(1))).plus(MARGIN)) : Optional.empty();
    }

    /** Proceeds with the write, and once more after the pause if a read-only node refused it. */
    public Object proceed(InvocationContext write) throws Exception {
        if (pause.isEmpty() || insideTransaction()) {
            return write.proceed();
        }
        try {
            return write.proceed();
        } catch (Exception refused) {
            if (!DatabaseFailures.isReadOnly(refused)) {
                throw refused;
            }
            LOG.info(() -> "A read-only node refused " + write.getMethod().getDeclaringClass().getSimpleName() + "."
                    + write.getMethod().getName() + "; repeating it once in " + pause.get().toMillis() + " ms");
            metrics.counter(MetricNames.DB_WRITES_REPEATED).inc();
            Thread.sleep(pause.get().toMillis());
            return write.proceed();
        }
    }

    private boolean insideTransaction() {
        return transactions != null && transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }
}
