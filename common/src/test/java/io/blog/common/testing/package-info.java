/**
 * What every service's integration tests share, published as common's test jar: an HTTP client
 * for the real test servers, accounts, a switchable forwarding proxy and in-container archives.
 */
package io.blog.common.testing;
