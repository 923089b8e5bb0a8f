package io.blog.common.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;

/** Bean Validation failures on request parameters and bodies become 400 with one entry per field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;
    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problems.response(400, "Validation failed", "The request has invalid fields.", errors,
                uriInfo, headers, null);
    }

    /** "register.arg0.username" → "username": clients know their JSON field names, not our parameters. */
    static String fieldName(ConstraintViolation<?> violation) {
        String last = null;
        String beforeLast = null;
        for (Path.Node node : violation.getPropertyPath()) {
            beforeLast = last;
            last = node.getName();
        }
        if (last == null) {
            return "body";
        }
        if (last.startsWith("arg") && beforeLast != null) {
            return "body";
        }
        return last;
    }
}
