package io.blog.posts.view;

import io.blog.common.http.ClientAddress;
import io.blog.common.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The view beacon: the article page reports that it was shown, and gets the exact total back. */
@Path("{slug: [^/.]+}/views")
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    @Inject
    ViewBeacon beacon;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest httpRequest;

    @Context
    SecurityContext security;

    @POST
    public ViewBeacon.ViewCount viewed(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return beacon.count(slug, Caller.of(security), clientAddress.of(httpRequest), userAgent);
    }
}
