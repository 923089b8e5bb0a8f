package io.blog.comments.moderation;

import io.blog.comments.comment.Caller;
import io.blog.comments.comment.CommentRepository;
import io.blog.comments.comment.CommentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The state a comment starts in. Editors and administrators are approved outright. Anyone else's
 * text goes through the spam rules; if it passes, users with fewer than
 * {@code blog.comments.trusted-after} approved comments wait for a moderator and the rest are
 * approved at once.
 */
@ApplicationScoped
public class ModerationPolicy {

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
        boolean trusted = comments.countApprovedByAuthor(author.username()) >= trustedAfter;
        return new Verdict(trusted ? CommentStatus.APPROVED : CommentStatus.PENDING, null);
    }

    /** Edited text passes the content rules again; a reason means the comment is now spam. */
    public Optional<String> judgeEdit(Caller author, String body) {
        return author.moderatesAll() ? Optional.empty() : spam.inspect(body);
    }
}
