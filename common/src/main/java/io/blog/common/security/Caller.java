package io.blog.common.security;

import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Who is asking: the username and roles of a verified access token, or nobody. What a caller may
 * do with one feature's things (edit an article, moderate a comment) is decided next to that
 * feature, from this.
 */
public record Caller(String username, Set<String> roles) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public static Caller of(SecurityContext security) {
        return CurrentUser.token(security).map(Caller::of).orElse(ANONYMOUS);
    }

    /** The caller of a request that needs one: anonymous requests get 401 ({@link CurrentUser#require}). */
    public static Caller signedIn(SecurityContext security) {
        return of(CurrentUser.require(security));
    }

    private static Caller of(JsonWebToken token) {
        return new Caller(token.getName(), token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups()));
    }

    public boolean signedIn() {
        return username != null;
    }

    public boolean is(String name) {
        return username != null && username.equals(name);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Editors and administrators act on every article and every comment. */
    public boolean moderatesAll() {
        return hasRole(Roles.EDITOR) || hasRole(Roles.ADMIN);
    }
}
