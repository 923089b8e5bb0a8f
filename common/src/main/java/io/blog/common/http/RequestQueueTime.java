package io.blog.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the current request has waited since the gateway forwarded it: the gateway stamps
 * {@code X-Request-Start: t=<epoch seconds.millis>} (nginx's {@code $msec}), and a request that
 * queued for a worker thread inside the server arrives in application code that much later. Only
 * a stamp from a trusted proxy counts; without one (the one-command run, direct calls, work
 * outside a request) the wait so far is zero. Gateway and instances must share a clock (NTP).
 */
@ApplicationScoped
public class RequestQueueTime {

    static final String HEADER = "X-Request-Start";

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    ClientAddress addresses;

    public Duration soFar() {
        HttpServletRequest current;
        try {
            current = request.get();
            // The built-in bean is a proxy: outside a request (start-up work, a scheduled job) it
            // fails on first use rather than on lookup.
            current.getRemoteAddr();
        } catch (ContextNotActiveException | IllegalStateException | NullPointerException outsideARequest) {
            return Duration.ZERO;
        }
        if (!addresses.viaTrustedProxy(current)) {
            return Duration.ZERO;
        }
        return since(current.getHeader(HEADER), Instant.now());
    }

    /** The wait a stamp implies at {@code now}; zero for no stamp, a garbled one or one from the future (clocks apart). */
    static Duration since(String stamp, Instant now) {
        if (stamp == null || !stamp.startsWith("t=")) {
            return Duration.ZERO;
        }
        try {
            long millis = new BigDecimal(stamp.substring(2).strip()).movePointRight(3).longValue();
            Duration waited = Duration.between(Instant.ofEpochMilli(millis), now);
            return waited.isNegative() ? Duration.ZERO : waited;
        } catch (NumberFormatException | ArithmeticException e) {
            return Duration.ZERO;
        }
    }
}
