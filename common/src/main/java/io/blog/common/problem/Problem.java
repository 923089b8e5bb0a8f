package io.blog.common.problem;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists per-field validation messages and is omitted
 * when empty; {@code traceId} lets an operator find the request in the logs.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      String traceId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
