package io.blog.common.paging;

import java.util.List;

/** A slice of a keyset-paginated list; {@code nextCursor} is null on the last slice. */
public record CursorPage<T>(List<T> items, String nextCursor) {
}
