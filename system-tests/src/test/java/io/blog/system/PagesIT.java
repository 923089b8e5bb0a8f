package io.blog.system;

import io.blog.system.Accounts.Account;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages as a crawler or a link preview gets them through the gateway: plain HTTP, no
 * script run. Each page is finished HTML with its own title, description, canonical address, Open
 * Graph, Twitter and JSON-LD (parsed, not grepped), the right status for moved, deleted and unknown
 * articles, nothing an author typed turned into markup, and the same edge caching as the API's
 * public reads.
 */
class PagesIT {

    private static final String HOSTILE = "Pages <script>alert(1)</script> & \"quotes\" </title>";

    private final Client anonymous = Client.newVisitor();
    private final String site = Topology.env("BLOG_PUBLIC_BASE_URL");

    @Test
    void anArticleIsAFinishedPageWithItsOwnHeadAndStructuredData() throws Exception {
        Account author = Accounts.register("pages");
        String tag = Accounts.uniqueName("pt").toLowerCase();
        String title = HOSTILE + " " + Accounts.uniqueName("t");
        String slug = publish(author, title, "Intro with a [link](https://example.test/).\n\n```java\npublic class Hello {}\n```\n\n"
                + "| a | b |\n|---|---|\n| 1 | 2 |\n", tag, "https://images.example.test/cover.jpg");

        Client.Reply reply = anonymous.get("/posts/" + slug);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        Document page = Jsoup.parse(reply.body());
        String canonical = site + "/posts/" + slug;

        assertThat(page.title()).isEqualTo(title + " · Blog");
        assertThat(page.selectFirst("h1").text()).isEqualTo(title);
        assertThat(page.select("script:not([type=application/ld+json])")).extracting(e -> e.attr("src"))
                .as("no script but the front end's own").containsExactly("/assets/app.js");
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(canonical);
        assertThat(meta(page, "property", "og:title")).isEqualTo(title);
        assertThat(meta(page, "property", "og:type")).isEqualTo("article");
        assertThat(meta(page, "property", "og:url")).isEqualTo(canonical);
        assertThat(meta(page, "property", "og:image")).isEqualTo("https://images.example.test/cover.jpg");
        assertThat(meta(page, "property", "article:tag")).isEqualTo(tag);
        assertThat(meta(page, "property", "article:published_time")).isNotBlank();
        assertThat(meta(page, "property", "article:author")).isEqualTo(site + "/authors/" + author.username());
        assertThat(meta(page, "name", "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta(page, "name", "description")).isEqualTo(meta(page, "property", "og:description")).startsWith("Intro with a link");
        assertThat(page.select("link[rel=alternate][hreflang]")).extracting(e -> e.attr("hreflang") + " " + e.attr("href"))
                .containsExactly("en " + canonical, "zh-CN " + canonical + "?lang=zh-CN", "x-default " + canonical);

        Map<String, Object> posting = jsonLd(page, "BlogPosting");
        assertThat(posting).containsEntry("headline", title).containsEntry("url", canonical)
                .containsEntry("image", "https://images.example.test/cover.jpg").containsKey("datePublished");
        assertThat(nested(posting, "author")).containsEntry("name", author.username())
                .containsEntry("url", site + "/authors/" + author.username());
        Map<String, Object> crumbs = jsonLd(page, "BreadcrumbList");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) crumbs.get("itemListElement");
        assertThat(items).extracting(i -> i.get("item")).containsExactly(site + "/", site + "/tags/" + tag, canonical);

        Element body = page.selectFirst("[data-testid=article-body]");
        assertThat(body.select("pre[tabindex=0] code.language-java span.hl-kw")).extracting(Element::text).contains("public", "class");
        assertThat(body.select("table td")).extracting(Element::text).containsExactly("1", "2");
        assertThat(body.selectFirst("a[href=https://example.test/]").attr("rel")).contains("nofollow");
        assertThat(page.select("[data-testid=share-links] a")).extracting(e -> e.attr("href"))
                .anySatisfy(href -> assertThat(href).contains(URLEncoder.encode(canonical, StandardCharsets.UTF_8)));
        Element cover = page.selectFirst("img.cover");
        assertThat(cover.attr("width")).isEqualTo("1200");
        assertThat(cover.attr("height")).isEqualTo("630");
        assertThat(cover.attr("sizes")).isNotBlank();

        Client.Reply again = anonymous.get("/posts/" + slug);
        assertThat(again.header("X-Cache")).as("the second anonymous page view").isEqualTo("HIT");
        assertThat(again.header("Cache-Control")).contains("public", "s-maxage=");
        assertThat(again.header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void movedDeletedAndUnknownArticlesAnswer301410And404() {
        Account author = Accounts.register("pagestatus");
        Client writer = Client.newVisitor();
        String title = "Moving " + Accounts.uniqueName("m");
        String slug = publish(author, title, "body", null, null);
        long version = ((Number) writer.get("/api/posts/" + slug, author.token()).json().get("version")).longValue();
        Client.Reply renamed = writer.send(writer.request("/api/posts/" + slug, author.token())
                .header("Content-Type", "application/json").header("If-Match", String.valueOf(version))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Moved " + title + "\",\"body\":\"body\",\"status\":\"PUBLISHED\"}")));
        String newSlug = (String) renamed.json().get("slug");
        assertThat(newSlug).isNotEqualTo(slug);

        Client.Reply moved = Await.until("the old address to redirect", Duration.ofSeconds(20),
                () -> anonymous.get("/posts/" + slug), r -> r.status() == 301);
        assertThat(moved.header("Location")).isEqualTo(site + "/posts/" + newSlug);

        assertThat(writer.send("DELETE", "/api/posts/" + newSlug, author.token(), null).status()).isEqualTo(204);
        Client.Reply gone = Await.until("the deleted article's page to say it is gone", Duration.ofSeconds(20),
                () -> anonymous.get("/posts/" + newSlug), r -> r.status() == 410);
        Document gonePage = Jsoup.parse(gone.body());
        assertThat(gonePage.selectFirst("h1").text()).isEqualTo("Article deleted");
        assertThat(meta(gonePage, "name", "robots")).isEqualTo("noindex");
        assertThat(gonePage.body().text()).doesNotContain("Moved " + title);

        Client.Reply draft = writer.send("POST", "/api/posts", author.token(),
                "{\"title\":\"Secret draft " + Accounts.uniqueName("d") + "\",\"body\":\"secret words\",\"status\":\"DRAFT\"}");
        for (String path : List.of("/posts/" + draft.json().get("slug"), "/posts/no-such-article-" + Accounts.uniqueName("x"))) {
            Client.Reply missing = anonymous.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.header("Content-Type")).startsWith("text/html");
            assertThat(missing.header("X-Cache")).isNotEqualTo("HIT");
            Document page = Jsoup.parse(missing.body());
            assertThat(page.selectFirst("h1").text()).isEqualTo("Page not found");
            assertThat(page.body().text()).doesNotContain("secret words");
        }
        assertThat(anonymous.get("/tags/a/b").status()).isEqualTo(404);
        assertThat(anonymous.get("/?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void homeTagAuthorAndSearchPagesListTheArticleInBothLanguages() {
        Account author = Accounts.register("pagelist");
        String tag = Accounts.uniqueName("lt").toLowerCase();
        String word = Accounts.uniqueName("zebra").toLowerCase();
        String title = "Listed " + word;
        String slug = publish(author, title, "All about the " + word + " and more.", tag, null);

        Document home = Jsoup.parse(Await.until("the article on the home page", Duration.ofSeconds(20),
                () -> anonymous.get("/").body(), body -> body.contains("/posts/" + slug)));
        assertThat(jsonLd(home, "WebSite")).containsEntry("url", site + "/");
        assertThat(home.selectFirst("h1").text()).isEqualTo("Latest articles");

        Document tagPage = Jsoup.parse(anonymous.get("/tags/" + tag).body());
        assertThat(tagPage.select("[data-testid=article-card] h2 a")).extracting(Element::text).containsExactly(title);
        assertThat(tagPage.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(site + "/tags/" + tag);
        assertThat(tagPage.selectFirst("a[type=application/rss+xml]").attr("href")).isEqualTo("/rss.xml?tag=" + tag);

        Client.Reply authorReply = anonymous.get("/authors/" + author.username());
        assertThat(authorReply.status()).isEqualTo(200);
        Document authorPage = Jsoup.parse(authorReply.body());
        assertThat(meta(authorPage, "property", "og:type")).isEqualTo("profile");
        assertThat(authorPage.select("[data-testid=article-card]").attr("data-slug")).isEqualTo(slug);
        assertThat(anonymous.get("/authors/nobody-" + Accounts.uniqueName("n")).status()).isEqualTo(404);

        Document chinese = Jsoup.parse(anonymous.get("/tags/" + tag + "?lang=zh-CN").body());
        assertThat(chinese.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(anonymous.get("/?lang=zh-CN").header("Content-Language")).isEqualTo("zh-CN");
        assertThat(chinese.selectFirst("h1").text()).isEqualTo("标签 #" + tag + " 下的文章");
        assertThat(chinese.selectFirst("[data-testid=article-card] h2 a").attr("href")).isEqualTo("/posts/" + slug + "?lang=zh-CN");
        assertThat(chinese.selectFirst("#lang-switch").attr("href")).isEqualTo("/tags/" + tag);

        Document search = Jsoup.parse(Await.until("the article in search results", Duration.ofSeconds(30),
                () -> anonymous.get("/search?q=" + word).body(), body -> body.contains("/posts/" + slug)));
        assertThat(meta(search, "name", "robots")).isEqualTo("noindex");
        assertThat(search.selectFirst("input[name=q]").attr("value")).isEqualTo(word);
        assertThat(search.select("[data-testid=search-hit] mark")).extracting(Element::text).contains(word);
    }

    private String publish(Account author, String title, String body, String tag, String cover) {
        StringBuilder json = new StringBuilder("{\"title\":").append(quote(title)).append(",\"body\":").append(quote(body))
                .append(",\"status\":\"PUBLISHED\"");
        if (tag != null) {
            json.append(",\"tags\":[").append(quote(tag)).append(']');
        }
        if (cover != null) {
            json.append(",\"coverImageUrl\":").append(quote(cover));
        }
        Client.Reply created = Client.newVisitor().send("POST", "/api/posts", author.token(), json.append('}').toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return (String) created.json().get("slug");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String meta(Document page, String attribute, String name) {
        Element meta = page.selectFirst("meta[" + attribute + "=" + name + "]");
        assertThat(meta).as("<meta %s=%s>", attribute, name).isNotNull();
        return meta.attr("content");
    }

    private static Map<String, Object> jsonLd(Document page, String type) {
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                Map<String, Object> json = JsonUtil.parseJson(script.data());
                if (type.equals(json.get("@type"))) {
                    return json;
                }
            } catch (JoseException e) {
                throw new AssertionError("JSON-LD that does not parse: " + script.data(), e);
            }
        }
        throw new AssertionError("no " + type + " JSON-LD in the page");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }
}
