package io.blog.comments.markdown;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CommentRendererTest {

    private static final String REL = "rel=\"nofollow ugc noopener\"";
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([a-zA-Z][a-zA-Z0-9]*)");
    private static final Set<String> ALLOWED = Set.of("p", "br", "a", "em", "strong", "code", "pre");

    private final CommentRenderer renderer = new CommentRenderer();

    private static Set<String> tags(String html) {
        Set<String> found = new TreeSet<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            found.add(m.group(1).toLowerCase());
        }
        return found;
    }

    private String render(String markdown) {
        String html = renderer.toSafeHtml(markdown).strip();
        assertThat(ALLOWED).as("elements in %s", html).containsAll(tags(html));
        return html;
    }

    @Test
    void emptyAndNullRenderToNothing() {
        assertThat(renderer.toSafeHtml(null)).isEmpty();
        assertThat(renderer.toSafeHtml("")).isEmpty();
    }

    @Test
    void emphasisStrongAndCode() {
        String html = render("*em* **strong** `x < y`");
        assertThat(html).isEqualTo("<p><em>em</em> <strong>strong</strong> <code>x &lt; y</code></p>");
    }

    @Test
    void fencedAndIndentedCodeBlocksKeepNoLanguageClass() {
        String fenced = render("```java\nif (a < b) {}\n```");
        assertThat(fenced).contains("<pre><code>if (a &lt; b) {}\n</code></pre>").doesNotContain("class");
        assertThat(render("text\n\n    indented code")).contains("<pre><code>indented code");
    }

    @Test
    void singleLineBreaksAreKept() {
        assertThat(render("one\ntwo")).isEqualTo("<p>one<br />\ntwo</p>");
    }

    @Test
    void paragraphs() {
        assertThat(render("one\n\ntwo")).contains("<p>one</p>").contains("<p>two</p>");
    }

    @Test
    void headingsListsQuotesAndRulesStayLiteralText() {
        assertThat(render("# Title")).isEqualTo("<p># Title</p>");
        assertThat(render("- a\n- b")).startsWith("<p>- a").doesNotContain("<li>").doesNotContain("<ul>");
        assertThat(render("1. first")).doesNotContain("<ol>");
        assertThat(render("> quoted")).isEqualTo("<p>&gt; quoted</p>");
        assertThat(render("a\n\n---\n\nb")).doesNotContain("<hr");
    }

    @Test
    void linksGetRelAndKeepAbsoluteHref() {
        String html = render("[site](https://example.com/a?b=1&c=2)");
        assertThat(html).contains("<a href=\"https://example.com/a?b&#61;1&amp;c&#61;2\" " + REL + ">site</a>");
        assertThat(render("[me](mailto:me@example.com)")).contains("href=\"mailto:me&#64;example.com\"").contains(REL);
        assertThat(render("<https://example.com>")).contains("<a href=\"https://example.com\" " + REL + ">https://example.com</a>");
    }

    @Test
    void linkTitlesAndOtherAttributesAreDropped() {
        String html = render("[site](https://example.com \"a title\")");
        assertThat(html).doesNotContain("title").contains(REL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](vbscript:msgbox)",
            "[click](/relative/path)",
            "[click](//evil.example/x)",
            "[click](#frag)",
            "[click](ftp://example.com/file)"})
    void unsafeOrRelativeLinksLoseTheLinkButKeepTheText(String markdown) {
        String html = render(markdown);
        assertThat(html).isEqualTo("<p>click</p>");
    }

    @Test
    void rawHtmlIsEscapedNotInterpreted() {
        String html = render("<script>alert('x')</script>");
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;");
        String inline = render("hi <b onclick=\"x()\">bold</b> <img src=x onerror=alert(1)>");
        assertThat(inline).doesNotContain("<b").doesNotContain("<img").contains("&lt;b").contains("&lt;img");
        String block = render("<div>\n<iframe src=\"https://evil\"></iframe>\n</div>");
        assertThat(block).doesNotContain("<div").doesNotContain("<iframe").contains("&lt;iframe");
        String link = render("<a href=\"javascript:alert(1)\">x</a>");
        assertThat(link).doesNotContain("<a ").contains("&lt;a");
    }

    @Test
    void imagesBecomeLinksLabelledWithTheirAltText() {
        String html = render("![a cat](https://img.example/cat.png)");
        assertThat(html).isEqualTo("<p><a href=\"https://img.example/cat.png\" " + REL + ">a cat</a></p>");
        String noAlt = render("![](https://img.example/cat.png)");
        assertThat(noAlt).contains(">https://img.example/cat.png</a>").doesNotContain("<img");
    }

    @Test
    void imagesWithUnsafeSourcesBecomeTextOnly() {
        assertThat(render("![x](javascript:alert(1))")).isEqualTo("<p>x</p>");
        assertThat(render("![pic](data:image/png;base64,AAAA)")).isEqualTo("<p>pic</p>");
    }

    @Test
    void emphasisInsideLinksSurvives() {
        assertThat(render("[**bold** link](https://example.com)"))
                .isEqualTo("<p><a href=\"https://example.com\" " + REL + "><strong>bold</strong> link</a></p>");
    }
}
