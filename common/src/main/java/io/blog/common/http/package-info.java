/**
 * HTTP plumbing every service needs: request ids for log correlation, the access log, the client's address
 * behind the gateway, and the caching policy of public reads at the gateway.
 */
package io.blog.common.http;
