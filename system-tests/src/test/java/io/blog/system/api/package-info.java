/**
 * The public API as its OpenAPI documents describe it, tested as a whole: the authorization matrix
 * (every operation against every kind of caller) and the fuzzer (generated requests, through the
 * gateway and straight to each service). Both read the documents the services publish, so a new
 * endpoint is covered, or fails the matrix for want of a row, without anyone remembering to.
 */
package io.blog.system.api;
