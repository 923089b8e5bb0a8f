/** Versioned schema migrations (Flyway) run at start-up against the service's primary database. */
package io.blog.common.migration;
