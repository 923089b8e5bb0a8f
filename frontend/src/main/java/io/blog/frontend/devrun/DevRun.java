package io.blog.frontend.devrun;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After start, waits until every service of the server is ready, loads the sample content when
 * asked to (BLOG_DEV_SAMPLE_CONTENT, on in the one-command run), and then logs the ready line
 * with the URL. In production the front end is static files behind nginx and this never runs.
 */
@ApplicationScoped
public class DevRun {

    private static final Logger LOG = Logger.getLogger(DevRun.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    @ConfigProperty(name = "blog.dev.run", defaultValue = "false")
    boolean devRun;

    @Inject
    @ConfigProperty(name = "blog.dev.sample-content", defaultValue = "true")
    boolean sampleContent;

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "8080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "blog.admin.username")
    Optional<String> adminUsername;

    @Inject
    @ConfigProperty(name = "blog.admin.password")
    Optional<String> adminPassword;

    @Resource
    ManagedExecutorService executor;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (devRun) {
            executor.submit(this::announceWhenReady);
        }
    }

    private void announceWhenReady() {
        String local = "http://localhost:" + httpPort;
        ApiClient api = new ApiClient("http://127.0.0.1:" + httpPort);
        try {
            awaitReady(api);
            String sample = "";
            if (sampleContent && adminUsername.isPresent() && adminPassword.isPresent()) {
                SampleContentLoader.Summary loaded =
                        new SampleContentLoader(api, adminUsername.get(), adminPassword.get()).loadIfEmpty();
                if (loaded != null) {
                    sample = String.format(" Sample content: %d authors, %d articles, %d comments; sign in as %s.",
                            loaded.authors(), loaded.articles(), loaded.comments(), loaded.signIn());
                }
            }
            LOG.info("Blog ready at " + local + "/ (API " + local + "/api/posts, OpenAPI " + local + "/openapi/ui/)." + sample);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The one-command run did not finish starting: " + e.getMessage(), e);
        }
    }

    /**
     * Ready means every service's readiness checks pass and a signed-in call works: the security
     * runtime accepts tokens a little after the applications report started.
     */
    private void awaitReady(ApiClient api) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                if (api.get("/health/ready", null).status() == 200 && api.get("/api/users/jwks", null).status() == 200
                        && api.get("/api/posts?limit=1", null).status() == 200
                        && api.get("/api/comments/counts?posts=x", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the HTTP endpoint opens before the applications have started
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("services not ready after " + READY_TIMEOUT.toMinutes() + " minutes");
            }
            Thread.sleep(500);
        }
    }
}
