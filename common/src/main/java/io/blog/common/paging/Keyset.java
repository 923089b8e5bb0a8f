package io.blog.common.paging;

import io.blog.common.json.Timestamps;
import io.blog.common.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One page of a list ordered by an instant and an id (comments by creation, articles by
 * publication or last edit): where the previous page ended, from the opaque cursor (null on the
 * first page), and how many items to return. Every cursor list of the API pages this way.
 */
public record Keyset(Instant after, String afterId, int limit) {

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
            // Ids are UUIDs the services make; anything else was not issued by this API.
            if (!ID.matcher(keys.get(1)).matches()) {
                throw new IllegalArgumentException("not an id");
            }
            return new Keyset(Timestamps.parse(keys.get(0)), keys.get(1), size);
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    /** The cursor of the page that starts after the item at this instant with this id. */
    public static String cursorAfter(Instant at, String id) {
        return Cursors.encode(Timestamps.format(at), id);
    }

    public boolean continues() {
        return afterId != null;
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The page made of {@code rows} (fetched with {@link #fetchSize()}), its items mapped by {@code toItems}. */
    public <T, R> CursorPage<R> page(List<T> rows, Function<T, Instant> at, Function<T, String> id,
                                     Function<List<T>, List<R>> toItems) {
        boolean more = rows.size() > limit;
        List<T> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorAfter(at.apply(shown.getLast()), id.apply(shown.getLast())) : null;
        return new CursorPage<>(toItems.apply(shown), next);
    }
}
