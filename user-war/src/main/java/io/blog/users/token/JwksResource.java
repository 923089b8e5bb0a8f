package io.blog.users.token;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** The public keys that verify access tokens (RFC 7517), read by every service's MP JWT. */
@Path("jwks")
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    @PermitAll
    @Produces({"application/jwk-set+json", "application/json"})
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }
}
