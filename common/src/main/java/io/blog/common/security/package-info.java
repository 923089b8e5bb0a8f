/** Role names and the revocation checks (logged-out tokens, disabled users) every service enforces. */
package io.blog.common.security;
