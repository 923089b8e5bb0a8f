package io.blog.common.problem;

import io.blog.common.http.RequestIds;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: a bug must not leak a stack trace to the client. The trace goes to the log with the
 * request id, and the client gets that id to quote.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

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
        LOG.log(Level.SEVERE, "Unexpected error, request id " + RequestIds.current(headers), e);
        return Problems.response(500, "Internal Server Error",
                "Something went wrong on our side. Quote the trace id when reporting it.", null, uriInfo, headers, null);
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
