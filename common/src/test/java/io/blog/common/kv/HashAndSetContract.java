package io.blog.common.kv;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What view counting relies on, checked against the in-process store and the real Redis alike. */
abstract class HashAndSetContract {

    abstract KeyValueStore store();

    @Test
    void incrementAndMarkCountsFromTheFloorWhenTheFieldIsLowerOrAbsent() {
        String key = "test:" + UUID.randomUUID();
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
        String key = "contract:refund:" + java.util.UUID.randomUUID();
        store().increment(key, java.time.Duration.ofMinutes(1));
        store().increment(key, java.time.Duration.ofMinutes(1));
        store().decrementIfPresent(key);
        org.assertj.core.api.Assertions.assertThat(store().peek(key).value()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(store().peek(key).remaining()).isPositive();
        store().decrementIfPresent(key);
        store().decrementIfPresent(key);
        org.assertj.core.api.Assertions.assertThat(store().peek(key).value()).isZero();
        // An absent counter stays absent: no key without expiry appears.
        String absent = "contract:refund:" + java.util.UUID.randomUUID();
        store().decrementIfPresent(absent);
        org.assertj.core.api.Assertions.assertThat(store().exists(absent)).isFalse();
    }
}
