package io.blog.posts.markdown;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void nothingRendersToNothing() {
        assertThat(renderer.toSafeHtml(null)).isEmpty();
        assertThat(renderer.toSafeHtml("")).isEmpty();
        assertThat(renderer.toPlainText(null)).isEmpty();
        assertThat(renderer.summarize(null, 10)).isEmpty();
        assertThat(renderer.readingMinutes(null)).isEqualTo(1);
    }

    @Test
    void rendersHeadingsEmphasisStrikethroughListsAndQuotes() {
        String html = renderer.toSafeHtml("""
                ## Notes

                Some *em*, **strong** and ~~gone~~ text.

                3. three
                4. four

                - item

                > quoted

                ---
                line\\
                break
                """);

        assertThat(html).contains("<h2>Notes</h2>", "<em>em</em>", "<strong>strong</strong>", "<del>gone</del>",
                "<ol start=\"3\"><li>three</li><li>four</li></ol>", "<ul><li>item</li></ul>",
                "<blockquote>\n<p>quoted</p>\n</blockquote>", "<hr />", "line<br />");
    }

    @Test
    void rendersTablesWithColumnAlignment() {
        String html = renderer.toSafeHtml("""
                | Left | Center | Right |
                |:-----|:------:|------:|
                | 1    | 2      | 3     |
                """);

        assertThat(html).contains("<table><thead><tr><th align=\"left\">Left</th><th align=\"center\">Center</th>"
                + "<th align=\"right\">Right</th></tr></thead><tbody><tr><td align=\"left\">1</td>");
    }

    @Test
    void fencedCodeKeepsItsLanguageClassAndEscapesItsContent() {
        String html = renderer.toSafeHtml("""
                ```java
                if (a < b && c > d) {}
                ```
                """);

        assertThat(html).startsWith("<pre><code class=\"language-java\">")
                .contains("<span class=\"hl-kw\">if</span> (a &lt; b &amp;&amp; c &gt; d) {}");
        assertThat(renderer.toSafeHtml("```c++\nint x;\n```")).contains("<code class=\"language-c&#43;&#43;\">");
    }

    @Test
    void linksGetRelAndKeepWebMailAndRelativeTargets() {
        String html = renderer.toSafeHtml(
                "[site](https://example.com/a?b=1&c=2 \"Title\") [post](/posts/hello) [mail](mailto:me@example.com)");

        assertThat(html).contains(
                "<a href=\"https://example.com/a?b&#61;1&amp;c&#61;2\" title=\"Title\" rel=\"nofollow noopener noreferrer\">site</a>",
                "<a href=\"/posts/hello\" rel=\"nofollow noopener noreferrer\">post</a>",
                "<a href=\"mailto:me&#64;example.com\" rel=\"nofollow noopener noreferrer\">mail</a>");
    }

    @Test
    void imagesLoadLazilyFromWebOrRelativeSources() {
        String html = renderer.toSafeHtml("![A cat](https://img.example/cat.png \"Cat\") ![Logo](/img/logo.png)");

        assertThat(html).contains(
                "<img src=\"https://img.example/cat.png\" alt=\"A cat\" title=\"Cat\" loading=\"lazy\" />",
                "<img src=\"/img/logo.png\" alt=\"Logo\" loading=\"lazy\" />");
    }

    @Test
    void rawHtmlIsEscapedNotRendered() {
        assertThat(renderer.toSafeHtml("Press <kbd>Ctrl</kbd>")).isEqualTo("<p>Press &lt;kbd&gt;Ctrl&lt;/kbd&gt;</p>\n");
        assertThat(renderer.toSafeHtml("<div>\nblock\n</div>")).doesNotContain("<div>").contains("&lt;div&gt;");
    }

    @Test
    void plainTextDropsMarkupHtmlAndImagesAndCollapsesWhitespace() {
        String text = renderer.toPlainText("""
                # Title

                Some *em*,   **strong** and [a link](https://example.com) with `code` and <b>tags</b>.
                ![picture](/img/p.png)

                | a | b |
                |---|---|
                | 1 | 2 |

                ```
                x = 1
                ```
                """);

        assertThat(text).isEqualTo("Title Some em, strong and a link with code and tags. a b 1 2 x = 1");
    }

    @Test
    void plainTextDecodesEntitiesAndIsNotEscaped() {
        assertThat(renderer.toPlainText("Fish &amp; chips < 5 &euro;")).isEqualTo("Fish & chips < 5 €");
    }

    @Test
    void summaryIsTheWholeTextWhenItFits() {
        assertThat(renderer.summarize("Short *post*.", 20)).isEqualTo("Short post.");
        assertThat(renderer.summarize("Exactly ten", 11)).isEqualTo("Exactly ten");
    }

    @Test
    void summaryCutsAtAWordBoundaryAndCountsTheEllipsis() {
        String summary = renderer.summarize("The quick brown fox jumps over the lazy dog", 16);

        assertThat(summary).isEqualTo("The quick brown…");
        assertThat(renderer.summarize("The quick brown fox", 12)).isEqualTo("The quick…");
        assertThat(renderer.summarize("The quick brown fox", 11)).isEqualTo("The quick…");
    }

    @Test
    void summaryCutsChineseAtTheCharacterLimit() {
        assertThat(renderer.summarize("你好世界这是一个很长的中文句子没有空格", 10)).isEqualTo("你好世界这是一个很…");
        assertThat(renderer.summarize("Hello 你好世界这是一个很长的句子", 10)).isEqualTo("Hello 你好世…");
    }

    @Test
    void summaryCutsInsideAWordLongerThanTheLimit() {
        assertThat(renderer.summarize("Supercalifragilistic", 6)).isEqualTo("Super…");
    }

    @Test
    void summaryNeverSplitsASurrogatePair() {
        String summary = renderer.summarize("𠀀𠀁𠀂𠀃𠀄𠀅", 4);

        assertThat(summary).isEqualTo("𠀀𠀁𠀂…");
        assertThat(summary.codePointCount(0, summary.length())).isEqualTo(4);
    }

    @Test
    void summaryRejectsANonPositiveLimit() {
        assertThatThrownBy(() -> renderer.summarize("text", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingTimeCountsWordsAtTwoHundredAMinute() {
        assertThat(renderer.readingMinutes("")).isEqualTo(1);
        assertThat(renderer.readingMinutes("word ".repeat(200))).isEqualTo(1);
        assertThat(renderer.readingMinutes("word ".repeat(201))).isEqualTo(2);
        assertThat(renderer.readingMinutes("**don't** stop-gap, 1,000 - ".repeat(200))).isEqualTo(3);
    }

    @Test
    void readingTimeCountsChineseCharactersAtFourHundredAMinute() {
        assertThat(renderer.readingMinutes("字".repeat(400))).isEqualTo(1);
        assertThat(renderer.readingMinutes("字".repeat(401))).isEqualTo(2);
        assertThat(renderer.readingMinutes("word ".repeat(100) + "字".repeat(200))).isEqualTo(1);
        assertThat(renderer.readingMinutes("word ".repeat(101) + "字".repeat(200))).isEqualTo(2);
    }
}
