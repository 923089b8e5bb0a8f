package io.blog.users.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.security.TokenRevocations;
import io.blog.users.account.Account;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens with the claims MicroProfile JWT expects. Issuer, audience and lifetime are
 * the variables of liberty-config's jwt.xml, the ones every service verifies against.
 */
@ApplicationScoped
public class TokenIssuer {

    /**
     * The longest an access token may be configured to live: it bounds how long a revoked token
     * still works while Redis cannot be asked (the checks fail open).
     */
    static final long MAX_LIFETIME_SECONDS = 900;

    @Inject
    SigningKeys keys;

    @Inject
    TokenRevocations revocations;

    @Inject
    @ConfigProperty(name = "blog.jwt.issuer")
    String issuerName;

    @Inject
    @ConfigProperty(name = "blog.jwt.audience")
    String audience;

    @Inject
    @ConfigProperty(name = "blog.jwt.access-token-seconds")
    long lifetimeSeconds;

    private JWSSigner signer;

    public record Issued(String token, String id, long expiresInSeconds) {
    }

    @PostConstruct
    void init() {
        if (lifetimeSeconds < 30 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
            throw new IllegalStateException("blog.jwt.access-token-seconds must be between 30 and " + MAX_LIFETIME_SECONDS);
        }
        try {
            signer = new RSASSASigner(keys.current());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public Issued issue(Account account, String sessionId) {
        Instant now = issueTime(account.getId());
        String id = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuerName)
                .audience(audience)
                .subject(account.getId())
                .claim("upn", account.getUsername())
                .claim("preferred_username", account.getUsername())
                .claim("groups", List.copyOf(account.getRoles()))
                .claim("sid", sessionId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
                .jwtID(id)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keys.current().getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), id, lifetimeSeconds);
    }

    /**
     * Now, to the second, or the second after the account's last revocation if that is now: tokens
     * of the revoked second stay revoked, and one issued after it (signing in again at once) must
     * not look as if it were one of them. A second ahead is well inside the verifier's clock skew.
     */
    private Instant issueTime(String accountId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            return revocations.revokedUntil(accountId).filter(until -> until >= now.getEpochSecond())
                    .map(until -> Instant.ofEpochSecond(until + 1)).orElse(now);
        } catch (KeyValueStoreException e) {
            return now;
        }
    }
}
