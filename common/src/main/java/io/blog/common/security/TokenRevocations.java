package io.blog.common.security;

import io.blog.common.kv.KeyValueStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens are self-contained, so revoking one early needs shared state: a denylist of token
 * ids and a list of disabled users, both kept only as long as a token could still be valid.
 */
@ApplicationScoped
public class TokenRevocations {

    @Inject
    KeyValueStore store;

    @Inject
    @ConfigProperty(name = "blog.jwt.max-lifetime-seconds", defaultValue = "900")
    long maxTokenLifetimeSeconds;

    public void revokeToken(String jti, Instant expiresAt) {
        Duration remaining = Duration.between(Instant.now(), expiresAt);
        if (!remaining.isNegative() && !remaining.isZero()) {
            store.set(tokenKey(jti), "1", remaining.plusSeconds(5));
        }
    }

    public boolean isTokenRevoked(String jti) {
        return jti != null && store.exists(tokenKey(jti));
    }

    public void disableSubject(String subject) {
        store.set(subjectKey(subject), "1", Duration.ofSeconds(maxTokenLifetimeSeconds).plusSeconds(5));
    }

    public void enableSubject(String subject) {
        store.delete(subjectKey(subject));
    }

    public boolean isSubjectDisabled(String subject) {
        return subject != null && store.exists(subjectKey(subject));
    }

    private static String tokenKey(String jti) {
        return "blog:jwt:denied:" + jti;
    }

    private static String subjectKey(String subject) {
        return "blog:jwt:disabled-sub:" + subject;
    }
}
