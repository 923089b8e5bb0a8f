package io.blog.common.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The signed-in caller of the current request, as far as beans outside JAX-RS need to know it.
 * Set by {@link RevokedTokenFilter} once the token has passed its checks; asking the container
 * for the principal instead logs an error for every anonymous request on Liberty.
 */
@RequestScoped
public class RequestCaller {

    private String username;

    void signedIn(String username) {
        this.username = username;
    }

    /** The username, or null for an anonymous request. */
    public String username() {
        return username;
    }
}
