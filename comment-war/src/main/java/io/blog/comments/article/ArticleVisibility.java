package io.blog.comments.article;

import io.blog.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether readers may see an article's comments: only while post-war shows the article itself. A
 * draft again, a deleted article or an unknown slug hides its comments too. Answers are remembered
 * for a short while per instance, so a busy thread does not ask post-war on every read; when
 * post-war cannot be asked, comments stay readable (an outage of one service should not take the
 * other's reads down, and a hidden article's comments were public until recently anyway).
 */
@ApplicationScoped
public class ArticleVisibility {

    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    ArticleDirectory directory;

    @Inject
    @ConfigProperty(name = "blog.comments.article-visibility-cache-seconds", defaultValue = "30")
    long cacheSeconds;

    private record Answer(boolean published, Instant until) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public boolean commentsReadable(String slug) {
        Instant now = Instant.now();
        Answer known = answers.get(slug);
        if (known != null && known.until().isAfter(now)) {
            return known.published();
        }
        boolean published;
        try {
            published = directory.published(slug).isPresent();
        } catch (ProblemException unavailable) {
            return true;
        }
        if (answers.size() >= MAX_REMEMBERED) {
            answers.clear();
        }
        answers.put(slug, new Answer(published, now.plusSeconds(cacheSeconds)));
        return published;
    }
}
