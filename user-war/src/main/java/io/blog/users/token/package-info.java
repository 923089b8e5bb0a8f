/** Access-token issuing (RS256 JWTs) and the signing keys, published as a JWKS for every verifier. */
package io.blog.users.token;
