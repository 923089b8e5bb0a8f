package io.blog.frontend;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The public pages (/, /posts/{slug}, /tags/{tag}, /authors/{name}, /search) are forwarded to
 * post-war, which renders them; the other client-side routes (/login, /write, …) get index.html
 * with status 200, so a reload or a shared link works; /rss.xml, /atom.xml and /sitemap.xml are
 * forwarded to post-war, and an unknown /api address gets a problem+json 404, as the gateway does
 * all of this in production.
 */
@WebFilter(urlPatterns = "/*")
public class SinglePageFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String feed = ClientRoutes.FEEDS.get(path);
        if (feed != null) {
            ServletContext posts = request.getServletContext().getContext("/api/posts");
            if (posts != null && posts != request.getServletContext()) {
                posts.getRequestDispatcher(feed).forward(request, response);
            } else {
                response.sendRedirect("/api/posts" + feed + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            }
            return;
        }
        if (ClientRoutes.isUnknownApi(path)) {
            // As the gateway answers it, instead of Liberty's text page naming a FileNotFoundException.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"No such resource.\"}");
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        String rendered = read ? ClientRoutes.serverRendered(path) : null;
        ServletContext posts = request.getServletContext().getContext("/api/posts");
        if (rendered != null && posts != null && posts != request.getServletContext()) {
            posts.getRequestDispatcher(rendered).forward(request, response);
            return;
        }
        if (read && ClientRoutes.isPage(path)) {
            RequestDispatcher index = request.getRequestDispatcher("/index.html");
            index.forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
