package io.blog.common.metrics;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every API request by endpoint (the route template, e.g. {@code GET /api/posts/{slug}},
 * never the raw path, so the number of series stays bounded), method and status class. The timer's
 * histogram buckets ({@code mp.metrics.distribution.timer.buckets} in common's
 * microprofile-config.properties) are what let PromQL aggregate percentiles across instances;
 * per-instance quantiles cannot be averaged.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class HttpRequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = HttpRequestMetrics.class.getName() + ".started";
    private static final Metadata METADATA = Metadata.builder().withName(MetricNames.HTTP_REQUESTS)
            .withDescription("API requests by endpoint, method and status class").withUnit(MetricUnits.SECONDS).build();

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    MetricRegistry metrics;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        String endpoint = endpoint(request);
        String method = request.getMethod();
        String status = (response.getStatus() / 100) + "xx";
        timers.computeIfAbsent(method + ' ' + endpoint + ' ' + status,
                        key -> metrics.timer(METADATA, new Tag("method", method), new Tag("endpoint", endpoint), new Tag("status", status)))
                .update(Duration.ofNanos(System.nanoTime() - started));
    }

    /** The matched route's template under the application's base path, or "unmatched". */
    private String endpoint(ContainerRequestContext request) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Method method = resource == null ? null : resource.getResourceMethod();
        if (type == null || method == null) {
            return "unmatched";
        }
        StringBuilder template = new StringBuilder(request.getUriInfo().getBaseUri().getPath());
        append(template, type.getAnnotation(Path.class));
        append(template, method.getAnnotation(Path.class));
        return template.length() > 1 && template.charAt(template.length() - 1) == '/'
                ? template.substring(0, template.length() - 1) : template.toString();
    }

    private static void append(StringBuilder template, Path path) {
        if (path == null) {
            return;
        }
        String value = path.value();
        if (template.length() > 0 && template.charAt(template.length() - 1) == '/' && value.startsWith("/")) {
            value = value.substring(1);
        } else if (template.length() > 0 && template.charAt(template.length() - 1) != '/' && !value.startsWith("/")) {
            template.append('/');
        }
        template.append(value);
    }
}
