package io.blog.posts.page;

import io.blog.common.profile.AuthorProfile;
import io.blog.posts.article.ArticleStatus;
import io.blog.posts.article.ArticleViews.ArticleView;
import io.blog.posts.article.ArticleViews.Neighbour;
import io.blog.posts.article.ArticleViews.Neighbours;
import io.blog.posts.media.CoverImage;
import io.blog.posts.page.PageModels.Alternate;
import io.blog.posts.page.PageModels.ArticleMeta;
import io.blog.posts.page.PageModels.ArticlePage;
import io.blog.posts.page.PageModels.Author;
import io.blog.posts.page.PageModels.Head;
import io.blog.posts.page.PageModels.Page;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled templates on their own: what an article's author typed can end up as text only,
 * never as markup, in the body, the head or the JSON-LD, whichever context it lands in.
 */
class PageTemplatesTest {

    private static final String HOSTILE = "Tom & \"Jerry\" </title><script>alert(1)</script> </script><b>x</b> ' \u2028";

    private final PageTemplates templates = new PageTemplates();

    @Test
    void hostileTitlesSummariesTagsAndNamesStayText() {
        Document doc = Jsoup.parse(templates.render("article.jte", article(HOSTILE)));

        assertThat(doc.select("script:not([type])")).isEmpty();
        assertThat(doc.select("script[src]")).hasSize(1);
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.title()).isEqualTo(HOSTILE + " · Blog");
        assertThat(doc.selectFirst("h1").wholeText()).isEqualTo(HOSTILE);
        assertThat(doc.selectFirst("meta[property=og:title]").attr("content")).isEqualTo(HOSTILE);
        assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo(HOSTILE);
        assertThat(doc.selectFirst("meta[property=article:tag]").attr("content")).isEqualTo(HOSTILE);
        assertThat(doc.selectFirst(".author-card .bio").wholeText()).isEqualTo(HOSTILE);
    }

    @Test
    void jsonLdParsesBackToTheSameStringsWithoutEndingItsScript() {
        String html = templates.render("article.jte", article(HOSTILE));
        Document doc = Jsoup.parse(html);

        List<Element> blocks = doc.select("script[type=application/ld+json]");
        assertThat(blocks).hasSize(2);
        assertThat(html).doesNotContain("</script><script>alert");
        JsonObject posting = Json.createReader(new StringReader(blocks.getFirst().data())).readObject();
        assertThat(posting.getString("@type")).isEqualTo("BlogPosting");
        assertThat(posting.getString("headline")).isEqualTo(HOSTILE);
        assertThat(posting.getJsonObject("author").getString("name")).isEqualTo(HOSTILE);
        assertThat(posting.getString("datePublished")).isEqualTo("2026-11-01T10:00:00.000Z");
    }

    @Test
    void theBodyIsTheStoredSanitizedHtmlAndLinksKeepTheLanguage() {
        Document doc = Jsoup.parse(templates.render("article.jte", article("Plain")));

        assertThat(doc.selectFirst("[data-testid=article-body] p").html()).isEqualTo("Hello <em>world</em>");
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(doc.selectFirst("a.prev").attr("href")).isEqualTo("/posts/older-one?lang=zh-CN");
        assertThat(doc.selectFirst("#lang-switch").attr("href")).isEqualTo("/posts/plain");
        assertThat(doc.select("link[rel=alternate][hreflang]")).extracting(e -> e.attr("hreflang"))
                .containsExactly("en", "zh-CN", "x-default");
    }

    @Test
    void anUploadedCoverOffersEveryWidthAndReservesItsOwnBox() {
        String path = "/api/posts/media/0123456789abcdef0123456789abcdef-1200x800";
        Element cover = Jsoup.parse(templates.render("article.jte", article("Covered", path))).selectFirst("img.cover");

        assertThat(cover.attr("srcset")).isEqualTo(path + "/480 480w, " + path + "/960 960w, " + path + "/1200 1200w");
        assertThat(cover.attr("src")).isEqualTo(path + "/960");
        assertThat(cover.attr("width")).isEqualTo("1200");
        assertThat(cover.attr("height")).isEqualTo("800");
        assertThat(cover.attr("sizes")).isNotBlank();
    }

    @Test
    void anOutsideCoverHasNoSrcsetAndTheCardBox() {
        Element cover = Jsoup.parse(templates.render("article.jte", article("Covered", "https://img.example.test/a.jpg")))
                .selectFirst("img.cover");

        assertThat(cover.hasAttr("srcset")).isFalse();
        assertThat(cover.attr("src")).isEqualTo("https://img.example.test/a.jpg");
        assertThat(cover.attr("width") + "x" + cover.attr("height")).isEqualTo("1200x630");
    }

    private static ArticlePage article(String text) {
        return article(text, null);
    }

    private static ArticlePage article(String text, String coverUrl) {
        PageLanguage lang = PageLanguage.ZH_CN;
        PageLinks links = PageLinks.of("https://blog.example.test/", lang);
        Instant published = Instant.parse("2026-11-01T10:00:00Z");
        ArticleView view = new ArticleView("id-1", "plain", text, text, "<p>Hello <em>world</em></p>", null, List.of(text),
                new AuthorProfile("alice", text, null), ArticleStatus.PUBLISHED, null, published, published, 3, 7, 1, coverUrl,
                CoverImage.of(coverUrl));
        Head head = new Head(text, text, "https://blog.example.test/posts/plain?lang=zh-CN", "article",
                "https://blog.example.test/favicon.svg",
                List.of(new Alternate("en", "https://blog.example.test/posts/plain"),
                        new Alternate("zh-CN", "https://blog.example.test/posts/plain?lang=zh-CN"),
                        new Alternate("x-default", "https://blog.example.test/posts/plain")),
                List.of(StructuredData.blogPosting("https://blog.example.test/posts/plain", text, text, null, published,
                                published, text, "https://blog.example.test/authors/alice", List.of(text),
                                "https://blog.example.test/", lang.tag()),
                        StructuredData.breadcrumbs(List.of(new StructuredData.Crumb(text, "https://blog.example.test/")))),
                true, new ArticleMeta(published, published, "https://blog.example.test/authors/alice", List.of(text)));
        Page page = new Page(lang, links, head, "/posts/plain");
        return new ArticlePage(page, view, view.cover(), view.bodyHtml(), new Author("alice", text, null, text, published),
                new Neighbours(new Neighbour("older-one", "Older one", published), null), List.of());
    }
}
