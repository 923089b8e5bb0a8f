package io.blog.common.kv;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryKeyValueStoreTest extends HashAndSetContract {

    private final MutableClock clock = new MutableClock();
    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore(clock);

    @Override
    KeyValueStore store() {
        return store;
    }

    @Test
    void valuesExpireAfterTheirTtl() {
        store.set("k", "v", Duration.ofSeconds(10));
        assertThat(store.get("k")).contains("v");
        assertThat(store.exists("k")).isTrue();

        clock.advance(Duration.ofSeconds(10));

        assertThat(store.get("k")).isEmpty();
        assertThat(store.exists("k")).isFalse();
    }

    @Test
    void countersKeepTheirWindowFromTheFirstIncrement() {
        assertThat(store.increment("c", Duration.ofSeconds(60)).value()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        KeyValueStore.Counter second = store.increment("c", Duration.ofSeconds(60));

        assertThat(second.value()).isEqualTo(2);
        assertThat(second.remaining()).isEqualTo(Duration.ofSeconds(30));
        assertThat(store.peek("c").value()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(30));
        assertThat(store.peek("c").value()).isZero();
        assertThat(store.increment("c", Duration.ofSeconds(60)).value()).isEqualTo(1);
    }

    @Test
    void deleteRemovesAValue() {
        store.set("k", "v", Duration.ofMinutes(1));
        store.delete("k");
        assertThat(store.get("k")).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
