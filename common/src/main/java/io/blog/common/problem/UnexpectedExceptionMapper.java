package io.blog.common.problem;

import io.blog.common.data.DatabaseFailures;
import io.blog.common.http.RequestIds;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: a bug must not leak a stack trace to the client. The trace goes to the log with the
 * request id, and the client gets that id to quote. A database that cannot be reached or does not
 * take writes (a failover) is no bug: 503 with Retry-After.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /** About what a promotion of the replica takes, once an operator runs it. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @Context
    UriInfo uriInfo;
    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(Throwable e) {
        ProblemException cause = findProblemCause(e);
        if (cause != null) {
            return Problems.response(cause.status(), cause.title(), cause.getMessage(), cause.errors(), uriInfo,
                    headers, cause.retryAfter());
        }
        if (DatabaseFailures.isUnavailable(e)) {
            // Not a bug: the database is failing over or out of reach. The client may repeat the
            // request once the failover is done.
            LOG.warning("Database unavailable, request id " + RequestIds.current(headers) + ": " + rootMessage(e));
            return Problems.response(503, "Service Unavailable",
                    "The database is not available at the moment. Try again in a few seconds.", null, uriInfo, headers, RETRY_AFTER);
        }
        LOG.log(Level.SEVERE, "Unexpected error, request id " + RequestIds.current(headers), e);
        return Problems.response(500, "Internal Server Error",
                "Something went wrong on our side. Quote the trace id when reporting it.", null, uriInfo, headers, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Interceptors and transactions may wrap a deliberate ProblemException; unwrap it. */
    private static ProblemException findProblemCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
