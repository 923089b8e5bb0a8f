/**
 * RFC 9457 problem details: the one error shape every service answers with, and the JAX-RS
 * mappers that turn exceptions into it.
 */
package io.blog.common.problem;
