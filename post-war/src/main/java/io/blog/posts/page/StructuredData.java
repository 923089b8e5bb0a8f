package io.blog.posts.page;

import io.blog.common.json.Timestamps;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;

/**
 * JSON-LD for search engines (schema.org), built as JSON and written so that no value can end
 * the {@code <script>} element it sits in: {@code <}, {@code >} and {@code &} become JSON escapes,
 * which parse back to the same characters.
 */
final class StructuredData {

    static final String SITE_NAME = "Blog";

    private StructuredData() {
    }

    record Crumb(String name, String url) {
    }

    static String blogPosting(String url, String headline, String description, String image, Instant published,
                              Instant modified, String authorName, String authorUrl, List<String> tags,
                              String siteUrl, String language) {
        JsonObjectBuilder post = Json.createObjectBuilder()
                .add("@context", "https://schema.org")
                .add("@type", "BlogPosting")
                .add("mainEntityOfPage", Json.createObjectBuilder().add("@type", "WebPage").add("@id", url))
                .add("url", url)
                .add("headline", headline)
                .add("description", description)
                .add("inLanguage", language)
                .add("author", Json.createObjectBuilder().add("@type", "Person").add("name", authorName).add("url", authorUrl))
                .add("publisher", Json.createObjectBuilder().add("@type", "Organization").add("name", SITE_NAME).add("url", siteUrl));
        if (image != null) {
            post.add("image", image);
        }
        if (published != null) {
            post.add("datePublished", Timestamps.format(published));
        }
        if (modified != null) {
            post.add("dateModified", Timestamps.format(modified));
        }
        if (!tags.isEmpty()) {
            post.add("keywords", String.join(", ", tags));
        }
        return script(post.build());
    }

    static String breadcrumbs(List<Crumb> crumbs) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (int i = 0; i < crumbs.size(); i++) {
            items.add(Json.createObjectBuilder().add("@type", "ListItem").add("position", i + 1)
                    .add("name", crumbs.get(i).name()).add("item", crumbs.get(i).url()));
        }
        return script(Json.createObjectBuilder().add("@context", "https://schema.org").add("@type", "BreadcrumbList")
                .add("itemListElement", items).build());
    }

    /** The site and its search box (Google's sitelinks search box reads the SearchAction). */
    static String webSite(String siteUrl, String description, String language) {
        return script(Json.createObjectBuilder()
                .add("@context", "https://schema.org")
                .add("@type", "WebSite")
                .add("name", SITE_NAME)
                .add("url", siteUrl)
                .add("description", description)
                .add("inLanguage", language)
                .add("potentialAction", Json.createObjectBuilder()
                        .add("@type", "SearchAction")
                        .add("target", siteUrl + "search?q={search_term_string}")
                        .add("query-input", "required name=search_term_string"))
                .build());
    }

    static String collection(String type, String url, String name, String description) {
        return script(Json.createObjectBuilder().add("@context", "https://schema.org").add("@type", type)
                .add("url", url).add("name", name).add("description", description).build());
    }

    static String script(JsonObject json) {
        String text = json.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
