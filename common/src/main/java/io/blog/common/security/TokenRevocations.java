package io.blog.common.security;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.kv.PendingWrites;
import io.blog.common.kv.SecurityState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Optional;

/**
 * Access tokens are self-contained, so revoking them early needs shared state, kept only as long
 * as a token could still be accepted (its expiry plus the verifier's clock skew allowance):
 * <ul>
 * <li>single tokens, by id ({@code jti});</li>
 * <li>whole sessions, by the {@code sid} claim every access token of a sign-in carries (logout,
 * a refresh token presented twice);</li>
 * <li>everything a user was issued until a moment (a role change, disabling, a password change).</li>
 * </ul>
 * While Redis does not answer: a revocation is kept by {@link PendingWrites} and written as soon
 * as Redis answers again (never lost while the instance runs), and the instance that made it
 * enforces it at once. A check that cannot ask Redis throws; the caller decides (see
 * {@link RevokedTokenFilter}: it fails open).
 */
@ApplicationScoped
public class TokenRevocations {

    @Inject
    @SecurityState
    KeyValueStore store;

    @Inject
    @SecurityState
    PendingWrites pendingWrites;

    /** How long user-war's tokens live; revocations are written there, with the same setting. */
    @Inject
    @ConfigProperty(name = "blog.jwt.access-token-seconds")
    long tokenLifetimeSeconds;

    /** MicroProfile JWT accepts a token this long after its expiry; a revocation must outlive that. */
    @Inject
    @ConfigProperty(name = "blog.jwt.clock-skew-seconds")
    long clockSkewSeconds;

    public void revokeToken(String jti, Instant expiresAt) {
        Instant until = expiresAt.plusSeconds(clockSkewSeconds + 5);
        if (until.isAfter(Instant.now())) {
            pendingWrites.set(tokenKey(jti), "1", until);
        }
    }

    /** Every access token of one sign-in (its {@code sid}), issued so far or later. */
    public void revokeSession(String sessionId) {
        pendingWrites.set(sessionKey(sessionId), "1", longestValidity());
    }

    /**
     * Every access token issued to the subject up to now, including this second: a token issued
     * later (after signing in again) is accepted.
     */
    public void revokeIssuedUntilNow(String subject) {
        long now = Instant.now().getEpochSecond();
        // A token issued after an earlier revocation of this second is dated one second later
        // (see revokedUntil): this revocation must reach that far too.
        long until = now;
        try {
            until = revokedUntil(subject).filter(previous -> previous >= now).map(previous -> previous + 1).orElse(now);
        } catch (KeyValueStoreException e) {
            // Redis cannot say: this second, as the issuer will also assume while it cannot ask.
        }
        pendingWrites.set(issuedUntilKey(subject), Long.toString(until), longestValidity());
    }

    /**
     * The last second whose tokens the subject had revoked, if that is still in force: a token
     * issued within it would look revoked ({@code iat} counts whole seconds), so the issuer dates
     * new ones after it.
     */
    public Optional<Long> revokedUntil(String subject) {
        return value(issuedUntilKey(subject)).map(Long::parseLong);
    }

    /** Whether any of the revocations above covers this token. */
    public boolean isRevoked(String jti, String sessionId, String subject, long issuedAtEpochSecond) {
        if (jti != null && isSet(tokenKey(jti))) {
            return true;
        }
        if (sessionId != null && isSet(sessionKey(sessionId))) {
            return true;
        }
        if (subject == null) {
            return false;
        }
        return revokedUntil(subject).map(until -> issuedAtEpochSecond <= until).orElse(false);
    }

    private Instant longestValidity() {
        return Instant.now().plusSeconds(tokenLifetimeSeconds + clockSkewSeconds + 5);
    }

    /** What this instance still has to write wins over what Redis says (or cannot say). */
    private boolean isSet(String key) {
        return pendingWrites.pendingFor(key)
                .map(write -> write.value().isPresent())
                .orElseGet(() -> store.exists(key));
    }

    private Optional<String> value(String key) {
        return pendingWrites.pendingFor(key)
                .map(write -> write.value())
                .orElseGet(() -> store.get(key));
    }

    private static String tokenKey(String jti) {
        return "blog:jwt:denied:" + jti;
    }

    private static String sessionKey(String sessionId) {
        return "blog:jwt:denied-sid:" + sessionId;
    }

    private static String issuedUntilKey(String subject) {
        return "blog:jwt:revoked-until:" + subject;
    }
}
