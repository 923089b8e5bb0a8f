package io.blog.posts.markdown;

import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.Map;
import java.util.Set;

/**
 * Renders a fenced block whose language {@link CodeHighlighter} knows as highlighted code; any other
 * block is written exactly as CommonMark's default renderer would.
 */
final class HighlightedCodeBlocks implements NodeRenderer {

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    HighlightedCodeBlocks(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        String info = block.getInfo() == null ? "" : block.getInfo().strip();
        String language = info.isEmpty() ? null : info.split("\\s+", 2)[0];
        String code = block.getLiteral();
        html.line();
        html.tag("pre", context.extendAttributes(block, "pre", Map.of()));
        html.tag("code", context.extendAttributes(block, "code",
                language == null ? Map.of() : Map.of("class", "language-" + language)));
        if (CodeHighlighter.supports(language)) {
            html.raw(CodeHighlighter.highlight(code, language));
        } else {
            html.text(code);
        }
        html.tag("/code");
        html.tag("/pre");
        html.line();
    }
}
