package io.blog.comments.markdown;

import jakarta.enterprise.context.ApplicationScoped;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a comment's light Markdown (links, emphasis, code) into HTML that is safe to embed.
 * <p>
 * As for articles, safety comes from two layers: CommonMark escapes raw HTML so it shows as text,
 * and an allow-list sanitizer guarantees the output whatever Markdown produced. The allow-list is
 * much shorter than an article's: p, br, a, em, strong, code and pre.
 * <p>
 * Parser, renderer and policy are immutable, so one instance serves all requests concurrently.
 */
@ApplicationScoped
public class CommentRenderer {

    /* Links must be absolute: a relative href would point into the site itself. */
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(?:https?://|mailto:)\\S+");

    private final Parser parser;
    private final HtmlRenderer htmlRenderer;
    private final PolicyFactory policy;

    public CommentRenderer() {
        parser = Parser.builder()
                // Paragraphs are always on; of the other blocks only code is wanted. Headings, lists,
                // quotes and rules stay the literal text the commenter typed instead of being
                // rendered and then stripped into run-on text.
                .enabledBlockTypes(Set.of(FencedCodeBlock.class, IndentedCodeBlock.class))
                .postProcessor(CommentRenderer::imagesToLinks)
                .build();
        htmlRenderer = HtmlRenderer.builder()
                .escapeHtml(true)
                // People type comments with single line breaks and expect to see them.
                .softbreak("<br />\n")
                .build();
        policy = new HtmlPolicyBuilder()
                .allowElements("p", "br", "em", "strong", "code", "pre")
                .allowUrlProtocols("http", "https", "mailto")
                .allowElements(linkPolicy(), "a")
                .allowAttributes("href").matching(ABSOLUTE_URL).onElements("a")
                .toFactory();
    }

    /** Renders the comment to HTML that is safe to embed in a page as is. */
    public String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        return policy.sanitize(htmlRenderer.render(parser.parse(markdown)));
    }

    /*
     * Comments show no images (no tracking pixels, no layout breakage); an image becomes a link to
     * it, labelled with its alt text, so what the commenter meant to share is still reachable.
     */
    private static Node imagesToLinks(Node document) {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
                visitChildren(image);
            }
        });
        for (Image image : images) {
            Link link = new Link(image.getDestination(), image.getTitle());
            for (Node child = image.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                link.appendChild(child);
                child = next;
            }
            if (link.getFirstChild() == null) {
                link.appendChild(new Text(image.getDestination()));
            }
            image.insertBefore(link);
            image.unlink();
        }
        return document;
    }

    /*
     * Links in user content must not pass on the site's reputation (nofollow, ugc) nor get a handle
     * on this window (noopener). Set here rather than by the sanitizer's rel support, whose order varies.
     */
    private static ElementPolicy linkPolicy() {
        return (element, attributes) -> {
            for (int i = 0; i < attributes.size(); i += 2) {
                if (attributes.get(i).equals("href")) {
                    attributes.addAll(List.of("rel", "nofollow ugc noopener"));
                    return element;
                }
            }
            // A link whose target was rejected keeps its text but is no link.
            return null;
        };
    }
}
