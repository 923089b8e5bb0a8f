package io.blog.comments.incontainer;

import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/** The packaged comment-war plus the in-container test classes, under a name of its own. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive commentWarWith(Class<?>... testClasses) {
        return ShrinkWrap.create(WebArchive.class, "comments-incontainer.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/comment-war.war")))
                .addClasses(testClasses)
                .addClass(Deployments.class)
                .addAsLibrary(jarOf(Assertions.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
