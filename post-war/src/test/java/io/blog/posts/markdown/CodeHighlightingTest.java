package io.blog.posts.markdown;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fenced code is coloured on the server, survives the sanitizer, and cannot smuggle markup in. */
class CodeHighlightingTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void javaKeywordsStringsCommentsAndNumbersGetTheirClasses() {
        String html = renderer.toSafeHtml("""
                ```java
                // greet
                public static int x = 42; String s = "hi";
                ```
                """);

        assertThat(html).contains("<pre><code class=\"language-java\">",
                "<span class=\"hl-com\">// greet</span>",
                "<span class=\"hl-kw\">public</span> <span class=\"hl-kw\">static</span>",
                "<span class=\"hl-num\">42</span>",
                "<span class=\"hl-str\">&#34;hi&#34;</span>");
    }

    @Test
    void aKeywordInsideAStringOrCommentIsNotAKeyword() {
        String html = renderer.toSafeHtml("```python\nprint(\"if not\")  # return here\n```\n");

        assertThat(html).doesNotContain("<span class=\"hl-kw\">if</span>", "<span class=\"hl-kw\">return</span>")
                .contains("<span class=\"hl-str\">&#34;if not&#34;</span>", "<span class=\"hl-com\"># return here</span>");
    }

    @Test
    void sqlKeywordsAreFoundInAnyCase() {
        String html = renderer.toSafeHtml("```sql\nselect * FROM t -- all\n```\n");

        assertThat(html).contains("<span class=\"hl-kw\">select</span>", "<span class=\"hl-kw\">FROM</span>",
                "<span class=\"hl-com\">-- all</span>");
    }

    @Test
    void markupInCodeStaysText() {
        String html = renderer.toSafeHtml("```js\nconst a = '</code><script>alert(1)</script>';\n```\n");

        assertThat(html).doesNotContain("<script").contains("&lt;/code&gt;&lt;script&gt;");
    }

    @Test
    void unknownLanguagesAndPlainBlocksAreUncoloured() {
        assertThat(renderer.toSafeHtml("```brainfuck\n+[-]\n```\n"))
                .isEqualTo("<pre><code class=\"language-brainfuck\">&#43;[-]\n</code></pre>\n");
        assertThat(renderer.toSafeHtml("```\nif x\n```\n")).isEqualTo("<pre><code>if x\n</code></pre>\n");
    }

    @Test
    void aSpanTypedByTheAuthorStaysText() {
        String html = renderer.toSafeHtml("<span class=\"hl-kw\" onclick=\"x()\">raw</span> and `<span class=\"hl-kw\">`");

        assertThat(html).doesNotContain("<span").contains("&lt;span class&#61;&#34;hl-kw&#34;");
    }
}
