package io.blog.posts.revision;

import io.blog.common.data.ReadRouting;
import io.blog.posts.article.Article;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.blog.common.data.ReadsWithFallback;

/** Revision persistence; recording happens inside the article's own transaction. */
@ApplicationScoped
@ReadsWithFallback
public class Revisions {

    @Inject
    ReadRouting routing;

    /** How many revisions of an article are kept; older ones go as new ones are saved. */
    @Inject
    @ConfigProperty(name = "blog.posts.revisions.keep", defaultValue = "50")
    int keep;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Article article, String by, Instant at) {
        EntityManager em = routing.forWrite();
        Integer last = em.createQuery("SELECT MAX(r.number) FROM Revision r WHERE r.articleId = :a", Integer.class)
                .setParameter("a", article.getId()).getSingleResult();
        int number = last == null ? 1 : last + 1;
        em.persist(new Revision(article.getId(), number, article.getTitle(), article.getSummary(),
                article.getBodyMarkdown(), article.getTags(), at, by));
        // Every save is a full copy of a body of up to 200,000 characters: the history is bounded.
        em.createQuery("DELETE FROM Revision r WHERE r.articleId = :a AND r.number <= :oldest")
                .setParameter("a", article.getId()).setParameter("oldest", number - Math.max(1, keep))
                .executeUpdate();
    }

    public List<Revision> list(String articleId) {
        return routing.forRead()
                .createQuery("SELECT r FROM Revision r WHERE r.articleId = :a ORDER BY r.number DESC", Revision.class)
                .setParameter("a", articleId).getResultList();
    }

    public Optional<Revision> find(String articleId, int number) {
        return Optional.ofNullable(routing.forRead().find(Revision.class, new Revision.Key(articleId, number)));
    }

    /**
     * As {@link #find}, from the primary: for a revision a write is about to copy. An editor
     * restoring an article someone else saved a moment ago has no read-your-writes position for
     * it, and the replica may not have the revision yet.
     */
    public Optional<Revision> findForWrite(String articleId, int number) {
        return Optional.ofNullable(routing.forWrite().find(Revision.class, new Revision.Key(articleId, number)));
    }
}
