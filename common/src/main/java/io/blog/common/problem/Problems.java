package io.blog.common.problem;

import io.blog.common.http.RequestIds;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;
import java.util.List;

/** Builds problem responses; shared by all mappers so every error looks the same. */
public final class Problems {

    private Problems() {
    }

    public static Response response(int status, String title, String detail, List<Problem.FieldError> errors,
                                    UriInfo uriInfo, HttpHeaders headers, Duration retryAfter) {
        String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        String traceId = RequestIds.current(headers);
        Problem problem = new Problem("about:blank", title, status, detail, instance, traceId,
                errors == null || errors.isEmpty() ? null : errors);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        return builder.build();
    }

    public static String defaultTitle(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
