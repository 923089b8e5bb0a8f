package io.blog.common.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * The one place that decides how long a shared cache may keep a public read ({@link EdgeCacheable}).
 *
 * <p>An anonymous answer gets {@code s-maxage} (the gateway keeps it), {@code stale-while-revalidate}
 * (the gateway may answer from the old copy while one request fetches the new one) and
 * {@code max-age=0} (browsers revalidate every time, cheaply, against the gateway). So a change is
 * visible to anonymous readers at most {@code fresh + stale} seconds after it commits: a bound that
 * holds however long the copy sat unread, which a plain "serve stale while updating" does not give.
 * {@code stale-if-error} lets the gateway keep answering reads while every instance is down.
 *
 * <p>A request with credentials gets {@code private, no-cache}: the gateway never stores or serves it
 * from the cache, and the browser revalidates, so signed-in readers always see their own writes.
 * An answer the resource already marked private or no-store (a draft) is left as it is.
 */
@Provider
@EdgeCacheable
public class EdgeCachePolicy implements ContainerResponseFilter {

    @Inject
    @ConfigProperty(name = "blog.http.edge-cache.fresh-seconds", defaultValue = "2")
    int freshSeconds;

    @Inject
    @ConfigProperty(name = "blog.http.edge-cache.stale-seconds", defaultValue = "3")
    int staleSeconds;

    @Inject
    @ConfigProperty(name = "blog.http.edge-cache.stale-if-error-seconds", defaultValue = "300")
    int staleIfErrorSeconds;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return;
        }
        int status = response.getStatus();
        if (status != 200 && status != 304) {
            return;
        }
        String existing = response.getHeaderString(HttpHeaders.CACHE_CONTROL);
        if (existing != null) {
            String lower = existing.toLowerCase(Locale.ROOT);
            if (lower.contains("private") || lower.contains("no-store")) {
                return;
            }
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                ? "private, no-cache"
                : header(freshSeconds, staleSeconds, staleIfErrorSeconds));
        response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
    }

    static String header(int fresh, int stale, int staleIfError) {
        return "public, max-age=0, s-maxage=" + fresh + ", stale-while-revalidate=" + stale
                + ", stale-if-error=" + staleIfError;
    }
}
