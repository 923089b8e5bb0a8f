package io.blog.posts.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Addresses of public pages in one language: relative ones for links inside the site (they keep the
 * reader's language), absolute ones from the configured public base URL for canonical, Open Graph
 * and JSON-LD, which must name the address readers use, never an internal hop.
 */
public record PageLinks(String base, PageLanguage lang) {

    public static PageLinks of(String baseUrl, PageLanguage lang) {
        return new PageLinks(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl, lang);
    }

    public String home() {
        return withLang("/", null);
    }

    public String post(String slug) {
        return withLang("/posts/" + segment(slug), null);
    }

    public String tag(String tag) {
        return withLang("/tags/" + segment(tag), null);
    }

    public String author(String username) {
        return withLang("/authors/" + segment(username), null);
    }

    public String search() {
        return "/search";
    }

    /** A path with extra query parameters (already encoded) and this language's parameter. */
    public String withLang(String path, String query) {
        String langQuery = lang.query();
        if (query == null || query.isEmpty()) {
            return langQuery.isEmpty() ? path : path + "?" + langQuery;
        }
        return langQuery.isEmpty() ? path + "?" + query : path + "?" + query + "&" + langQuery;
    }

    public String absolute(String relative) {
        return relative.startsWith("http://") || relative.startsWith("https://") ? relative : base + relative;
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
