/**
 * Who is asking ({@link io.blog.common.security.Caller}, the one shape of the caller every service
 * uses), role names, and the revocation checks (logged-out tokens, disabled users) every service
 * enforces.
 */
package io.blog.common.security;
