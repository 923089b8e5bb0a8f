/** Cache-aside over the shared key-value store, with stampede protection and eviction after commit. */
package io.blog.common.cache;
