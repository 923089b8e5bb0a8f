package io.blog.posts.view;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.ratelimit.RateLimit;
import io.blog.common.ratelimit.RateLimiter;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import io.blog.posts.article.ArticleService;
import io.blog.posts.article.ArticleViews.ArticleView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Counts a view when the reader's page says it was shown, not when the article was fetched: the
 * fetch may be answered by the gateway's cache and never reach a service, and a fetch is also what
 * crawlers, link previews and prefetching do.
 *
 * <p>A visitor is counted once per article per window ({@code blog.posts.views.visitor-window}): a
 * signed-in reader by account, anyone else by client address and browser. Automated clients (by
 * their User-Agent) and the author are not counted, and one address counts at most
 * {@code blog.posts.views.per-address-per-hour} views, so neither a refresh storm nor a script that
 * varies its User-Agent inflates the totals.
 */
@ApplicationScoped
public class ViewBeacon {

    /** User agents of crawlers, link previews, HTTP libraries and headless browsers. */
    static final Pattern AUTOMATED = Pattern.compile(
            "(?i)bot|crawl|spider|slurp|preview|fetch|scrap|headless|lighthouse|facebookexternalhit|embedly"
                    + "|curl|wget|python|java|okhttp|go-http|libwww|httpclient|axios|node|ruby|perl|php|wrk|gatling|jmeter|\\bhey\\b");

    static final String SEEN = "posts:views:seen:";

    /** What the page shows: the total, and whether this beacon added to it. */
    public record ViewCount(long viewCount, boolean counted) {
    }

    @Inject
    ArticleService articles;

    @Inject
    ViewCounter counter;

    @Inject
    KeyValueStore store;

    @Inject
    RateLimiter limiter;

    @Inject
    @ConfigProperty(name = "blog.posts.views.visitor-window", defaultValue = "PT30M")
    Duration visitorWindow;

    @Inject
    @ConfigProperty(name = "blog.posts.views.per-address-per-hour", defaultValue = "300")
    int perAddressPerHour;

    private RateLimit addressLimit;

    @PostConstruct
    void init() {
        addressLimit = new RateLimit("article-views-address", perAddressPerHour, Duration.ofHours(1));
    }

    public ViewCount count(String slug, Caller caller, String clientAddress, String userAgent) {
        ArticleView article = articles.find(slug, Caller.ANONYMOUS)
                .orElseThrow(() -> ProblemException.notFound("No published article '" + slug + "'."));
        if (caller.signedIn() && caller.username().equals(article.author().username())
                || userAgent == null || userAgent.isBlank() || AUTOMATED.matcher(userAgent).find()) {
            return new ViewCount(article.viewCount(), false);
        }
        String visitor = caller.signedIn() ? "u:" + caller.username() : "a:" + clientAddress + "\n" + userAgent;
        try {
            if (!store.setIfAbsent(SEEN + article.id() + ":" + digest(visitor), "1", visitorWindow)) {
                return new ViewCount(article.viewCount(), false);
            }
        } catch (KeyValueStoreException e) {
            // Without the store nothing is counted anyway (ViewCounter); say so rather than guess.
            return new ViewCount(article.viewCount(), false);
        }
        if (!limiter.tryAcquire(addressLimit, clientAddress)) {
            return new ViewCount(article.viewCount(), false);
        }
        return new ViewCount(counter.record(article.id(), article.viewCount()), true);
    }

    /** Visitor keys are hashed so the store holds no addresses or account names. */
    private static String digest(String visitor) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(visitor.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
