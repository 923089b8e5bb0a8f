package io.blog.comments.moderation;

import io.blog.comments.comment.CommentRepository;
import io.blog.comments.comment.CommentStatus;
import io.blog.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The state a comment starts in. Editors and administrators are approved outright. Anyone else's
 * text goes through the spam rules; if it passes, users with fewer than
 * {@code blog.comments.trusted-after} comments approved by an editor or administrator wait for a
 * moderator and the rest are approved at once. An approved comment that a user without that trust
 * rewrites goes back to moderation.
 */
@ApplicationScoped
public class ModerationPolicy {

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    @Inject
    SpamFilter spam;

    @Inject
    CommentRepository comments;

    @Inject
    @ConfigProperty(name = "blog.comments.trusted-after", defaultValue = "1")
    long trustedAfter;

    public record Verdict(CommentStatus status, String spamReason) {
    }

    public Verdict judgeNew(Caller author, String body) {
        if (author.moderatesAll()) {
            return new Verdict(CommentStatus.APPROVED, null);
        }
        Optional<String> spamReason = spam.inspect(body).or(() -> spam.claimUnique(author.username(), body));
        if (spamReason.isPresent()) {
            return new Verdict(CommentStatus.SPAM, spamReason.get());
        }
        return new Verdict(trusted(author) ? CommentStatus.APPROVED : CommentStatus.PENDING, null);
    }

    private boolean trusted(Caller author) {
        return comments.countApprovedBySiteModerators(author.username()) >= trustedAfter;
    }

    /**
     * Whether an approved comment must be approved again after its author's edit: when the author
     * is not trusted and the edit is more than a correction (new links, or much of the text changed).
     */
    public boolean needsReviewAfterEdit(Caller author, CommentStatus status, String oldBody, String newBody) {
        if (status != CommentStatus.APPROVED || author.moderatesAll() || !substantial(oldBody, newBody)) {
            return false;
        }
        return !trusted(author);
    }

    /** New links, or more changed characters than a typo fix (20, or a fifth of the text if longer). */
    static boolean substantial(String oldBody, String newBody) {
        Set<String> oldLinks = links(oldBody);
        if (!oldLinks.containsAll(links(newBody))) {
            return true;
        }
        int prefix = 0;
        int max = Math.min(oldBody.length(), newBody.length());
        while (prefix < max && oldBody.charAt(prefix) == newBody.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && oldBody.charAt(oldBody.length() - 1 - suffix) == newBody.charAt(newBody.length() - 1 - suffix)) {
            suffix++;
        }
        int changed = Math.max(oldBody.length(), newBody.length()) - prefix - suffix;
        return changed > Math.max(20, oldBody.length() / 5);
    }

    private static Set<String> links(String body) {
        return LINK.matcher(body).results().map(m -> m.group().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Edited text passes the content rules again; a reason means the comment is now spam. */
    public Optional<String> judgeEdit(Caller author, String body) {
        return author.moderatesAll() ? Optional.empty() : spam.inspect(body);
    }
}
