package io.blog.users.session;

import io.blog.common.json.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Ends sessions on behalf of account changes (password change, disabling). */
@ApplicationScoped
public class SessionRevocation {

    @Inject
    RefreshTokenRepository tokens;

    /** Revokes every refresh-token family of the account except {@code keptSessionId} (null keeps none). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAllExcept(String accountId, String keptSessionId) {
        tokens.revokeAccountExceptFamily(accountId, keptSessionId, Timestamps.now());
    }
}
