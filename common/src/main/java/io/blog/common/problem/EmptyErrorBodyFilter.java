package io.blog.common.problem;

import io.blog.common.http.RequestIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Some errors are produced by the runtime aborting a request (MP JWT refusing a token on a
 * protected method) and never reach an exception mapper; they would leave with an empty body.
 * This gives them the problem body as well.
 */
@Provider
@Priority(Priorities.USER + 1000)
public class EmptyErrorBodyFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        String detail = switch (status) {
            case 401 -> "Authentication is required: send a valid, unexpired bearer token.";
            case 403 -> "You are not allowed to do this.";
            default -> Problems.defaultTitle(status);
        };
        Object traceId = request.getProperty(RequestIds.PROPERTY);
        response.setEntity(new Problem("about:blank", Problems.defaultTitle(status), status, detail,
                request.getUriInfo().getRequestUri().getRawPath(), traceId == null ? null : traceId.toString(), null));
        response.getHeaders().putSingle("Content-Type", Problem.MEDIA_TYPE);
    }
}
