package io.blog.posts.markdown;

import jakarta.enterprise.context.ApplicationScoped;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the Markdown that authors write into what readers see.
 * <p>
 * Rendering is defended twice. CommonMark escapes raw HTML, so tags typed into a post show up as
 * text and are never interpreted. The rendered HTML then goes through an allow-list sanitizer,
 * which is what actually guarantees safety: it also catches what Markdown syntax itself can
 * produce, such as {@code [x](javascript:...)} links, autolinks and image sources.
 * <p>
 * The parser, renderer and sanitizer policy are immutable and built once, so one instance serves
 * all requests concurrently.
 */
@ApplicationScoped
public class MarkdownRenderer {

    /**
     * Raised whenever the HTML produced for the same Markdown changes; stored articles rendered by
     * an older version are rendered again in the background (article.RenderUpgrade).
     * 1: fenced code is highlighted.
     */
    public static final int VERSION = 1;

    private static final String ELLIPSIS = "…";
    private static final int LATIN_WORDS_PER_MINUTE = 200;
    private static final int CJK_CHARS_PER_MINUTE = 400;

    private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern HIGHLIGHT_CLASS = Pattern.compile("hl-(?:com|str|num|kw|lit)");
    private static final Pattern TABLE_ALIGNMENT = Pattern.compile("left|center|right");
    private static final Pattern LIST_START = Pattern.compile("[0-9]{1,9}");
    /* Images may not use mailto:, which the sanitizer otherwise allows for every URL attribute. */
    private static final Pattern WEB_OR_RELATIVE_URL =
            Pattern.compile("(?i)(?:https?:|[^:/?#]*(?:[/?#]|$)).*", Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");

    private final Parser parser;
    private final HtmlRenderer htmlRenderer;
    private final PolicyFactory policy;

    public MarkdownRenderer() {
        List<Extension> extensions = List.of(TablesExtension.create(), StrikethroughExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        htmlRenderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .nodeRendererFactory(HighlightedCodeBlocks::new)
                .build();
        policy = sanitizerPolicy();
    }

    /** Renders Markdown to HTML that is safe to embed in a page as is. */
    public String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        return policy.sanitize(htmlRenderer.render(parser.parse(markdown)));
    }

    /**
     * The readable text of the Markdown, without markup and with whitespace collapsed. Raw HTML and
     * images are left out: neither is text a reader sees in a summary. The result is not escaped.
     */
    public String toPlainText(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(markdown.length());
        appendText(parser.parse(markdown), text);
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * The plain text, shortened to at most {@code maxChars} code points including the trailing "…"
     * that marks a cut. The cut falls between words, or between characters in Chinese and Japanese,
     * which are written without spaces; a single word longer than the limit is cut inside.
     */
    public String summarize(String markdown, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        String text = toPlainText(markdown);
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        int limit = text.offsetByCodePoints(0, maxChars - 1);
        return text.substring(0, lastBreakAtOrBefore(text, limit)).stripTrailing() + ELLIPSIS;
    }

    /**
     * Estimated reading time in whole minutes, never less than one. Chinese and Japanese are counted
     * by character, since they have no spaces to count words by.
     */
    public int readingMinutes(String markdown) {
        String text = toPlainText(markdown);
        int words = 0;
        int cjkChars = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                cjkChars++;
                inWord = false;
            } else if (Character.isWhitespace(cp)) {
                inWord = false;
            } else if (!inWord && Character.isLetterOrDigit(cp)) {
                words++;
                inWord = true;
            }
        }
        double minutes = (double) words / LATIN_WORDS_PER_MINUTE + (double) cjkChars / CJK_CHARS_PER_MINUTE;
        return Math.max(1, (int) Math.ceil(minutes));
    }

    private static PolicyFactory sanitizerPolicy() {
        return new HtmlPolicyBuilder()
                .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "hr", "br",
                        "ul", "ol", "li", "pre", "code", "em", "strong", "del", "s",
                        "table", "thead", "tbody", "tr", "th", "td")
                .allowAttributes("start").matching(LIST_START).onElements("ol")
                .allowAttributes("align").matching(TABLE_ALIGNMENT).onElements("th", "td")
                .allowAttributes("class").matching(LANGUAGE_CLASS).onElements("code")
                .allowElements("span")
                .allowAttributes("class").matching(HIGHLIGHT_CLASS).onElements("span")
                .allowUrlProtocols("http", "https", "mailto")
                .allowElements(linkPolicy(), "a")
                .allowAttributes("href", "title").onElements("a")
                .allowElements(imagePolicy(), "img")
                .allowAttributes("src").matching(WEB_OR_RELATIVE_URL).onElements("img")
                .allowAttributes("alt", "title").onElements("img")
                .toFactory();
    }

    /*
     * User content must not pass on the site's reputation to arbitrary pages, nor give them a handle
     * on this window. The sanitizer's own rel support emits a set in random order; this stays stable.
     */
    private static ElementPolicy linkPolicy() {
        return (element, attributes) -> {
            if (hasAttribute(attributes, "href")) {
                attributes.addAll(List.of("rel", "nofollow noopener noreferrer"));
            }
            return element;
        };
    }

    /* An image whose source was rejected is dropped rather than left as an empty frame. */
    private static ElementPolicy imagePolicy() {
        return (element, attributes) -> {
            if (!hasAttribute(attributes, "src")) {
                return null;
            }
            attributes.addAll(List.of("loading", "lazy"));
            return element;
        };
    }

    /* The sanitizer passes attributes as a flat list of alternating names and values. */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void appendText(Node node, StringBuilder out) {
        switch (node) {
            case Text text -> out.append(text.getLiteral());
            case Code code -> out.append(code.getLiteral());
            case FencedCodeBlock code -> out.append(code.getLiteral()).append(' ');
            case IndentedCodeBlock code -> out.append(code.getLiteral()).append(' ');
            case SoftLineBreak _, HardLineBreak _ -> out.append(' ');
            case HtmlInline _, HtmlBlock _, Image _ -> { }
            default -> {
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    appendText(child, out);
                }
                // Keeps the last word of one paragraph or table cell from running into the next.
                if (node instanceof Block || node instanceof TableCell) {
                    out.append(' ');
                }
            }
        }
    }

    private static int lastBreakAtOrBefore(String text, int limit) {
        for (int i = limit; i > 0; i = text.offsetByCodePoints(i, -1)) {
            int before = text.codePointBefore(i);
            int after = text.codePointAt(i);
            if (Character.isWhitespace(before) || Character.isWhitespace(after) || isCjk(before) || isCjk(after)) {
                return i;
            }
        }
        return limit;
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
