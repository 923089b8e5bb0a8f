package io.blog.common.kv;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the services rely on, checked against the in-process store, the real Redis and a real
 * Redis Cluster alike.
 */
abstract class HashAndSetContract {

    abstract KeyValueStore store();

    @Test
    void incrementAndMarkCountsFromTheFloorWhenTheFieldIsLowerOrAbsent() {
        String key = "test:{" + UUID.randomUUID() + "}";
        String marks = key + ":marks";
        assertThat(store().hashValue(key, "a")).isZero();
        assertThat(store().incrementAndMark(key, "a", 0, marks)).isEqualTo(1);
        assertThat(store().incrementAndMark(key, "a", 0, marks)).isEqualTo(2);
        assertThat(store().incrementAndMark(key, "a", 10, marks)).isEqualTo(11);
        assertThat(store().incrementAndMark(key, "a", 3, marks)).isEqualTo(12);
        assertThat(store().incrementAndMark(key, "b", 7, marks)).isEqualTo(8);
        assertThat(store().hashValue(key, "a")).isEqualTo(12);
        assertThat(store().hashValues(key, List.of("a", "b", "absent"))).containsEntry("a", 12L).containsEntry("b", 8L)
                .containsEntry("absent", 0L).hasSize(3);
        assertThat(store().setPop(marks, 10)).containsExactlyInAnyOrder("a", "b");
        store().delete(key);
        assertThat(store().hashValue(key, "a")).isZero();
    }

    @Test
    void setPopHandsEachMemberOutOnce() {
        String key = "test:" + UUID.randomUUID();
        store().setAdd(key, List.of("a", "b", "c"));
        store().setAdd(key, List.of("c", "d"));
        store().setAdd(key, List.of());

        Set<String> first = store().setPop(key, 3);
        Set<String> rest = store().setPop(key, 3);

        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(1).doesNotContainAnyElementsOf(first);
        Set<String> all = new HashSet<>(first);
        all.addAll(rest);
        assertThat(all).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(store().setPop(key, 3)).isEmpty();
    }

    @Test
    void aCounterCanBeGivenBackButNotBelowZeroNorRevived() {
        String key = "contract:refund:" + UUID.randomUUID();
        store().increment(key, Duration.ofMinutes(1));
        store().increment(key, Duration.ofMinutes(1));
        store().decrementIfPresent(key);
        Assertions.assertThat(store().peek(key).value()).isEqualTo(1);
        Assertions.assertThat(store().peek(key).remaining()).isPositive();
        store().decrementIfPresent(key);
        store().decrementIfPresent(key);
        Assertions.assertThat(store().peek(key).value()).isZero();
        // An absent counter stays absent: no key without expiry appears.
        String absent = "contract:refund:" + UUID.randomUUID();
        store().decrementIfPresent(absent);
        Assertions.assertThat(store().exists(absent)).isFalse();
    }

    @Test
    void keysOfTwoHashTagsAreRefusedInOneScriptByEveryStore() {
        assertThatThrownBy(() -> store().incrementAndMark("test:{a}:totals", "x", 0, "test:{b}:marks"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash tag");
        assertThat(KeyValueStore.hashTag("posts:{views}:total")).isEqualTo("views");
        assertThat(KeyValueStore.hashTag("a{}b")).isEqualTo("a{}b");
        assertThat(KeyValueStore.hashTag("plain")).isEqualTo("plain");
    }

    @Test
    void valuesCountersAndADeleteOfKeysInManySlots() {
        String prefix = "contract:" + UUID.randomUUID() + ":";
        List<String> keys = IntStream.range(0, 40).mapToObj(i -> prefix + i).toList();
        keys.forEach(k -> store().set(k, "v" + k.length(), Duration.ofMinutes(1)));
        assertThat(store().get(keys.getFirst())).isPresent();
        assertThat(store().setIfAbsent(keys.getFirst(), "other", Duration.ofMinutes(1))).isFalse();
        assertThat(store().setIfAbsent(prefix + "new", "mine", Duration.ofMinutes(1))).isTrue();

        store().delete(keys.toArray(String[]::new));
        assertThat(keys).noneMatch(k -> store().exists(k));
        assertThat(store().get(prefix + "new")).contains("mine");

        String counter = prefix + "counter";
        assertThat(store().increment(counter, Duration.ofMinutes(1)).value()).isEqualTo(1);
        KeyValueStore.Counter second = store().increment(counter, Duration.ofMinutes(1));
        assertThat(second.value()).isEqualTo(2);
        assertThat(second.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(store().peek(counter).value()).isEqualTo(2);
        assertThat(store().peek(prefix + "absent").value()).isZero();
        assertThat(store().ping()).isTrue();
    }
}
