package io.blog.common.kv;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The store for security state: token revocations, rate-limit counters, the addresses an account
 * signed in from, duplicate-comment claims. In production it is a Redis of its own that never
 * evicts ({@code blog.redis.security-url}, maxmemory-policy noeviction), so no cache entry can push
 * a revocation or a counter out; the unqualified store holds caches and may evict them.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface SecurityState {
}
