package io.blog.comments.comment;

import io.blog.common.data.ReadRouting;
import io.blog.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.blog.common.data.ReadsWithFallback;
import io.blog.common.paging.Keyset;

/**
 * Comment persistence. {@code find…} reads go through read routing (replica when safe);
 * {@code …ForUpdate} and writes use the primary.
 */
@ApplicationScoped
@ReadsWithFallback
public class CommentRepository {

    @Inject
    ReadRouting routing;

    public Optional<Comment> findById(String id) {
        return Optional.ofNullable(routing.forRead().find(Comment.class, id));
    }

    public Optional<Comment> findByIdForUpdate(String id) {
        return Optional.ofNullable(routing.forWrite().find(Comment.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Locks the comments in id order, so two moderators acting on overlapping sets cannot deadlock. */
    public List<Comment> findAllForUpdate(Collection<String> ids) {
        return routing.forWrite().createQuery("SELECT c FROM Comment c WHERE c.id IN :ids ORDER BY c.id", Comment.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    public Map<String, Comment> findByIds(Collection<String> ids) {
        Map<String, Comment> found = new HashMap<>();
        if (!ids.isEmpty()) {
            routing.forRead().createQuery("SELECT c FROM Comment c WHERE c.id IN :ids", Comment.class)
                    .setParameter("ids", ids).getResultList()
                    .forEach(c -> found.put(c.getId(), c));
        }
        return found;
    }

    public void add(Comment comment) {
        EntityManager em = routing.forWrite();
        em.persist(comment);
        em.flush();
    }

    /**
     * One page of a post's threads: roots {@code viewer} may see, and roots they may not see that
     * have a reply they may see (shown as placeholders so the replies keep their thread).
     */
    public List<Comment> findRoots(String postSlug, String viewer, Keyset keyset, boolean newestFirst) {
        String after = newestFirst ? "<" : ">";
        String direction = newestFirst ? " DESC" : "";
        StringBuilder jpql = new StringBuilder("SELECT c FROM Comment c WHERE c.postSlug = :post AND c.parentId IS NULL")
                .append(" AND (").append(visible("c", viewer))
                .append(" OR EXISTS (SELECT d.id FROM Comment d WHERE d.rootId = c.id AND d.parentId IS NOT NULL AND ")
                .append(visible("d", viewer)).append("))");
        if (keyset.continues()) {
            jpql.append(" AND (c.createdAt ").append(after).append(" :t OR (c.createdAt = :t AND c.id ")
                    .append(after).append(" :id))");
        }
        jpql.append(" ORDER BY c.createdAt").append(direction).append(", c.id").append(direction);
        TypedQuery<Comment> query = routing.forRead().createQuery(jpql.toString(), Comment.class)
                .setParameter("post", postSlug)
                // With the EXISTS subquery EclipseLink would otherwise inline every value as a literal:
                // bound parameters keep cursor values out of the SQL text and the statement reusable.
                .setHint("eclipselink.jdbc.bind-parameters", "TRUE")
                .setMaxResults(keyset.fetchSize());
        bindVisibility(query, viewer);
        bindKeyset(query, keyset);
        return query.getResultList();
    }

    /**
     * The replies of the given threads, oldest first: those {@code viewer} may see, plus any other
     * comment that has replies (it may be needed as a placeholder). Hidden leaves, such as spam
     * nobody answered, are never loaded.
     */
    public List<Comment> findReplies(Collection<String> rootIds, String viewer) {
        String jpql = "SELECT c FROM Comment c WHERE c.rootId IN :roots AND c.parentId IS NOT NULL AND ("
                + visible("c", viewer)
                + " OR c.id IN (SELECT p.parentId FROM Comment p WHERE p.rootId IN :roots))"
                + " ORDER BY c.createdAt, c.id";
        TypedQuery<Comment> query = routing.forRead().createQuery(jpql, Comment.class).setParameter("roots", rootIds);
        bindVisibility(query, viewer);
        return query.getResultList();
    }

    /** Approved, undeleted comments per post; posts without any are absent. */
    public Map<String, Long> approvedCounts(Collection<String> postSlugs) {
        Map<String, Long> counts = new HashMap<>();
        routing.forRead().createQuery("SELECT c.postSlug, COUNT(c) FROM Comment c WHERE c.postSlug IN :posts"
                        + " AND c.status = :approved AND c.deletedAt IS NULL GROUP BY c.postSlug", Object[].class)
                .setParameter("posts", postSlugs)
                .setParameter("approved", CommentStatus.APPROVED)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** A user's approved comments, newest first. */
    public List<Comment> findApprovedByAuthor(String author, Keyset keyset) {
        String jpql = "SELECT c FROM Comment c WHERE c.author = :author AND c.status = :approved AND c.deletedAt IS NULL"
                + (keyset.continues() ? " AND (c.createdAt < :t OR (c.createdAt = :t AND c.id < :id))" : "")
                + " ORDER BY c.createdAt DESC, c.id DESC";
        TypedQuery<Comment> query = routing.forRead().createQuery(jpql, Comment.class)
                .setParameter("author", author)
                .setParameter("approved", CommentStatus.APPROVED)
                .setMaxResults(keyset.fetchSize());
        bindKeyset(query, keyset);
        return query.getResultList();
    }

    /** How many of a user's comments were approved: what makes them trusted. */
    /**
     * The author's approved comments that a site-wide moderator (an editor or administrator) other
     * than the author approved: the only approvals that earn trust. An article's author approving
     * comments on their own article does not, so a new account cannot vouch for itself.
     */
    public long countApprovedBySiteModerators(String author) {
        return routing.forRead().createQuery("SELECT COUNT(DISTINCT c.id) FROM Comment c, AuditEntry a"
                        + " WHERE a.commentId = c.id AND c.author = :author AND c.status = :approved"
                        + " AND a.toStatus = :approved AND a.siteWide = TRUE AND a.actor <> :author", Long.class)
                .setParameter("author", author)
                .setParameter("approved", CommentStatus.APPROVED)
                .getSingleResult();
    }

    /** Undeleted comments in one state, oldest first; only those on {@code postAuthor}'s articles unless null. */
    public List<Comment> findQueue(CommentStatus status, String postAuthor, Keyset keyset) {
        String jpql = "SELECT c FROM Comment c WHERE c.status = :status AND c.deletedAt IS NULL"
                + (postAuthor == null ? "" : " AND c.postAuthor = :postAuthor")
                + (keyset.continues() ? " AND (c.createdAt > :t OR (c.createdAt = :t AND c.id > :id))" : "")
                + " ORDER BY c.createdAt, c.id";
        TypedQuery<Comment> query = routing.forRead().createQuery(jpql, Comment.class)
                .setParameter("status", status)
                .setMaxResults(keyset.fetchSize());
        if (postAuthor != null) {
            query.setParameter("postAuthor", postAuthor);
        }
        bindKeyset(query, keyset);
        return query.getResultList();
    }

    /** For the gauge: on the primary, since a metrics scrape has no caller to route reads for. */
    public long countPending() {
        return routing.forWrite().createQuery("SELECT COUNT(c) FROM Comment c WHERE c.status = :pending AND c.deletedAt IS NULL",
                        Long.class)
                .setParameter("pending", CommentStatus.PENDING)
                .getSingleResult();
    }

    /* The JPQL twin of Caller.maySee: approved, or pending and the viewer's own; never deleted. */
    private static String visible(String alias, String viewer) {
        String own = viewer == null ? "" : " OR (" + alias + ".status = :pending AND " + alias + ".author = :viewer)";
        return "(" + alias + ".deletedAt IS NULL AND (" + alias + ".status = :approved" + own + "))";
    }

    private static void bindVisibility(TypedQuery<Comment> query, String viewer) {
        query.setParameter("approved", CommentStatus.APPROVED);
        if (viewer != null) {
            query.setParameter("pending", CommentStatus.PENDING).setParameter("viewer", viewer);
        }
    }

    private static void bindKeyset(TypedQuery<Comment> query, Keyset keyset) {
        if (keyset.continues()) {
            query.setParameter("t", keyset.after()).setParameter("id", keyset.afterId());
        }
    }
}
