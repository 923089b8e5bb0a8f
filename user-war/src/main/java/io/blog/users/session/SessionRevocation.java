package io.blog.users.session;

import io.blog.common.json.Timestamps;
import io.blog.common.security.TokenRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Ends sessions on behalf of account changes (password change, role change, disabling): their
 * refresh tokens in the database and, through {@link TokenRevocations}, their access tokens.
 */
@ApplicationScoped
public class SessionRevocation {

    @Inject
    RefreshTokenRepository tokens;

    @Inject
    TokenRevocations revocations;

    /**
     * Ends every session of the account except {@code keptSessionId} (null keeps none): its
     * refresh tokens and the access tokens issued in it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAllExcept(String accountId, String keptSessionId) {
        for (String session : tokens.liveFamilies(accountId)) {
            if (!session.equals(keptSessionId)) {
                revocations.revokeSession(session);
            }
        }
        tokens.revokeAccountExceptFamily(accountId, keptSessionId, Timestamps.now());
    }

    /** Ends every session and every access token issued to the account so far. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAll(String accountId) {
        tokens.revokeAccountExceptFamily(accountId, null, Timestamps.now());
        revocations.revokeIssuedUntilNow(accountId);
    }
}
