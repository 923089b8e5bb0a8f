/** HTTP plumbing every service needs: request ids for log correlation and the client's address behind the gateway. */
package io.blog.common.http;
