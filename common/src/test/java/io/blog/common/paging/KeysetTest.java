package io.blog.common.paging;

import io.blog.common.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysetTest {

    private record Row(Instant createdAt, String id) {
    }

    private static void assertInvalid(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.field()).isEqualTo(field));
        });
    }

    @Test
    void firstPageUsesDefaultLimit() {
        Keyset k = Keyset.of(null, null);
        assertThat(k.limit()).isEqualTo(Keyset.DEFAULT_LIMIT).isEqualTo(10);
        assertThat(k.continues()).isFalse();
        assertThat(k.after()).isNull();
        assertThat(k.afterId()).isNull();
        assertThat(k.fetchSize()).isEqualTo(11);
        assertThat(Keyset.of("", 7).continues()).isFalse();
        assertThat(Keyset.of("   ", 7).limit()).isEqualTo(7);
    }

    @Test
    void limitBounds() {
        assertThat(Keyset.of(null, 1).limit()).isEqualTo(1);
        assertThat(Keyset.of(null, 50).limit()).isEqualTo(Keyset.MAX_LIMIT);
        assertInvalid(() -> Keyset.of(null, 0), "limit");
        assertInvalid(() -> Keyset.of(null, -1), "limit");
        assertInvalid(() -> Keyset.of(null, 51), "limit");
    }

    @Test
    void cursorRoundTripsThroughPage() {
        Instant t0 = Instant.parse("2025-03-01T10:00:00.123Z");
        List<Row> rows = List.of(
                new Row(t0, UUID.randomUUID().toString()),
                new Row(t0.plusMillis(1), UUID.randomUUID().toString()),
                new Row(t0.plusMillis(2), UUID.randomUUID().toString()));
        Keyset first = Keyset.of(null, 2);

        CursorPage<String> page = first.page(rows, Row::createdAt, Row::id, l -> l.stream().map(Row::id).toList());

        assertThat(page.items()).containsExactly(rows.get(0).id(), rows.get(1).id());
        assertThat(page.nextCursor()).isNotNull();
        Keyset next = Keyset.of(page.nextCursor(), 2);
        assertThat(next.continues()).isTrue();
        assertThat(next.after()).isEqualTo(rows.get(1).createdAt());
        assertThat(next.afterId()).isEqualTo(rows.get(1).id());
        assertThat(next.limit()).isEqualTo(2);
    }

    @Test
    void lastPageHasNoCursor() {
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        List<Row> rows = List.of(new Row(t0, UUID.randomUUID().toString()), new Row(t0, UUID.randomUUID().toString()));
        CursorPage<Row> exact = Keyset.of(null, 2).page(rows, Row::createdAt, Row::id, l -> l);
        assertThat(exact.items()).hasSize(2);
        assertThat(exact.nextCursor()).isNull();
        CursorPage<Row> empty = Keyset.of(null, 2).page(List.of(), Row::createdAt, Row::id, l -> l);
        assertThat(empty.items()).isEmpty();
        assertThat(empty.nextCursor()).isNull();
    }

    @Test
    void validHandMadeCursorDecodes() {
        String id = UUID.randomUUID().toString();
        Keyset k = Keyset.of(Cursors.encode("2025-01-02T03:04:05.678Z", id), null);
        assertThat(k.after()).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
        assertThat(k.afterId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!not-base64!!!", "%%%", "YQ"})
    void garbageCursorsAreRejected(String cursor) {
        assertInvalid(() -> Keyset.of(cursor, null), "cursor");
    }

    @Test
    void cursorsWithWrongShapeAreRejected() {
        String id = UUID.randomUUID().toString();
        assertInvalid(() -> Keyset.of(Cursors.encode("2025-01-02T03:04:05.678Z"), null), "cursor");
        assertInvalid(() -> Keyset.of(Cursors.encode("2025-01-02T03:04:05.678Z", id, "x"), null), "cursor");
        assertInvalid(() -> Keyset.of(Cursors.encode("yesterday", id), null), "cursor");
        assertInvalid(() -> Keyset.of(Cursors.encode("2025-01-02T03:04:05.678Z", "42"), null), "cursor");
        assertInvalid(() -> Keyset.of(Cursors.encode("2025-01-02T03:04:05.678Z", id.toUpperCase()), null), "cursor");
        assertInvalid(() -> Keyset.of(Cursors.encode("2025-01-02T03:04:05.678Z", "' OR 1=1 --" + id), null), "cursor");
        String plainBase64 = Base64.getEncoder().encodeToString("2025-01-02T03:04:05.678Z,abc".getBytes(StandardCharsets.UTF_8));
        assertInvalid(() -> Keyset.of(plainBase64, null), "cursor");
    }

    @Test
    void badLimitIsReportedEvenWithAGoodCursor() {
        String cursor = Cursors.encode("2025-01-02T03:04:05.678Z", UUID.randomUUID().toString());
        assertInvalid(() -> Keyset.of(cursor, 100), "limit");
    }
}
