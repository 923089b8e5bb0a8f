package io.blog.comments.moderation;

import io.blog.comments.comment.CommentPermissions;
import io.blog.common.profile.AuthorProfile;
import io.blog.common.profile.AuthorProfiles;
import io.blog.comments.comment.Comment;
import io.blog.comments.comment.CommentRepository;
import io.blog.comments.comment.CommentStatus;
import io.blog.comments.moderation.ModerationViews.AuditRecord;
import io.blog.comments.moderation.ModerationViews.ModerationItem;
import io.blog.comments.moderation.ModerationViews.Outcome;
import io.blog.common.data.WritesToPrimary;
import io.blog.common.json.Timestamps;
import io.blog.common.paging.CursorPage;
import io.blog.common.paging.Keyset;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moderation rules: editors and administrators moderate every comment, an article's author the
 * comments on that article. Every action is recorded in the audit log.
 */
@ApplicationScoped
public class ModerationService {

    private static final Set<CommentStatus> QUEUES = Set.of(CommentStatus.PENDING, CommentStatus.SPAM);

    @Inject
    CommentRepository comments;

    @Inject
    ModerationLog log;

    @Inject
    AuthorProfiles authors;

    /** The comments waiting in one queue that {@code caller} moderates, oldest first. */
    public CursorPage<ModerationItem> queue(CommentStatus status, Keyset keyset, Caller caller) {
        requireModerator(caller);
        CommentStatus wanted = status == null ? CommentStatus.PENDING : status;
        if (!QUEUES.contains(wanted)) {
            throw ProblemException.invalidField("status", "must be PENDING or SPAM");
        }
        String onArticlesOf = caller.moderatesAll() ? null : caller.username();
        List<Comment> rows = comments.findQueue(wanted, onArticlesOf, keyset);
        return keyset.page(rows, Comment::getCreatedAt, Comment::getId, shown -> {
            Map<String, AuthorProfile> profiles = authors.lookup(shown.stream().map(Comment::getAuthor).collect(Collectors.toSet()));
            return shown.stream()
                    .map(c -> ModerationItem.of(c, profiles.getOrDefault(c.getAuthor(), AuthorProfile.unresolved(c.getAuthor()))))
                    .toList();
        });
    }

    /**
     * Applies one action to every named comment, all or nothing: if any is unknown, deleted or not
     * one {@code caller} moderates, nothing changes.
     */
    @Transactional
    @WritesToPrimary
    public Outcome act(List<String> ids, ModerationAction action, Caller caller) {
        requireModerator(caller);
        Set<String> wanted = ids.stream().map(String::trim).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Comment> found = comments.findAllForUpdate(wanted).stream()
                .filter(c -> !c.isDeleted() && CommentPermissions.moderates(caller, c))
                .collect(Collectors.toMap(Comment::getId, Function.identity()));
        List<String> missing = wanted.stream().filter(id -> !found.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.notFound("No comments you can moderate with ids " + String.join(", ", missing)
                    + "; nothing was changed.");
        }
        Instant now = Timestamps.now();
        return new Outcome(wanted.stream().map(found::get).map(comment -> {
            CommentStatus before = comment.getStatus();
            action.applyTo(comment, now);
            return AuditRecord.of(log.record(comment, action, before, caller, now));
        }).toList());
    }

    private static void requireModerator(Caller caller) {
        if (!CommentPermissions.mayModerate(caller)) {
            throw ProblemException.forbidden("Only authors (of the article), editors and administrators moderate comments.");
        }
    }

    public CursorPage<AuditRecord> audit(Keyset keyset, Caller caller) {
        if (!caller.moderatesAll()) {
            throw ProblemException.forbidden("Only editors and administrators can read the moderation audit.");
        }
        return keyset.page(log.page(keyset), AuditEntry::getCreatedAt, AuditEntry::getId,
                shown -> shown.stream().map(AuditRecord::of).toList());
    }
}
