package io.blog.posts.markdown;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world XSS payloads, written both as raw HTML and through Markdown syntax. Each rendering is
 * parsed and every element, attribute and URL checked against the allow-list, so a payload cannot
 * pass by being spelled in a way a substring check would miss.
 */
class MarkdownXssTest {

    private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("h1", Set.of()), entry("h2", Set.of()), entry("h3", Set.of()),
            entry("h4", Set.of()), entry("h5", Set.of()), entry("h6", Set.of()),
            entry("p", Set.of()), entry("blockquote", Set.of()), entry("hr", Set.of()), entry("br", Set.of()),
            entry("ul", Set.of()), entry("ol", Set.of("start")), entry("li", Set.of()),
            entry("pre", Set.of()), entry("code", Set.of("class")),
            entry("em", Set.of()), entry("strong", Set.of()), entry("del", Set.of()), entry("s", Set.of()),
            entry("table", Set.of()), entry("thead", Set.of()), entry("tbody", Set.of()), entry("tr", Set.of()),
            entry("th", Set.of("align")), entry("td", Set.of("align")),
            entry("a", Set.of("href", "title", "rel")),
            entry("img", Set.of("src", "alt", "title", "loading")));

    private static final Pattern DANGEROUS_TAG = Pattern.compile(
            "(?i)<\\s*/?\\s*(script|iframe|frame|object|embed|svg|math|style|form|base|meta|link|details|input|button|textarea|video|audio|marquee)\\b");
    private static final Pattern EVENT_HANDLER = Pattern.compile("(?i)<[^>]*[\\s/]on[a-z]+\\s*=");
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("(?i)<[^>]*[\\s/]style\\s*=");

    static List<String> payloads() {
        return List.of(
                // Raw HTML in Markdown
                "<script>alert(1)</script>",
                "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
                "<<script>script>alert(1)<</script>/script>",
                "<img src=x onerror=alert(1)>",
                "<img src=\"x\" onerror=\"alert(document.cookie)\" />",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<iframe src=\"https://evil.example/\"></iframe>",
                "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
                "<object data=\"javascript:alert(1)\"></object>",
                "<embed src=\"javascript:alert(1)\">",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"  javascript:alert(1)\">x</a>",
                "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
                "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                "<p style=\"background:url(javascript:alert(1))\">styled</p>",
                "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</div>",
                "<style>body { display: none }</style>",
                "<details open ontoggle=alert(1)>",
                "<form action=\"javascript:alert(1)\"><button>go</button></form>",
                "<base href=\"javascript:alert(1)//\">",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
                "<body onload=alert(1)>",
                "Text with an inline <b onmouseover=alert(1)>handler</b> in it",
                // Markdown link, image and autolink syntax
                "[x](javascript:alert(1))",
                "[x](JaVaScRiPt:alert(1))",
                "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
                "[x](&#x6A;avascript&colon;alert(1))",
                "[x](java&#x09;script:alert(1))",
                "[x](<java\tscript:alert(1)>)",
                "[x](<  javascript:alert(1)>)",
                "[x](javascript://%0Aalert(1))",
                "[x](vbscript:msgbox(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[x](DATA:text/html,<script>alert(1)</script>)",
                "[click][evil]\n\n[evil]: javascript:alert(1)",
                "<javascript:alert(1)>",
                "![x](javascript:alert(1))",
                "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                "![x](https://ok.example/a.png \"\\\" onerror=\\\"alert(1)\")",
                "[x](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
                "[<img src=x onerror=alert(1)>](https://ok.example)",
                "```\" onmouseover=\"alert(1)\ncode\n```",
                "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | <a href=\"javascript:alert(1)\">x</a> |",
                "| a |\n|---|\n| [x](javascript:alert(1)) |",
                "~~<script>alert(1)</script>~~");
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void payloadRendersToAllowListedMarkupOnly(String markdown) {
        String html = RENDERER.toSafeHtml(markdown);

        assertThat(html).doesNotContainPattern(DANGEROUS_TAG)
                .doesNotContainPattern(EVENT_HANDLER)
                .doesNotContainPattern(STYLE_ATTRIBUTE);
        assertOnlyAllowListed(parse(html).getDocumentElement());
    }

    @Test
    void coversEnoughPayloads() {
        assertThat(payloads()).hasSizeGreaterThanOrEqualTo(25).doesNotHaveDuplicates();
    }

    @Test
    void rejectedLinksKeepTheirText() {
        assertThat(RENDERER.toSafeHtml("[click me](javascript:alert(1))")).isEqualTo("<p>click me</p>\n");
        assertThat(RENDERER.toSafeHtml("[click me](JaVaScRiPt:alert(1))")).isEqualTo("<p>click me</p>\n");
    }

    @Test
    void imagesWithRejectedSourcesAreDropped() {
        assertThat(RENDERER.toSafeHtml("![x](javascript:alert(1))")).doesNotContain("<img");
        assertThat(RENDERER.toSafeHtml("![x](mailto:someone@example.com)")).doesNotContain("<img");
    }

    @Test
    void rawHtmlShowsAsTextInsteadOfBeingInterpreted() {
        String html = RENDERER.toSafeHtml("<img src=x onerror=alert(1)>");

        assertThat(html).startsWith("<p>&lt;img src").doesNotContain("<img");
        assertThat(parse(html).getDocumentElement().getTextContent()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void legitimateMarkdownNextToPayloadsStillRenders() {
        String html = RENDERER.toSafeHtml("""
                Read [the docs](https://example.com/docs) or [this](javascript:alert(1)).

                | Cell | <img src=x onerror=alert(1)> |
                |:-----|-----------------------------:|
                | ~~old~~ | ![logo](/img/logo.png) |
                """);

        Element root = parse(html).getDocumentElement();
        assertOnlyAllowListed(root);
        Element link = (Element) root.getElementsByTagName("a").item(0);
        assertThat(root.getElementsByTagName("a").getLength()).isEqualTo(1);
        assertThat(link.getAttribute("href")).isEqualTo("https://example.com/docs");
        assertThat(((Element) root.getElementsByTagName("th").item(1)).getAttribute("align")).isEqualTo("right");
        assertThat(root.getElementsByTagName("del").item(0).getTextContent()).isEqualTo("old");
        assertThat(((Element) root.getElementsByTagName("img").item(0)).getAttribute("src")).isEqualTo("/img/logo.png");
    }

    private static void assertOnlyAllowListed(Element root) {
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                String name = element.getTagName();
                assertThat(ALLOWED).as("element <%s>", name).containsKey(name);
                NamedNodeMap attributes = element.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    String attribute = attributes.item(i).getNodeName();
                    String value = attributes.item(i).getNodeValue();
                    assertThat(ALLOWED.get(name)).as("attribute %s on <%s>", attribute, name).contains(attribute);
                    if (attribute.equals("href")) {
                        assertThat(scheme(value)).as("href %s", value).isIn("", "http", "https", "mailto");
                    } else if (attribute.equals("src")) {
                        assertThat(scheme(value)).as("src %s", value).isIn("", "http", "https");
                    } else if (attribute.equals("class")) {
                        assertThat(value).matches("language-[A-Za-z0-9_+#.-]+");
                    }
                }
                assertOnlyAllowListed(element);
            }
        }
    }

    /** The scheme as a browser would see it, or "" for a relative URL. */
    private static String scheme(String url) {
        String trimmed = url.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ':') {
                return trimmed.substring(0, i).toLowerCase(Locale.ROOT);
            }
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
        }
        return "";
    }

    private static Document parse(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader("<root>" + html + "</root>")));
        } catch (Exception e) {
            throw new AssertionError("Sanitized output is not well-formed: " + html, e);
        }
    }
}
