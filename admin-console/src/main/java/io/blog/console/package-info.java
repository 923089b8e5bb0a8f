/**
 * The operations console: a Vaadin application for operators with the ADMIN role. Its shell and
 * layout live here; each view is a feature package (health, replication, backups) that reads the
 * platform only through its public interfaces: user-war's login and JWKS, the services' health
 * endpoints, MariaDB's status through the read-only monitoring account, and the backup scripts.
 */
package io.blog.console;
