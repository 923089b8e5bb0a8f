/**
 * The one way services reach Redis: a small key-value interface with a Jedis implementation and an
 * in-process substitute for the zero-setup run.
 */
package io.blog.common.kv;
