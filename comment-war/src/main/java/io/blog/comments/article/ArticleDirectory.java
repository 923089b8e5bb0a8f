package io.blog.comments.article;

import io.blog.common.http.RequestIdForwarding;
import io.blog.common.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks post-war whether an article is published. The call is anonymous on purpose: post-war then
 * shows only published articles (drafts are 404) and serves them from its cache. It is a GET, so
 * one retry is safe; the circuit breaker stops waiting on a dead post-war, and the fallback turns
 * every failure into a 503 so a comment is never written against an article nobody checked.
 */
@ApplicationScoped
public class ArticleDirectory {

    @Inject
    @ConfigProperty(name = "blog.posts.url", defaultValue = "http://127.0.0.1:8080")
    String postsUrl;

    @Inject
    @ConfigProperty(name = "blog.posts.timeout-ms", defaultValue = "800")
    long timeoutMillis;

    private PostsClient client;

    @PostConstruct
    void init() {
        client = RestClientBuilder.newBuilder()
                .baseUri(URI.create(postsUrl))
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                // An old slug answers 301 to the article's current one.
                .followRedirects(true)
                // Statuses are handled below; the default mapper would turn a 404 into an exception.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(RequestIdForwarding.class)
                .build(PostsClient.class);
    }

    /** The article if it exists and is published; empty if post-war says it does not. */
    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50, jitter = 25)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @Fallback(fallbackMethod = "postsUnavailable")
    public Optional<PublishedArticle> published(String slug) {
        try (Response response = client.article(slug)) {
            int status = response.getStatus();
            if (status >= 500) {
                throw new ProcessingException("post-war answered HTTP " + status);
            }
            if (status != 200) {
                return Optional.empty();
            }
            PostsClient.ArticleJson article = response.readEntity(PostsClient.ArticleJson.class);
            return "PUBLISHED".equals(article.status()) && article.author() != null
                    ? Optional.of(new PublishedArticle(article.slug(), article.author().username()))
                    : Optional.empty();
        }
    }

    Optional<PublishedArticle> postsUnavailable(String slug) {
        throw ProblemException.serviceUnavailable(
                "The article service cannot be reached to check the article; nothing was saved. Try again shortly.");
    }
}
