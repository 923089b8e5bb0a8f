/** Sign-in, refresh-token rotation with reuse detection, sign-out, and brute-force limits. */
package io.blog.users.session;
