package io.blog.posts.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The compiled page templates. jte turns src/main/jte into Java classes during the build: a
 * mistake in a template fails the build, every {@code ${…}} is escaped for where it stands (text,
 * attribute, URL), and rendering is a plain method call, with no template parsing at run time.
 */
@ApplicationScoped
public class PageTemplates {

    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, PageTemplates.class.getClassLoader(), "gg.jte.generated.precompiled");

    public String render(String template, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        engine.render(template, model, out);
        return out.toString();
    }
}
