package io.blog.common.security;

import io.blog.common.problem.ProblemException;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Reads the caller from the JAX-RS security context without injecting the token into public resources. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<JsonWebToken> token(SecurityContext context) {
        return context != null && context.getUserPrincipal() instanceof JsonWebToken token
                ? Optional.of(token) : Optional.empty();
    }

    public static JsonWebToken require(SecurityContext context) {
        return token(context).orElseThrow(() -> ProblemException.unauthorized("Sign in first."));
    }

    /** The sign-in a token belongs to: its {@code sid} claim (user-war puts one in every access token). */
    public static String sessionId(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        if (sid instanceof JsonString json) {
            return json.getString();
        }
        return sid == null ? null : sid.toString();
    }
}
