package io.blog.posts.markdown;

import io.blog.posts.page.PageModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void escapesWhatCouldEndTextOrAnAttribute() {
        assertThat(HtmlText.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void escapesARangeOnly() {
        StringBuilder out = new StringBuilder("kept: ");
        HtmlText.escape("<b>&</b>", 3, 4, out);
        assertThat(out).hasToString("kept: &amp;");
    }

    @Test
    void aSearchHighlightLetsOnlyTheIndexsBareMarkThrough() {
        assertThat(PageModels.highlighted("<mark>word</mark> <mark class=\"x\">no</mark><script>'&'</script>"))
                .isEqualTo("<mark>word</mark> &lt;mark class=&quot;x&quot;&gt;no</mark>&lt;script&gt;&#39;&amp;&#39;&lt;/script&gt;");
    }
}
