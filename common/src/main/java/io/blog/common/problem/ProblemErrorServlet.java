package io.blog.common.problem;

import io.blog.common.http.RequestIds;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors raised before JAX-RS sees the request (the MP JWT layer rejecting a token, the web
 * container finding no servlet) would otherwise have an empty or HTML body. The web fragment in
 * this jar routes them here so they are problem+json too.
 */
@WebServlet(urlPatterns = ProblemErrorServlet.PATH)
public class ProblemErrorServlet extends HttpServlet {

    public static final String PATH = "/problem-error";
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = switch (status) {
            case 401 -> "Authentication is required: send a valid, unexpired bearer token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            default -> status >= 500 ? "Something went wrong on our side." : Problems.defaultTitle(status);
        };
        String traceId = RequestIds.sanitize(request.getHeader(RequestIds.HEADER));
        Problem problem = new Problem("about:blank", Problems.defaultTitle(status), status, detail,
                uri == null ? null : uri.toString(), traceId, null);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(RequestIds.HEADER, traceId);
        response.getWriter().write(JSONB.toJson(problem));
    }
}
