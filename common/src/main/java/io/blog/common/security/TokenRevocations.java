package io.blog.common.security;

import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.PendingWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;

/**
 * Access tokens are self-contained, so revoking one early needs shared state: a denylist of token
 * ids and a list of disabled users, both kept only as long as a token could still be valid.
 * <p>
 * While Redis does not answer: a revocation is kept by {@link PendingWrites} and written as soon
 * as Redis answers again (never lost while the instance runs), and the instance that made it
 * enforces it at once. A check that cannot ask Redis throws; the caller decides (see
 * {@link RevokedTokenFilter}: it fails open).
 */
@ApplicationScoped
public class TokenRevocations {

    @Inject
    KeyValueStore store;

    @Inject
    PendingWrites pendingWrites;

    @Inject
    @ConfigProperty(name = "blog.jwt.max-lifetime-seconds", defaultValue = "900")
    long maxTokenLifetimeSeconds;

    public void revokeToken(String jti, Instant expiresAt) {
        if (expiresAt.isAfter(Instant.now())) {
            pendingWrites.set(tokenKey(jti), "1", expiresAt.plusSeconds(5));
        }
    }

    public boolean isTokenRevoked(String jti) {
        return jti != null && isSet(tokenKey(jti));
    }

    public void disableSubject(String subject) {
        pendingWrites.set(subjectKey(subject), "1", Instant.now().plusSeconds(maxTokenLifetimeSeconds + 5));
    }

    public void enableSubject(String subject) {
        pendingWrites.delete(subjectKey(subject));
    }

    public boolean isSubjectDisabled(String subject) {
        return subject != null && isSet(subjectKey(subject));
    }

    /** What this instance still has to write wins over what Redis says (or cannot say). */
    private boolean isSet(String key) {
        return pendingWrites.pendingFor(key)
                .map(write -> write.value().isPresent())
                .orElseGet(() -> store.exists(key));
    }

    private static String tokenKey(String jti) {
        return "blog:jwt:denied:" + jti;
    }

    private static String subjectKey(String subject) {
        return "blog:jwt:disabled-sub:" + subject;
    }
}
