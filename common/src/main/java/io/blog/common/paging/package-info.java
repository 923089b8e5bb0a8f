/**
 * Paging shared by all list endpoints: numbered pages for admin lists ({@link PageRequest}), and
 * for every other list a {@link Keyset} read from and written to an opaque cursor.
 */
package io.blog.common.paging;
