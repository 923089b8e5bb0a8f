/** Paging types shared by all list endpoints: numbered pages for admin lists, opaque cursors for feeds. */
package io.blog.common.paging;
