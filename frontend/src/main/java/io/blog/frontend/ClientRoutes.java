package io.blog.frontend;

import java.util.List;
import java.util.Map;

/**
 * Which request paths are the front end's own client-side routes. The same rule as the gateway's
 * {@code try_files $uri /index.html}: anything that is not a file of the site and not an API or
 * server endpoint is a page of the single-page app.
 */
public final class ClientRoutes {

    /** Addresses readers and crawlers know, answered by post-war under its own prefix. */
    public static final Map<String, String> FEEDS = Map.of(
            "/rss.xml", "/feed.rss",
            "/atom.xml", "/feed.atom",
            "/sitemap.xml", "/sitemap.xml");

    private static final List<String> NOT_PAGES =
            List.of("/api", "/health", "/metrics", "/openapi", "/ibm", "/assets", "/WEB-INF", "/META-INF");

    /** Pages named after user data, which may contain a dot (the tag "node.js"). */
    private static final List<String> NAMED_PAGES = List.of("/tags/", "/authors/", "/posts/");

    /** Public pages post-war renders (io.blog.posts.page), by their prefix there. */
    private static final List<String> SERVER_RENDERED = List.of("/posts/", "/tags/", "/authors/");

    private ClientRoutes() {
    }

    /**
     * Where post-war renders this page, relative to its context root, or null when the front end's
     * shell serves it: the same split as the gateway's page locations.
     */
    public static String serverRendered(String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return "/pages/home";
        }
        if ("/search".equals(path)) {
            return "/pages/search";
        }
        for (String prefix : SERVER_RENDERED) {
            if (path.startsWith(prefix)) {
                return "/pages" + path;
            }
        }
        return null;
    }

    /**
     * True for an API address no service answers: in one server the services have their own
     * context roots, so an /api path that reaches the front end matches none of them.
     */
    public static boolean isUnknownApi(String path) {
        return "/api".equals(path) || (path != null && path.startsWith("/api/"));
    }

    /** True when the path is a page of the app rather than a file or an endpoint. */
    public static boolean isPage(String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return false;
        }
        for (String prefix : NOT_PAGES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        for (String prefix : NAMED_PAGES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        // Elsewhere a dot in the last segment means a file (favicon.svg, robots.txt).
        return !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }
}
