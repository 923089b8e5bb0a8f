package io.blog.common.http;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The access log of a service: one line per request in {@code http_access.log} beside Liberty's
 * {@code messages.log} ({@code server.logs.dir}, which follows {@code LOG_DIR}), registered for every
 * path by common's web-fragment.xml. It replaces Liberty's {@code httpAccessLogging} for the services
 * because that one cost about 30 % of an uncached read (see {@link AccessLogWriter}); the line keeps
 * its format. The request id logged is the one the request was handled under ({@link RequestIdFilter}),
 * also when the service made it up. The line is written when the chain returns, so the filter is not
 * async-supported: an endpoint that went asynchronous would fail loudly rather than be logged unfinished.
 */
public class AccessLogFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(AccessLogFilter.class.getName());
    private static final String FILE_NAME = "http_access.log";

    @Resource
    ManagedThreadFactory threads;

    private AccessLogWriter writer;

    @Override
    public void init(FilterConfig config) {
        ConfigProvider.getConfig().getOptionalValue("server.logs.dir", String.class).ifPresentOrElse(
                dir -> writer = new AccessLogWriter(Path.of(dir, FILE_NAME), threads),
                () -> LOG.warning("no server.logs.dir: this application writes no access log"));
    }

    @Override
    public void destroy() {
        if (writer != null) {
            writer.stop(2_000);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (writer == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant received = Instant.now();
        long started = System.nanoTime();
        CountingResponse counted = new CountingResponse(response);
        boolean failed = true;
        try {
            chain.doFilter(request, counted);
            failed = false;
        } finally {
            // An exception out of the chain becomes the container's 500 after this filter returns.
            log(request, counted, received, started, failed ? 500 : response.getStatus());
        }
    }

    private void log(HttpServletRequest request, CountingResponse response, Instant received, long started, int status) {
        Object handledUnder = request.getAttribute(RequestIds.PROPERTY);
        String query = request.getQueryString();
        writer.write(new AccessLine(request.getRemoteAddr(),
                handledUnder instanceof String id ? id : request.getHeader(RequestIds.HEADER),
                request.getHeader("traceparent"), received, request.getMethod(), request.getRequestURI(),
                query == null ? "" : query, status, response.bytesWritten(),
                (System.nanoTime() - started) / 1_000, request.getHeader("User-Agent")).format());
    }
}
