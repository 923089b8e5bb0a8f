package io.blog.console.auth;

import java.time.Instant;
import java.util.Set;

/** A signed-in operator: who, with which roles, and the tokens the console holds for them. */
public record Operator(String username, Set<String> roles, String accessToken, String refreshToken, Instant accessExpiresAt) {

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }
}
