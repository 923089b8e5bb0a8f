package io.blog.common.testing;

import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/** Arquillian deployments: a service's packaged WAR plus the in-container test classes, under a name of its own. */
public final class InContainerWars {

    private InContainerWars() {
    }

    /** @param packagedWar the module's WAR, e.g. {@code target/post-war.war} */
    public static WebArchive packagedWith(String packagedWar, String deploymentName, Class<?>... testClasses) {
        return ShrinkWrap.create(WebArchive.class, deploymentName)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File(packagedWar)))
                .addClasses(testClasses)
                .addClass(InContainerWars.class)
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
