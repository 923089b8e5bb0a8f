package io.blog.common.problem;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JAX-RS' own errors (unknown path, wrong method, unsupported media type, unreadable body, missing
 * credentials on a protected method) keep their status but get the problem body. One exception:
 * a query or path parameter that cannot be converted ({@code ?limit=abc}) is a 404 by the JAX-RS
 * rules, which tells a client nothing useful; it is answered as the 400 it is, naming the parameter.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Pattern PARAMETER = Pattern.compile("(?:Query|Path|Matrix)Param\\(\"([^\"]+)\"\\)");

    @Context
    UriInfo uriInfo;
    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400) {
            return original;
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // Routing's own 404 has no cause; a failed parameter conversion carries the parse error.
            String parameter = unconvertibleParameter(e.getMessage());
            return Problems.response(400, "Validation failed", "The request has invalid fields.",
                    List.of(new Problem.FieldError(parameter == null ? "parameter" : parameter, "has a value of the wrong type")),
                    uriInfo, headers, null);
        }
        String detail = switch (status) {
            case 400 -> "The request could not be read. Check the query parameters and that any body is valid JSON of the expected shape.";
            case 401 -> "Authentication is required: send a valid bearer token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation.";
            case 415 -> "Unsupported content type; send application/json.";
            default -> Problems.defaultTitle(status);
        };
        Response response = Problems.response(status, Problems.defaultTitle(status), detail, null, uriInfo, headers, null);
        if (original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    /** The parameter named in RESTEasy's message ({@code ...QueryParam("limit") value is 'abc'}), if any. */
    static String unconvertibleParameter(String message) {
        Matcher m = message == null ? null : PARAMETER.matcher(message);
        return m != null && m.find() ? m.group(1) : null;
    }
}
