package io.blog.common.security;

import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.metrics.MetricNames;
import io.blog.common.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.security.Principal;
import java.util.logging.Logger;

/**
 * Rejects a bearer token that was logged out or belongs to a disabled user, in every service. If
 * the store is unreachable the token is accepted: it expires within minutes anyway, and failing
 * closed would take the whole site down with Redis.
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
            return;
        }
        boolean revoked;
        try {
            revoked = revocations.isTokenRevoked(token.getTokenID()) || revocations.isSubjectDisabled(token.getSubject());
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
