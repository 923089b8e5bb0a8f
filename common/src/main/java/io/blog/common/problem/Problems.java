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
        String instance = instance(uriInfo);
        String traceId = RequestIds.current(headers);
        Problem problem = new Problem("about:blank", title, status, detail, instance, traceId,
                errors == null || errors.isEmpty() ? null : errors);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        return builder.build();
    }

    /**
     * The request path. Not through getRequestUri(): a malformed query ({@code ?cursor=%%%}) makes
     * it throw, which turned the 4xx being reported into a 500.
     */
    private static String instance(UriInfo uriInfo) {
        if (uriInfo == null) {
            return null;
        }
        try {
            return uriInfo.getAbsolutePath().getRawPath();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    public static String defaultTitle(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
