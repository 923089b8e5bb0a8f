package io.blog.comments.comment;

import io.blog.comments.article.ArticleDirectory;
import io.blog.comments.article.ArticleVisibility;
import io.blog.comments.article.PublishedArticle;
import io.blog.common.paging.Keyset;
import io.blog.common.profile.AuthorProfile;
import io.blog.common.profile.AuthorProfiles;
import io.blog.comments.comment.CommentRequests.NewComment;
import io.blog.comments.comment.CommentViews.CommentNode;
import io.blog.comments.comment.CommentViews.Counts;
import io.blog.comments.markdown.CommentRenderer;
import io.blog.comments.moderation.ModerationAction;
import io.blog.comments.moderation.ModerationLog;
import io.blog.comments.moderation.ModerationPolicy;
import io.blog.common.data.WritesToPrimary;
import io.blog.common.json.Timestamps;
import io.blog.common.metrics.MetricNames;
import io.blog.common.paging.CursorPage;
import io.blog.common.problem.Problem;
import io.blog.common.problem.ProblemException;
import io.blog.common.ratelimit.RateLimit;
import io.blog.common.ratelimit.RateLimiter;
import io.blog.common.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Comment rules: where comments may go, who may change them, and what each reader sees of a thread. */
@ApplicationScoped
public class CommentService {

    static final int MAX_COUNTED_POSTS = 100;
    private static final Pattern SLUG = Pattern.compile(CommentRequests.SLUG_RULE);

    @Inject
    CommentRepository comments;

    @Inject
    ArticleDirectory articles;

    @Inject
    ArticleVisibility visibility;

    @Inject
    CommentRenderer renderer;

    @Inject
    ModerationPolicy policy;

    @Inject
    ModerationLog moderationLog;

    @Inject
    AuthorProfiles authors;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "blog.comments.limit-per-user", defaultValue = "5")
    int perUserLimit;

    @Inject
    @ConfigProperty(name = "blog.comments.limit-per-ip", defaultValue = "20")
    int perAddressLimit;

    @Inject
    @ConfigProperty(name = "blog.comments.limit-window-seconds", defaultValue = "60")
    long limitWindowSeconds;

    private RateLimit perUser;
    private RateLimit perAddress;

    @PostConstruct
    void init() {
        Duration window = Duration.ofSeconds(limitWindowSeconds);
        perUser = new RateLimit("comment-user", perUserLimit, window);
        perAddress = new RateLimit("comment-ip", perAddressLimit, window);
    }

    /**
     * Writes a comment on a published article, in the state the moderation policy gives it. The
     * article is checked with post-war first; if post-war cannot answer, this fails with 503 before
     * anything is written.
     */
    @Transactional
    @WritesToPrimary
    public CommentNode create(NewComment input, Caller caller, String clientAddress) {
        rateLimiter.acquire(perUser, caller.username());
        rateLimiter.acquire(perAddress, clientAddress);
        PublishedArticle article = articles.published(input.post())
                .orElseThrow(() -> new ProblemException(422, "Unprocessable Content",
                        "The article '" + input.post() + "' was not found or is not accepting comments.",
                        List.of(new Problem.FieldError("post", "is not a published article")), null));
        Comment parent = input.parentId() == null || input.parentId().isBlank() ? null
                : replyTarget(input.parentId(), article, caller);
        // Looked up before writing, so the transaction holds no rows while user-war answers.
        AuthorProfile profile = profileOf(caller.username());
        String body = input.body().strip();
        ModerationPolicy.Verdict verdict = policy.judgeNew(caller, body);
        Comment comment = new Comment(article.slug(), article.author(), parent, caller.username(), render(body),
                verdict.status(), verdict.spamReason(), Timestamps.now());
        comments.add(comment);
        metrics.counter(MetricNames.COMMENTS_CREATED, new Tag("status", verdict.status().name())).inc();
        return CommentViews.forAuthor(comment, parent == null ? null : parent.getAuthor(), profile, List.of());
    }

    /** Replaces the text. Only the author may, and the new text passes the spam rules again. */
    @Transactional
    @WritesToPrimary
    public CommentNode edit(String id, String newBody, Caller caller) {
        // Looked up before locking the row, so the lock is not held while user-war answers.
        AuthorProfile profile = profileOf(caller.username());
        // Whoever moderates a comment knows it exists (it is in their queue): they learn that they
        // may not edit it, as with delete; anyone else cannot tell an unseen comment from none.
        Comment comment = comments.findByIdForUpdate(id)
                .filter(c -> CommentPermissions.knowsOf(caller, c))
                .orElseThrow(() -> notFound(id));
        if (!caller.is(comment.getAuthor())) {
            throw ProblemException.forbidden("Only its author can edit a comment.");
        }
        String body = newBody.strip();
        Optional<String> spamReason = policy.judgeEdit(caller, body);
        if (spamReason.isPresent()) {
            comment.moderate(CommentStatus.SPAM, spamReason.get());
        } else if (policy.needsReviewAfterEdit(caller, comment.getStatus(), comment.getBodyMarkdown(), body)) {
            comment.moderate(CommentStatus.PENDING, null);
        }
        comment.edit(render(body), Timestamps.now());
        String replyToAuthor = comment.getParentId() == null ? null
                : comments.findById(comment.getParentId()).filter(c -> CommentPermissions.maySee(caller, c)).map(Comment::getAuthor).orElse(null);
        return CommentViews.forAuthor(comment, replyToAuthor, profile, null);
    }

    /**
     * Deletes a comment: its author may, and so may whoever moderates it (the article's author,
     * editors, administrators), which is then recorded as a moderation action.
     */
    @Transactional
    @WritesToPrimary
    public void delete(String id, Caller caller) {
        Comment comment = comments.findByIdForUpdate(id)
                .filter(c -> CommentPermissions.knowsOf(caller, c))
                .orElseThrow(() -> notFound(id));
        boolean own = caller.is(comment.getAuthor());
        if (!own && !CommentPermissions.moderates(caller, comment)) {
            throw ProblemException.forbidden(
                    "Only its author, the article's author, editors and administrators can delete a comment.");
        }
        Instant now = Timestamps.now();
        comment.delete(now);
        if (!own) {
            moderationLog.record(comment, ModerationAction.DELETE, comment.getStatus(), caller, now);
        }
    }

    /**
     * One page of a post's threads: {@code limit} roots, each with its whole visible reply tree,
     * loaded with one query for all of them. Roots are ordered as asked; replies oldest first.
     */
    public CursorPage<CommentNode> threads(String post, String order, Keyset keyset, Caller viewer) {
        String slug = slug("post", post);
        boolean newestFirst = newestFirst(order);
        // The comments of an unpublished or deleted article are as hidden as the article (staff still see them).
        if (!viewer.moderatesAll() && !visibility.commentsReadable(slug)) {
            throw ProblemException.notFound("No published article '" + slug + "'.");
        }
        List<Comment> roots = comments.findRoots(slug, viewer.username(), keyset, newestFirst);
        return keyset.page(roots, Comment::getCreatedAt, Comment::getId, shown -> {
            if (shown.isEmpty()) {
                return List.of();
            }
            List<Comment> replies = comments.findReplies(shown.stream().map(Comment::getId).toList(), viewer.username());
            List<Comment> all = new ArrayList<>(shown);
            all.addAll(replies);
            return Threads.build(shown, replies, viewer, authors.lookup(Threads.visibleAuthors(all, viewer)));
        });
    }

    /** Approved comments per post, for article lists; every asked-for post appears, 0 if it has none. */
    public Counts counts(String posts) {
        if (posts == null || posts.isBlank()) {
            throw ProblemException.invalidField("posts", "is required: comma-separated article slugs");
        }
        Set<String> slugs = new LinkedHashSet<>();
        for (String post : posts.split(",")) {
            if (!post.isBlank()) {
                slugs.add(slug("posts", post));
            }
        }
        if (slugs.size() > MAX_COUNTED_POSTS) {
            throw ProblemException.invalidField("posts", "at most " + MAX_COUNTED_POSTS + " articles at once");
        }
        Map<String, Long> found = comments.approvedCounts(slugs);
        Map<String, Long> counts = new LinkedHashMap<>();
        slugs.forEach(s -> counts.put(s, found.getOrDefault(s, 0L)));
        return new Counts(counts);
    }

    /** A user's approved comments across all articles, newest first, without their replies. */
    public CursorPage<CommentNode> byUser(String username, Keyset keyset, Caller viewer) {
        String author = username.trim().toLowerCase(Locale.ROOT);
        List<Comment> rows = comments.findApprovedByAuthor(author, keyset);
        return keyset.page(rows, Comment::getCreatedAt, Comment::getId, shown -> {
            Map<String, Comment> parents = comments.findByIds(shown.stream().map(Comment::getParentId)
                    .filter(Objects::nonNull).collect(Collectors.toSet()));
            Map<String, AuthorProfile> profiles = shown.isEmpty() ? Map.of() : authors.lookup(Set.of(author));
            return shown.stream()
                    .map(c -> CommentViews.node(c, parents.get(c.getParentId()), viewer, profiles, null))
                    .toList();
        });
    }

    /**
     * The comment a reply answers: on the same article, and one the replier can see. A comment
     * still in moderation (or removed) takes no replies from those who cannot see it: a reply would
     * hang under a comment readers may never see. Those who moderate it (the article's author,
     * editors) know it exists from their queue and are told why; to anyone else it does not exist.
     */
    private Comment replyTarget(String parentId, PublishedArticle article, Caller caller) {
        Comment parent = comments.findById(parentId)
                .filter(p -> p.getPostSlug().equals(article.slug()))
                .orElseThrow(() -> ProblemException.invalidField("parentId", "must be a comment on the same article"));
        if (!CommentPermissions.maySee(caller, parent)) {
            if (CommentPermissions.moderates(caller, parent) && !parent.isDeleted()) {
                throw ProblemException.conflict("That comment is awaiting moderation: approve it first, then answer it.");
            }
            throw ProblemException.invalidField("parentId", "must be a comment on the same article");
        }
        return parent;
    }

    private AuthorProfile profileOf(String username) {
        return authors.lookup(Set.of(username)).getOrDefault(username, AuthorProfile.unresolved(username));
    }

    private Comment.Body render(String markdown) {
        return new Comment.Body(markdown, renderer.toSafeHtml(markdown));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No comment '" + id + "'.");
    }

    private static String slug(String field, String value) {
        String slug = value == null ? "" : value.trim();
        if (!SLUG.matcher(slug).matches()) {
            throw ProblemException.invalidField(field, CommentRequests.SLUG_MESSAGE);
        }
        return slug;
    }

    private static boolean newestFirst(String order) {
        if (order == null || order.isBlank() || order.equalsIgnoreCase("oldest")) {
            return false;
        }
        if (order.equalsIgnoreCase("newest")) {
            return true;
        }
        throw ProblemException.invalidField("order", "must be oldest or newest");
    }
}
