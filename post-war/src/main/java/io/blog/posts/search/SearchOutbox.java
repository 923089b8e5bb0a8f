package io.blog.posts.search;

import io.blog.common.data.ReadRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** The outbox table: written with each article change, drained by {@link OutboxRelay}. */
@ApplicationScoped
public class SearchOutbox {

    @Inject
    ReadRouting routing;

    /** Must run in the transaction of the article change: both commit or neither does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String articleId, Instant now) {
        routing.forWrite().persist(new OutboxEntry(articleId, now));
    }

    /** Due entries, locked so that two relays never handle the same entry at once. */
    @SuppressWarnings("unchecked")
    List<OutboxEntry> claimDue(Instant now, int limit, boolean skipLocked) {
        EntityManager em = routing.forWrite();
        List<String> ids = em.createNativeQuery("SELECT id FROM search_outbox WHERE next_attempt_at <= ? ORDER BY created_at LIMIT "
                        + limit + " FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : ""))
                .setParameter(1, now).getResultList();
        return ids.stream().map(id -> em.find(OutboxEntry.class, id)).toList();
    }

    void remove(OutboxEntry entry) {
        routing.forWrite().remove(entry);
    }

    public long backlog() {
        return routing.forWrite().createQuery("SELECT COUNT(e) FROM OutboxEntry e", Long.class).getSingleResult();
    }

    public Instant oldest() {
        return routing.forWrite().createQuery("SELECT MIN(e.createdAt) FROM OutboxEntry e", Instant.class).getSingleResult();
    }
}
