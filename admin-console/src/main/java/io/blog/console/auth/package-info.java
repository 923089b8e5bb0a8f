/**
 * Who may use the console: operators sign in with a platform account that has the ADMIN role.
 * user-war issues the tokens; the console verifies them against user-war's JWKS, keeps them in the
 * server-side session only (the browser never sees them), refreshes them before they expire, and
 * sends everyone else away with a clear page.
 */
package io.blog.console.auth;
