package io.blog.common.data;

import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefusedWriteRepeatTest {

    private static final String WRITE_URL =
            "jdbc:mariadb:sequential://127.0.0.1:3326,127.0.0.1:3327/blog_posts?timezone=UTC&deniedListTimeout=200&retriesAllDown=2";
    /** What EclipseLink raised at commit for an INSERT on the demoted node. */
    private static final PersistenceException REFUSED = new PersistenceException("Exception [EclipseLink-4002]",
            new RuntimeException(new SQLException("The MariaDB server is running with the --read-only option", "HY000", 1290)));

    private final AtomicLong repeats = new AtomicLong();
    private int transactionStatus = Status.STATUS_NO_TRANSACTION;

    @Test
    void thePauseOutlastsTheDriversDenialOfTheWriteUrl() {
        assertThat(RefusedWriteRepeat.pauseFor(WRITE_URL)).contains(Duration.ofMillis(200).plus(RefusedWriteRepeat.MARGIN));
        assertThat(RefusedWriteRepeat.pauseFor("jdbc:mariadb://h:3306/db?deniedListTimeout=5000")).contains(Duration.ofMillis(5050));
        assertThat(RefusedWriteRepeat.pauseFor("jdbc:mariadb://127.0.0.1:3307/blog_posts?timezone=UTC")).isEmpty();
        assertThat(RefusedWriteRepeat.pauseFor("jdbc:h2:mem:posts")).isEmpty();
        assertThat(RefusedWriteRepeat.pauseFor("")).isEmpty();
    }

    @Test
    void aWriteARecoveredPrimaryTakesIsRepeatedOnceAfterTheDenial() throws Exception {
        Write write = new Write(REFUSED, "committed");
        long started = System.nanoTime();
        assertThat(repeat(WRITE_URL).proceed(write)).isEqualTo("committed");
        assertThat(write.calls).hasSize(2);
        assertThat(Duration.ofNanos(write.calls.get(1) - write.calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(repeats).hasValue(1);
    }

    @Test
    void aSecondRefusalIsTheCallersAnswer() {
        Write write = new Write(REFUSED, REFUSED);
        assertThatThrownBy(() -> repeat(WRITE_URL).proceed(write)).isSameAs(REFUSED);
        assertThat(write.calls).hasSize(2);
    }

    @Test
    void otherFailuresAreNotRepeated() {
        PersistenceException duplicate = new PersistenceException(new SQLException("Duplicate entry", "23000", 1062));
        Write write = new Write(duplicate, "never");
        assertThatThrownBy(() -> repeat(WRITE_URL).proceed(write)).isSameAs(duplicate);
        assertThat(write.calls).hasSize(1);
        assertThat(repeats).hasValue(0);
    }

    @Test
    void aWriteInsideAnEnclosingTransactionIsNotRepeated() {
        transactionStatus = Status.STATUS_ACTIVE;
        Write write = new Write(REFUSED, "never");
        assertThatThrownBy(() -> repeat(WRITE_URL).proceed(write)).isSameAs(REFUSED);
        assertThat(write.calls).hasSize(1);
    }

    @Test
    void withoutAWriteUrlNothingIsRepeated() {
        // The one-command run: its services' datasources are configured under names of their own.
        Write write = new Write(REFUSED, "never");
        assertThatThrownBy(() -> repeat(null).proceed(write)).isSameAs(REFUSED);
        assertThat(write.calls).hasSize(1);
    }

    @Test
    void withoutADenialThereIsNothingToWaitFor() {
        Write write = new Write(REFUSED, "never");
        assertThatThrownBy(() -> repeat("jdbc:mariadb://127.0.0.1:3307/blog_posts").proceed(write)).isSameAs(REFUSED);
        assertThat(write.calls).hasSize(1);
    }

    private RefusedWriteRepeat repeat(String writeUrl) {
        RefusedWriteRepeat repeat = new RefusedWriteRepeat();
        repeat.writeUrl = Optional.ofNullable(writeUrl);
        repeat.metrics = proxy(MetricRegistry.class, (method, args) -> method.getName().equals("counter")
                ? proxy(Counter.class, (m, a) -> {
                    if (m.getName().equals("inc")) {
                        repeats.incrementAndGet();
                    }
                    return null;
                })
                : null);
        repeat.transactions = proxy(TransactionSynchronizationRegistry.class,
                (method, args) -> method.getName().equals("getTransactionStatus") ? transactionStatus : null);
        repeat.readPause();
        return repeat;
    }

    private interface Handler {
        Object handle(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> handler.handle(method, args)));
    }

    /** A write whose attempts answer the outcomes in turn: an exception is thrown, anything else returned. */
    private static final class Write implements InvocationContext {
        final List<Long> calls = new ArrayList<>();
        private final Object[] outcomes;

        Write(Object... outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public Object proceed() throws Exception {
            calls.add(System.nanoTime());
            Object outcome = outcomes[calls.size() - 1];
            if (outcome instanceof Exception e) {
                throw e;
            }
            return outcome;
        }

        @Override
        public Method getMethod() {
            try {
                return Object.class.getMethod("toString");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object getTarget() {
            return null;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[0];
        }

        @Override
        public void setParameters(Object[] params) {
        }

        @Override
        public Map<String, Object> getContextData() {
            return Map.of();
        }
    }
}
