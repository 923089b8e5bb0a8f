/**
 * The backups view: the catalogue, "back up now" and "verify" with progress, retention and the
 * schedule. It runs the platform's backup scripts (scripts/maintenance) and reads their JSON
 * output; it never implements a backup itself.
 */
package io.blog.console.backups;
