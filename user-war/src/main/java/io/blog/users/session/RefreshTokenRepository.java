package io.blog.users.session;

import io.blog.common.data.ReadRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Refresh tokens live on the primary only: every use is a write. */
@ApplicationScoped
public class RefreshTokenRepository {

    @Inject
    ReadRouting routing;

    public void add(RefreshToken token) {
        routing.forWrite().persist(token);
    }

    /** Locks the row so two concurrent uses of one token cannot both succeed. */
    public Optional<RefreshToken> findForUpdate(String tokenHash) {
        return Optional.ofNullable(routing.forWrite().find(RefreshToken.class, tokenHash, LockModeType.PESSIMISTIC_WRITE));
    }

    public int revokeFamily(String familyId, Instant now) {
        return routing.forWrite()
                .createQuery("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.familyId = :f AND t.revokedAt IS NULL")
                .setParameter("now", now).setParameter("f", familyId)
                .executeUpdate();
    }

    /** The sessions (token families) of an account that still have a refresh token not revoked. */
    public List<String> liveFamilies(String accountId) {
        return routing.forWrite()
                .createQuery("SELECT DISTINCT t.familyId FROM RefreshToken t WHERE t.accountId = :a AND t.revokedAt IS NULL", String.class)
                .setParameter("a", accountId)
                .getResultList();
    }

    public int revokeAccountExceptFamily(String accountId, String keptFamilyId, Instant now) {
        String keep = keptFamilyId == null ? "" : " AND t.familyId <> :keep";
        var query = routing.forWrite()
                .createQuery("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.accountId = :a AND t.revokedAt IS NULL" + keep)
                .setParameter("now", now).setParameter("a", accountId);
        if (keptFamilyId != null) {
            query.setParameter("keep", keptFamilyId);
        }
        return query.executeUpdate();
    }
}
