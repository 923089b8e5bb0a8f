/**
 * The logs view: recent errors of every component from the log index (Elasticsearch alias
 * blog-logs, filled by the log shipper) with their request ids, and one request's trail across the
 * gateway and the services.
 */
package io.blog.console.logs;
