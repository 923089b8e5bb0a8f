package io.blog.comments.comment;

import io.blog.common.json.Timestamps;
import io.blog.common.paging.CursorPage;
import io.blog.common.paging.Cursors;
import io.blog.common.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One page of a list ordered by creation time and id: where the previous page ended (from the
 * opaque cursor; null on the first page) and how many items to return.
 */
public record Keyset(Instant afterCreatedAt, String afterId, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    public static Keyset of(String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor == null || cursor.isBlank()) {
            return new Keyset(null, null, size);
        }
        List<String> keys = Cursors.decode(cursor, 2);
        try {
            // Ids are UUIDs made here; anything else was not issued by this API.
            if (!ID.matcher(keys.get(1)).matches()) {
                throw new IllegalArgumentException("not an id");
            }
            return new Keyset(Timestamps.parse(keys.get(0)), keys.get(1), size);
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    public boolean continues() {
        return afterId != null;
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The page made of {@code rows} (fetched with {@link #fetchSize()}), its items mapped by {@code toItems}. */
    public <T, R> CursorPage<R> page(List<T> rows, Function<T, Instant> createdAt, Function<T, String> id,
                                     Function<List<T>, List<R>> toItems) {
        boolean more = rows.size() > limit;
        List<T> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursors.encode(Timestamps.format(createdAt.apply(shown.getLast())), id.apply(shown.getLast())) : null;
        return new CursorPage<>(toItems.apply(shown), next);
    }
}
