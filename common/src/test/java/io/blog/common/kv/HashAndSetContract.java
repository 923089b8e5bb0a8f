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
    void incrementAtLeastCountsFromTheFloorWhenTheFieldIsLowerOrAbsent() {
        String key = "test:" + UUID.randomUUID();
        assertThat(store().hashValue(key, "a")).isZero();
        assertThat(store().hashIncrementAtLeast(key, "a", 0)).isEqualTo(1);
        assertThat(store().hashIncrementAtLeast(key, "a", 0)).isEqualTo(2);
        assertThat(store().hashIncrementAtLeast(key, "a", 10)).isEqualTo(11);
        assertThat(store().hashIncrementAtLeast(key, "a", 3)).isEqualTo(12);
        assertThat(store().hashIncrementAtLeast(key, "b", 7)).isEqualTo(8);
        assertThat(store().hashValue(key, "a")).isEqualTo(12);
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
}
