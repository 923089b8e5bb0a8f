package io.blog.common.security;

import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.metrics.MetricNames;
import io.blog.common.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.security.Principal;
import java.util.logging.Logger;

/**
 * Rejects a bearer token that was logged out or belongs to a disabled user, in every service, and
 * one that is expired or not valid also where no sign-in is needed.
 * <p>
 * While Redis cannot answer, the check fails open: the token is accepted unless this instance
 * itself recorded its revocation ({@link TokenRevocations}). Failing closed would take every
 * signed-in feature down with Redis; failing open lets a revoked token work only while Redis is
 * unreachable (the fail-fast pause ends as soon as Redis answers) and never past the token's own
 * expiry (at most {@code blog.jwt.access-token-seconds}, 15 minutes). Refresh tokens and disabled
 * accounts are checked in the database, so no new access token is issued to them meanwhile.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class RevokedTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(RevokedTokenFilter.class.getName());

    @Inject
    TokenRevocations revocations;

    @Inject
    MetricRegistry metrics;

    @Inject
    RequestCaller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken token)) {
            // On an endpoint open to everyone, Liberty lets a request whose bearer token it could
            // not verify (expired, forged, garbled) through as anonymous. It is refused as a revoked
            // one is (RFC 6750 invalid_token): the client learns at once that it must refresh or
            // sign in again, instead of silently getting the anonymous view.
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ProblemException.unauthorized("This token is expired or not valid; sign in again.");
            }
            return;
        }
        boolean revoked;
        try {
            revoked = revocations.isRevoked(token.getTokenID(), CurrentUser.sessionId(token), token.getSubject(), token.getIssuedAtTime());
        } catch (KeyValueStoreException e) {
            LOG.warning("Token revocation check skipped, store unavailable: " + e.getMessage());
            caller.signedIn(token.getName());
            return;
        }
        if (revoked) {
            metrics.counter(MetricNames.REVOKED_TOKEN_REJECTIONS).inc();
            throw ProblemException.unauthorized("This token has been revoked; sign in again.");
        }
        caller.signedIn(token.getName());
    }
}
