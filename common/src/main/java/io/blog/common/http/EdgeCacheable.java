package io.blog.common.http;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public read that a shared cache (the gateway) may keep for anonymous readers; {@link EdgeCachePolicy}
 * writes the headers. Put it only on reads whose anonymous answer is the same for every anonymous reader.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface EdgeCacheable {
}
