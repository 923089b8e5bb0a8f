package io.blog.comments.moderation;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.kv.SecurityState;
import io.blog.common.metrics.MetricNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Cheap spam heuristics. Each returns the reason a comment is spam, which is stored with it for
 * moderators, and counts the detection by kind.
 */
@ApplicationScoped
public class SpamFilter {

    private static final Logger LOG = Logger.getLogger(SpamFilter.class.getName());
    /*
     * Counted in the text as typed, so bare URLs that Markdown leaves unlinked count too; a "www."
     * right after a scheme is the same link, not a second one.
     */
    private static final Pattern LINK = Pattern.compile("(?i)https?://|mailto:|(?<![/\\w.])www\\.");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private record BannedWord(String word, Pattern pattern) {
    }

    @Inject
    @SecurityState
    KeyValueStore store;

    @Inject
    MetricRegistry metrics;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "blog.comments.max-links", defaultValue = "3")
    int maxLinks;

    @Inject
    @ConfigProperty(name = "blog.comments.banned-words", defaultValue = "viagra,casino,free money")
    List<String> bannedWords;

    @Inject
    @ConfigProperty(name = "blog.comments.duplicate-window-seconds", defaultValue = "600")
    long duplicateWindowSeconds;

    private List<BannedWord> banned;

    @PostConstruct
    void init() {
        // Whole words only: a banned word inside a longer, innocent word is no reason to hold a comment.
        banned = bannedWords.stream().map(SpamFilter::normalize).filter(w -> !w.isEmpty())
                .map(w -> new BannedWord(w, Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])")))
                .toList();
    }

    /** The content rules: too many links, or a banned word or phrase. */
    public Optional<String> inspect(String body) {
        long links = LINK.matcher(body).results().count();
        if (links > maxLinks) {
            return detected("links", links + " links (at most " + maxLinks + ")");
        }
        String text = normalize(body);
        for (BannedWord word : banned) {
            if (word.pattern().matcher(text).find()) {
                return detected("banned-word", "banned word '" + word.word() + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * Claims this text for this user for the duplicate window; the same text again within it is
     * spam. The claim is released if the transaction writing the comment does not commit, so a
     * failed attempt does not make its retry look like a duplicate. Without the store the check
     * is skipped: a missed duplicate is cheaper than refusing every comment.
     */
    public Optional<String> claimUnique(String username, String body) {
        String key = "blog:comments:dup:" + username + ":" + sha256(normalize(body));
        try {
            if (!store.setIfAbsent(key, "1", Duration.ofSeconds(duplicateWindowSeconds))) {
                return detected("duplicate", "same text posted again within " + duplicateWindowSeconds + " seconds");
            }
        } catch (KeyValueStoreException e) {
            LOG.warning("Duplicate comment check skipped, store unavailable: " + e.getMessage());
            return Optional.empty();
        }
        releaseUnlessCommitted(key);
        return Optional.empty();
    }

    private void releaseUnlessCommitted(String key) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        store.delete(key);
                    } catch (KeyValueStoreException e) {
                        LOG.warning("Duplicate claim not released, it expires by itself: " + e.getMessage());
                    }
                }
            }
        });
    }

    private Optional<String> detected(String kind, String reason) {
        metrics.counter(MetricNames.COMMENTS_SPAM_DETECTED, new Tag("reason", kind)).inc();
        return Optional.of(reason);
    }

    /* Compatibility forms, case and spacing do not make a text different. */
    private static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(folded).replaceAll(" ").strip();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
