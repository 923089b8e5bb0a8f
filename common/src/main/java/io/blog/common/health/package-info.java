/** Readiness checks every service shares: its primary database and the key-value store. */
package io.blog.common.health;
